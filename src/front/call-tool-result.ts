import { isCallToolResult } from '@modelcontextprotocol/server';

const TOP = new Set(['content', 'isError', 'structuredContent']);

/** `{ content: [{ type: 'text', text }...], isError?, structuredContent? }` and nothing else. */
function isPlainTextResult(r: Record<string, unknown>): boolean {
  const content = r.content;
  if (!Array.isArray(content) || (r.isError !== undefined && typeof r.isError !== 'boolean')) return false;
  for (const k in r) if (!TOP.has(k)) return false;
  for (const b of content) {
    if (typeof b !== 'object' || b === null || (b as { type?: unknown }).type !== 'text') return false;
    if (typeof (b as { text?: unknown }).text !== 'string') return false;
    let keys = 0;
    for (const _ in b) keys++;
    if (keys !== 2) return false;
  }
  return true;
}

/**
 * The SDK's `isCallToolResult`, answered without its schema parse for the common shape (text blocks only, at most
 * `isError` and `structuredContent` beside them), which that schema accepts as it is (ADR 0017, Decision 8). Every
 * other result is checked by the SDK.
 */
export function isValidCallToolResult(r: unknown): r is Record<string, unknown> {
  if (typeof r !== 'object' || r === null || Array.isArray(r)) return isCallToolResult(r);
  return isPlainTextResult(r as Record<string, unknown>) || isCallToolResult(r);
}
