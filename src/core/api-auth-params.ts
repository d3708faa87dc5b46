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

/**
 * Names a caller's own credential takes as a query/header parameter of an HTTP API, matched whole: recognised
 * with or without a location (the risk engine sees tool fields, not parameters, and has always used these).
 */
const CALLER_AUTH: ReadonlySet<string> = new Set([
  'access_token',
  'oauth_token',
  'auth_token',
  'api_key',
  'apikey',
  'x-api-key',
  'authorization',
]);

/** OAuth 1.0a protocol parameters (RFC 5849 §3.1): the signer's, like SigV4's. */
const OAUTH1 = /^oauth_(consumer_key|token|signature_method|signature|timestamp|nonce|version)$/i;

/**
 * The name rule for a caller's credential: the name with its separators removed (`X-VTEX-API-AppKey` →
 * `xvtexapiappkey`) ends with a credential noun qualified as the caller's: an API/app/access/auth/consumer/
 * subscription… key, an API/app/access/auth/refresh/session… token, an API/app/client/consumer/shared secret,
 * an API/app password. Unqualified `key`, `token`, `secret` in a query (a record key, a pagination or
 * confirmation token) and `client`/`idempotency` tokens and keys are not credentials and stay the tool's.
 */
const CREDENTIAL_SUFFIX =
  /(api|app|access|auth|consumer|subscription|developer|master|service|secret)key$|(api|app|access|auth|refresh|session|private|account|server|bearer|security)token$|(api|app|client|consumer|shared|token)secret$|(api|app)password$/;

/**
 * In a header any name whose last word is a credential noun is the caller's credential (`Token`, `X-Auth-Secret`,
 * `ClearBlade-DevToken`, `X-Registry-Auth`, `x-amz-server-side-encryption-customer-key`), except the retry and
 * paging tokens HTTP APIs name the same way (`Idempotency-Key`, `X-Amzn-Client-Token`, `X-Next-Token`).
 */
const HEADER_NOUN = /(token|key|secret|password|auth|authorization|authentication)$/;
const NOT_A_CREDENTIAL = /^(idempotency|client|request|next|continuation|page|lock|sync|cursor)$/;

/** Words of a parameter name: split at separators and at lower→upper case changes (`X-RapidAPI-Key` → x rapid api key). */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function isHeaderCredential(name: string): boolean {
  const w = words(name);
  const last = w[w.length - 1] ?? '';
  const noun = HEADER_NOUN.exec(last)?.[1];
  if (noun === undefined) return false;
  // The qualifier: the word before (`Client Token`), or the front of a fused word (`IDEMPOTENCYKEY`).
  const qualifier = last.length > noun.length ? last.slice(0, -noun.length) : w[w.length - 2];
  return qualifier === undefined || !NOT_A_CREDENTIAL.test(qualifier);
}

export type ApiAuthParamKind = 'sigv4' | 'google-standard' | 'caller-credential';

export interface ApiAuthParamOptions {
  /** Also the caller-credential names (`access_token`, `X-Api-Key`, `app_key`, …), meant for HTTP APIs. */
  callerCredential: boolean;
  /**
   * Where the parameter goes, when known (the OpenAPI importer). Turns on the name rule (CREDENTIAL_SUFFIX,
   * OAuth 1.0a, and HEADER_CREDENTIAL for headers); without it only the whole names of CALLER_AUTH and the
   * classic spellings match (the risk engine, which sees tool fields, not parameters).
   */
  in?: 'query' | 'header' | 'cookie';
}

/**
 * Whether a top-level parameter (or input field) named `name` is the API's auth/transport parameter, given the
 * lowercased names of all top-level parameters of the same operation (Google's set is recognised only together).
 */
export function apiAuthParamKind(
  name: string,
  siblings: ReadonlySet<string>,
  options: ApiAuthParamOptions,
): ApiAuthParamKind | undefined {
  const n = name.toLowerCase();
  if (SIGV4.test(n)) return 'sigv4';
  if (GOOGLE_STANDARD.has(n) && googleCount(siblings) >= GOOGLE_SET_MIN) return 'google-standard';
  if (!options.callerCredential) return undefined;
  if (CALLER_AUTH.has(n)) return 'caller-credential';
  if (options.in === undefined) return undefined;
  const compact = n.replace(/[^a-z0-9]/g, '');
  if (OAUTH1.test(n) || CREDENTIAL_SUFFIX.test(compact)) return 'caller-credential';
  if (options.in === 'header' && isHeaderCredential(name)) return 'caller-credential';
  return undefined;
}

function googleCount(names: ReadonlySet<string>): number {
  let n = 0;
  for (const x of names) if (GOOGLE_STANDARD.has(x)) n++;
  return n;
}
