/**
 * A `method` choice of HTTP methods is a request's or a route's method, not the tool's operation (twenty-sixth round;
 * docs/risk.md, side effect).
 *
 * An operation selector (`"action": create|update|delete`) says what a tool may do, so each of its state-changing
 * values raises the side effect. But a `method` or `verb` field whose values are the HTTP methods of RFC 9110 §9 (GET,
 * POST, PUT, PATCH, DELETE…) names the method of another request: the route an API definition serves (`create_api`
 * with `method: GET|POST|DELETE`), the request a mock basket answers (`/baskets/{name}/responses/{method}`). The value
 * `DELETE` there deletes nothing; defining or editing that route is the change.
 *
 * Only where the tool's own operation is known otherwise: an OpenAPI operation (its own HTTP method is its action) or a
 * tool whose verb creates, adds, updates or sets (it stores a definition); likewise a tool that generates or signs a
 * link or request for the chosen method (a pre-signed URL for GET, PUT or DELETE) sends nothing itself.
 *
 * A tool that sends the request with the method chosen (`curl`, `http_request`, a fetch with a method, a passthrough to
 * its provider's API) changes remote state when the caller picks POST, PUT, PATCH or DELETE, but what it changes is
 * named by the URL and body of each call, not by the definition (thirty-fourth round, settled for the labels: held-out
 * 43 and 85's generic network clients): a `data-change` without category, one reason for the unsafe methods, not a
 * delete, a create and a payment at once. The call's own method is an argument policy can judge (`args.method`,
 * docs/configuration.md). A choice of safe methods only (RFC 9110 §9.2.1: GET, HEAD, OPTIONS, TRACE) reads.
 */
/** RFC 9110 §9 methods and PATCH (RFC 5789), upper or lower case. */
const httpMethods = new Set([
  'get',
  'head',
  'post',
  'put',
  'delete',
  'connect',
  'options',
  'trace',
  'patch',
  'any',
  '*',
]);
/** Verbs (stemmed) that store a definition: what the route or response will do is its content. Not request, send,
 * call, fetch or invoke, which make the request. */
const storing = new Set(
  'create add update edit modify set put define register configure upsert replace save patch'.split(' '),
);

/** Verbs of tools that make a link or request for the chosen method and send nothing (a pre-signed URL). */
const making = new Set(['generate', 'sign', 'presign']);
/** Read verbs that make the request they name: a fetch sends the method chosen. */
const sendingReads = new Set(['fetch', 'request']);
/** RFC 9110 §9.2.1 safe methods. */
const safe = new Set(['get', 'head', 'options', 'trace']);

const methodList = (values: readonly string[]): boolean =>
  values.length >= 2 && values.every((v) => httpMethods.has(v.toLowerCase()));

/** True when a field's enum lists only HTTP methods and the tool's own operation is known otherwise (module comment). */
export function httpMethodChoice(
  enumValues: readonly string[],
  ctx: { isApi: boolean; verb: string | undefined },
): boolean {
  if (!methodList(enumValues)) return false;
  return ctx.isApi || (ctx.verb !== undefined && (storing.has(ctx.verb) || making.has(ctx.verb)));
}

/**
 * Why a tool that sends a request with the method chosen changes remote state, if its choice lists an unsafe method
 * (module comment): undefined for other enums, for safe methods only, and where the name's read verb is a filter
 * (`list_requests` by method), not a fetch.
 */
export function sentMethodsReason(
  field: { name: string; enumValues: readonly string[] },
  ctx: { nameSaysRead: boolean; verb: string | undefined },
): string | undefined {
  if (!methodList(field.enumValues)) return undefined;
  if (ctx.nameSaysRead && !sendingReads.has(ctx.verb ?? '')) return undefined;
  const unsafe = field.enumValues.filter((v) => !safe.has(v.toLowerCase()) && v !== '*');
  if (unsafe.length === 0) return undefined;
  return `field '${field.name}' sends the caller's choice of ${unsafe.join(', ')}: a change the call's URL and body name, not the definition`;
}
