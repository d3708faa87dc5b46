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

/** Why request JSON text was refused: it is not JSON (`syntax`), or its shape is one {@link jsonShapeProblem} names. */
export class JsonRequestError extends Error {
  override readonly name = 'JsonRequestError';
  constructor(
    readonly reason: 'syntax' | 'shape',
    message: string,
  ) {
    super(message);
  }
}

/**
 * JSON text an agent or a client sent, parsed and its shape checked: what every entry point that parses request JSON
 * itself uses (the HTTP front door's `/mcp` bodies, the REST API's bodies, explain's `args`, the CLI's `--args`), so
 * no parsed value reaches policy, validation or the audit log unchecked. Throws a {@link JsonRequestError}; each
 * entry point answers it in its own error shape. (Over stdio the SDK parses: the front-door port checks what it
 * hands to the pipeline, gateway/front-port.ts.)
 */
export function parseJsonRequest(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new JsonRequestError('syntax', 'not valid JSON');
  }
  const shape = jsonShapeProblem(value);
  if (shape) throw new JsonRequestError('shape', shape);
  return value;
}
