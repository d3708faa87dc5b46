const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A POST of one message that is not a response, not `initialize`, and carries the per-request envelope claim
 * (`params._meta` holding the protocol-version key): the SDK's `isLegacyRequest` answers false for every such body
 * (it is modern, or a rejection the modern path answers), so the front door need not ask it — it builds a web
 * Request and runs its schemas, 13 % of a 2026-era call's CPU (ADR 0017, Decision 10). Every other request asks it.
 */
export function surelyModern(httpMethod: string | undefined, body: unknown): boolean {
  if (httpMethod !== 'POST' || !isPlainObject(body) || 'result' in body || 'error' in body) return false;
  if (body.method === 'initialize' || !isPlainObject(body.params)) return false;
  const meta = body.params._meta;
  return isPlainObject(meta) && 'io.modelcontextprotocol/protocolVersion' in meta;
}
