/**
 * How deeply a request's JSON may nest: far beyond any tool's arguments (MCP's own envelope adds four levels), far
 * below what recursive code (argument validation, CEL, canonical JSON, redaction, an upstream's own parser) can
 * take before its stack overflows.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Why a parsed JSON request cannot be served as it was sent, or undefined: containers nested deeper than
 * {@link MAX_JSON_DEPTH}, or a number beyond a 64-bit float (`1e400` parses to Infinity, which policy compares as
 * infinite but canonical JSON, the audit record and the outbound request cannot carry: the audit showed `null`).
 * Iterative, so a body nested 100,000 deep is judged without recursion; checked before any other work.
 */
export function jsonShapeProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): string | undefined {
  const pending: Array<{ v: unknown; depth: number }> = [{ v: value, depth: 1 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { v, depth } = next;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return 'a number is too large for a 64-bit float (beyond ±1.8e308)';
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth > maxDepth) return `JSON nested deeper than ${maxDepth} levels`;
    for (const child of Array.isArray(v) ? v : Object.values(v)) pending.push({ v: child, depth: depth + 1 });
  }
  return undefined;
}
