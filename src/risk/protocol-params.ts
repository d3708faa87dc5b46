/**
 * The API's own authentication and transport parameters are not evidence about what a tool does.
 *
 * Specs declare how the caller signs or authenticates on every operation (AWS SigV4 headers, Google's
 * standard query parameters, an `access_token` query parameter): a field named like a credential there
 * is the caller's auth, not a credential the tool reads or sets. Parameters of an `apiKey` security
 * scheme never reach here (the OpenAPI importer hides them from the agent). A tool that returns or
 * manages secrets is still credential-access: that comes from its nouns and its output schema.
 */
import { apiAuthParamKind } from '../core/api-auth-params.js';
import type { ToolSource } from '../core/tool.js';
import type { SchemaField } from './schema-fields.js';

const REASONS = {
  sigv4: 'AWS SigV4 parameter',
  'google-standard': 'Google standard parameter',
  'caller-credential': "the caller's own credential",
} as const;

/** Why a top-level input field is the API's auth or transport parameter, or undefined when it is not. */
export function protocolParamReason(
  field: SchemaField,
  source: ToolSource,
  topLevelNames: ReadonlySet<string>,
): string | undefined {
  if (field.depth !== 0) return undefined;
  const kind = apiAuthParamKind(field.name, topLevelNames, { callerCredential: source.kind === 'openapi' });
  return kind ? REASONS[kind] : undefined;
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
