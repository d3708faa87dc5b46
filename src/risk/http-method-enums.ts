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
 * tool whose verb creates, adds, updates or sets (it stores a definition). A tool that sends a request with the method
 * chosen (`http_request`, a fetch) keeps every value, fail closed: it may send the DELETE.
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

/** True when a field's enum lists only HTTP methods and the tool's own operation is known otherwise (module comment). */
export function httpMethodChoice(
  enumValues: readonly string[],
  ctx: { isApi: boolean; verb: string | undefined },
): boolean {
  if (enumValues.length < 2 || !enumValues.every((v) => httpMethods.has(v.toLowerCase()))) return false;
  return ctx.isApi || (ctx.verb !== undefined && storing.has(ctx.verb));
}
