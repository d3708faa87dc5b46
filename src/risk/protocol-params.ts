/**
 * The API's own authentication and transport parameters are not evidence about what a tool does.
 *
 * Specs declare how the caller signs or authenticates on every operation (AWS SigV4 headers, Google's
 * standard query parameters, an `access_token` query parameter): a field named like a credential there
 * is the caller's auth, not a credential the tool reads or sets. Parameters of an `apiKey` security
 * scheme never reach here (the OpenAPI importer hides them from the agent). A tool that returns or
 * manages secrets is still credential-access: that comes from its nouns and its output schema.
 */
import type { ToolSource } from '../core/tool.js';
import type { SchemaField } from './schema-fields.js';

/** AWS Signature Version 4 request parameters (header or query) and the JSON-protocol target header. */
const sigV4 = /^x-amz-(algorithm|credential|date|security-token|signature|signedheaders|content-sha256|target)$/i;

/**
 * Google's standard query parameters, declared on every operation of its discovery-generated specs.
 * Recognised only as a set (several of them together), so a tool's own `key` or `fields` field stays evidence.
 */
const googleStandard = new Set([
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
const googleSetMin = 4;

/** Names a caller's own credential takes as a query/header parameter of an HTTP API. */
const callerAuth = new Set([
  'access_token',
  'oauth_token',
  'auth_token',
  'api_key',
  'apikey',
  'x-api-key',
  'authorization',
]);

/** Why a top-level input field is the API's auth or transport parameter, or undefined when it is not. */
export function protocolParamReason(
  field: SchemaField,
  source: ToolSource,
  topLevelNames: ReadonlySet<string>,
): string | undefined {
  if (field.depth !== 0) return undefined;
  const name = field.name.toLowerCase();
  if (sigV4.test(name)) return 'AWS SigV4 parameter';
  if (googleStandard.has(name) && googleCount(topLevelNames) >= googleSetMin) return 'Google standard parameter';
  if (source.kind === 'openapi' && callerAuth.has(name)) return "the caller's own credential";
  return undefined;
}

function googleCount(names: ReadonlySet<string>): number {
  let n = 0;
  for (const x of names) if (googleStandard.has(x)) n++;
  return n;
}

/**
 * The input fields that are evidence: without the API's auth and transport parameters (and what is
 * nested in them). Returns the kept fields and the names dropped.
 */
export function withoutProtocolParams(
  fields: readonly SchemaField[],
  source: ToolSource,
): { fields: SchemaField[]; dropped: string[] } {
  const top = new Set(fields.filter((f) => f.depth === 0).map((f) => f.name.toLowerCase()));
  const dropped: string[] = [];
  const kept: SchemaField[] = [];
  let skipping = false;
  for (const f of fields) {
    if (f.depth === 0) skipping = protocolParamReason(f, source, top) !== undefined;
    if (skipping) {
      if (f.depth === 0) dropped.push(f.name);
      continue;
    }
    kept.push(f);
  }
  return { fields: kept, dropped };
}
