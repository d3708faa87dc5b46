/**
 * An HTTP API's own authentication and transport parameters: how the caller signs or authenticates a request
 * (AWS SigV4 headers and query parameters, Google's standard query parameters, an `access_token` or `api_key`
 * parameter). Specs declare them on every operation. They belong to the gateway (it injects the credential), never
 * to an agent, and they say nothing about what a tool does. One definition, used by the OpenAPI importer (hidden
 * from agents, refused when sent) and by the risk engine (not evidence). Pure; no I/O.
 */

/** AWS Signature Version 4 request parameters (header or query) and the JSON-protocol target header. */
const SIGV4 = /^x-amz-(algorithm|credential|date|security-token|signature|signedheaders|content-sha256|target)$/i;

/**
 * Google's standard query parameters, declared on every operation of its discovery-generated specs.
 * Recognised only as a set (several of them together), so a tool's own `key` or `fields` field stays its own.
 */
const GOOGLE_STANDARD: ReadonlySet<string> = new Set([
  '$.xgafv',
  'access_token',
  'alt',
  'callback',
  'fields',
  'key',
  'oauth_token',
  'prettyprint',
  'quotauser',
  'upload_protocol',
  'uploadtype',
  'userip',
]);
const GOOGLE_SET_MIN = 4;

/** Names a caller's own credential takes as a query/header parameter of an HTTP API. */
const CALLER_AUTH: ReadonlySet<string> = new Set([
  'access_token',
  'oauth_token',
  'auth_token',
  'api_key',
  'apikey',
  'x-api-key',
  'authorization',
]);

export type ApiAuthParamKind = 'sigv4' | 'google-standard' | 'caller-credential';

/**
 * Whether a top-level parameter (or input field) named `name` is the API's auth/transport parameter, given the
 * lowercased names of all top-level parameters of the same operation (Google's set is recognised only together).
 * `callerCredential`: also the generic credential names (`access_token`, `api_key`, …), meant for HTTP APIs.
 */
export function apiAuthParamKind(
  name: string,
  siblings: ReadonlySet<string>,
  options: { callerCredential: boolean },
): ApiAuthParamKind | undefined {
  const n = name.toLowerCase();
  if (SIGV4.test(n)) return 'sigv4';
  if (GOOGLE_STANDARD.has(n) && googleCount(siblings) >= GOOGLE_SET_MIN) return 'google-standard';
  if (options.callerCredential && CALLER_AUTH.has(n)) return 'caller-credential';
  return undefined;
}

function googleCount(names: ReadonlySet<string>): number {
  let n = 0;
  for (const x of names) if (GOOGLE_STANDARD.has(x)) n++;
  return n;
}
