/**
 * Caller-supplied text echoed in an error (a tool name, a URI) is clipped, with its length: a 200 KB tool name
 * is neither sent back whole nor copied into logs.
 */
export function clipForDisplay(text: string, max = 128): string {
  return text.length <= max ? text : `${text.slice(0, max)}…[${text.length} chars]`;
}
