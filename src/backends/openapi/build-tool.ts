/**
 * Turns one normalised operation into an MCP tool definition plus the call plan that maps the tool's
 * arguments back onto the HTTP request.
 *
 * Argument names (documented rename rule, deterministic):
 * - parameters keep their name, in the order path, query, header, cookie; a parameter whose name is
 *   already taken is renamed `<in>_<name>` (e.g. `header_id`);
 * - properties of an object request body become top-level arguments; one whose name is taken is
 *   renamed `body_<name>`;
 * - a body that is not a plain object (array, string, binary, free-form) is one argument `body`;
 * - when the operation accepts several body content types, `contentType` selects one (default: the
 *   preferred type: JSON, form, multipart, merge-patch, strategic-merge-patch, json-patch, text, binary);
 * - if a renamed name is still taken, `_2`, `_3`, ... is appended.
 */
import { apiAuthParamKind } from '../../core/api-auth-params.js';
import { CREDENTIAL_ARG_PREFIX, isGatewayOnlyHeader } from './credential-boundary.js';
import type { BackendTool, JsonObject, ToolAnnotations } from '../../core/tool.js';
import { isJsonMime, type NormalizedOperation } from './operations.js';
import { isObject } from './ref-resolver.js';
import { listResponseEvidence } from './response-evidence.js';
import type { BodyPlan, CallPlan, ParamPlan } from './types.js';

const MAX_DESCRIPTION = 4000;
const LOCATION_ORDER = { path: 0, query: 1, header: 2, cookie: 3 } as const;

/** Schema of a binary field: text content, or base64 with an optional file name and media type. */
export const BINARY_ARG_SCHEMA: JsonObject = {
  anyOf: [
    { type: 'string', description: 'Content as text (sent as UTF-8).' },
    {
      type: 'object',
      properties: {
        base64: { type: 'string', contentEncoding: 'base64', description: 'Content, base64-encoded.' },
        filename: { type: 'string' },
        contentType: { type: 'string' },
      },
      required: ['base64'],
      additionalProperties: false,
    },
  ],
};

function isBinary(schema: unknown): boolean {
  return isObject(schema) && schema.type === 'string' && schema.format === 'binary';
}

function replaceBinary(schema: JsonObject | boolean): JsonObject | boolean {
  if (!isBinary(schema)) return schema;
  const s = schema as JsonObject;
  return typeof s.description === 'string' ? { ...BINARY_ARG_SCHEMA, description: s.description } : BINARY_ARG_SCHEMA;
}

/** Properties / required of an object schema (merging an all-object allOf), or undefined. */
function objectShape(
  schema: JsonObject | boolean,
): { properties: Record<string, JsonObject | boolean>; required: string[] } | undefined {
  if (typeof schema !== 'object') return undefined;
  if (schema.anyOf !== undefined || schema.oneOf !== undefined || schema.not !== undefined) return undefined;
  if (schema.type !== undefined && schema.type !== 'object') return undefined;
  const properties: Record<string, JsonObject | boolean> = {};
  const required: string[] = [];
  if (isObject(schema.properties)) Object.assign(properties, schema.properties);
  if (Array.isArray(schema.required)) required.push(...(schema.required as string[]));
  if (Array.isArray(schema.allOf)) {
    for (const member of schema.allOf as (JsonObject | boolean)[]) {
      const shape = objectShape(member);
      if (!shape) return undefined;
      Object.assign(properties, shape.properties);
      required.push(...shape.required);
    }
  }
  if (Object.keys(properties).length === 0) return undefined;
  return { properties, required: [...new Set(required)].filter((r) => r in properties) };
}

const DEFAULT_ACCEPT = 'application/json, */*;q=0.8';

function acceptFor(types: string[]): string {
  const concrete = types.filter((t) => !t.includes('*'));
  const json = concrete.filter((t) => isJsonMime(t));
  const chosen = json.length > 0 ? json : concrete;
  return chosen.length > 0 ? chosen.join(', ') : DEFAULT_ACCEPT;
}

export function buildDescription(op: NormalizedOperation): string {
  const parts = [op.summary, op.description].filter((p): p is string => !!p);
  if (parts.length === 2 && parts[1]!.startsWith(parts[0]!)) parts.shift();
  let text = parts.join('\n\n').trim();
  if (text === '') text = `${op.header.method} ${op.header.path}`;
  if (op.deprecated) text = `[deprecated] ${text}`;
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 1)}…` : text;
}

function annotationsFor(op: NormalizedOperation): ToolAnnotations {
  const m = op.header.method;
  const readOnly = m === 'GET' || m === 'HEAD' || m === 'OPTIONS';
  return {
    ...(op.summary ? { title: op.summary } : {}),
    readOnlyHint: readOnly,
    ...(m === 'DELETE' ? { destructiveHint: true } : {}),
    ...(readOnly || m === 'PUT' || m === 'DELETE' ? { idempotentHint: true } : {}),
    openWorldHint: true,
  };
}

/** Security scopes and scalar `x-` extensions of the operation, passed to the risk classifier as evidence. */
function riskEvidence(op: NormalizedOperation): {
  scopes?: string[];
  extensions?: Record<string, string | number | boolean>;
  responseSchema?: JsonObject;
  createdOnly?: true;
} {
  const scopes = [...new Set(op.security.flatMap((alt) => Object.values(alt).flat()))];
  const extensions: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(op.header.op)) {
    if (!k.startsWith('x-')) continue;
    if (typeof v === 'string') extensions[k] = v.slice(0, 200);
    else if (typeof v === 'number' || typeof v === 'boolean') extensions[k] = v;
  }
  const responseSchema = listResponseEvidence(op.responseSchema);
  return {
    ...(scopes.length > 0 ? { scopes } : {}),
    ...(Object.keys(extensions).length > 0 ? { extensions } : {}),
    ...(responseSchema ? { responseSchema } : {}),
    ...(op.createdOnly ? { createdOnly: true as const } : {}),
  };
}

export interface BuildToolOptions {
  backend: string;
  name: string;
  /** Parameters injected by the gateway (credentials): never offered to the agent. Key: `${in}:${lowercased name}`. */
  hiddenParams: ReadonlySet<string>;
  /** Parameter / form-field names (lowercase, any location) the gateway fills with a credential. */
  injectNames?: ReadonlySet<string>;
  /** Server list to use instead of the spec's. */
  servers?: string[];
  /**
   * Names (lowercase) of the spec's apiKey security schemes: reserved on every operation, declared as a
   * parameter there or not, so no agent-built query, header or cookie name can set one.
   */
  schemeParams?: ReadonlySet<string>;
}

export interface BuiltTool {
  tool: BackendTool;
  plan: CallPlan;
  /** Parameters withheld from the agent because their name is a caller credential's (`header X-Api-Key`). */
  withheld: string[];
}

export function buildTool(op: NormalizedOperation, opts: BuildToolOptions): BuiltTool {
  const taken = new Set<string>();
  const claim = (preferred: string, fallback: string): string => {
    let n = taken.has(preferred) ? fallback : preferred;
    for (let i = 2; taken.has(n); i++) n = `${fallback}_${i}`;
    taken.add(n);
    return n;
  };
  const properties: JsonObject = {};
  const required: string[] = [];
  const params: ParamPlan[] = [];

  const sorted = [...op.parameters].sort((a, b) => LOCATION_ORDER[a.in] - LOCATION_ORDER[b.in]);
  const injected: { arg: string; name: string }[] = [];
  const injectArg = (name: string): string | undefined => {
    if (!opts.injectNames?.has(name.toLowerCase())) return undefined;
    const arg = `${CREDENTIAL_ARG_PREFIX}${name}`;
    injected.push({ arg, name });
    return arg;
  };
  const siblings = new Set(sorted.filter((p) => p.in !== 'path').map((p) => p.name.toLowerCase()));
  const apiAuthParams: string[] = [...(opts.schemeParams ?? [])];
  const withheld: string[] = [];
  for (const p of sorted) {
    if (opts.hiddenParams.has(`${p.in}:${p.name.toLowerCase()}`)) continue;
    // Hop-by-hop, framing and credential headers are the gateway's, whatever the spec declares.
    if (p.in === 'header' && isGatewayOnlyHeader(p.name)) continue;
    const secretArg = injectArg(p.name);
    // The API's own signature/auth/transport parameters (SigV4, Google's standard set, access_token): the gateway's.
    const kind =
      secretArg || p.in === 'path'
        ? undefined
        : apiAuthParamKind(p.name, siblings, { callerCredential: true, in: p.in });
    if (kind) {
      apiAuthParams.push(p.name.toLowerCase());
      if (kind === 'caller-credential') withheld.push(`${p.in} ${p.name}`);
      continue;
    }
    const arg = secretArg ?? claim(p.name, `${p.in}_${p.name}`);
    if (!secretArg) {
      properties[arg] = p.schema;
      if (p.required) required.push(arg);
    }
    params.push({
      arg,
      name: p.name,
      in: p.in,
      style: p.style,
      explode: p.explode,
      allowReserved: p.allowReserved,
      required: p.required,
      json: p.json,
    });
  }

  let body: BodyPlan | undefined;
  if (op.body) {
    const primary = op.body.contents[0]!;
    const types = op.body.contents.map((c) => c.type);
    const shape = /octet-stream|text\/plain/i.test(primary.type) ? undefined : objectShape(primary.schema);
    body = { contentTypes: types, required: op.body.required, encoding: primary.encoding };
    if (shape) {
      body.properties = [];
      for (const [prop, schema] of Object.entries(shape.properties)) {
        const secretArg = injectArg(prop);
        if (secretArg) {
          body.properties.push({ arg: secretArg, prop });
          continue;
        }
        const arg = claim(prop, `body_${prop}`);
        properties[arg] = replaceBinary(schema);
        if (isBinary(schema)) (body.binaryProps ??= []).push(prop);
        if (shape.required.includes(prop)) required.push(arg);
        body.properties.push({ arg, prop });
      }
    } else {
      const arg = claim('body', 'request_body');
      let schema = replaceBinary(primary.schema);
      if (
        /octet-stream/i.test(primary.type) &&
        !isBinary(schema) &&
        typeof schema === 'object' &&
        schema.type === undefined
      )
        schema = BINARY_ARG_SCHEMA;
      const patch = types.some((t) => /json-patch\+json/i.test(t));
      if (patch && typeof schema === 'object' && schema.type === 'object') {
        schema = { anyOf: [schema, { type: 'array', items: { type: 'object' } }] };
      }
      if (op.body.description && typeof schema === 'object' && schema.description === undefined)
        schema = { ...schema, description: op.body.description };
      properties[arg] = schema;
      if (op.body.required) required.push(arg);
      body.arg = arg;
    }
    if (types.length > 1) {
      const arg = claim('contentType', 'request_contentType');
      properties[arg] = {
        type: 'string',
        enum: types,
        default: types[0],
        description: 'Media type of the request body.',
      };
      body.contentTypeArg = arg;
    }
  }

  const inputSchema: JsonObject = { type: 'object', properties, additionalProperties: false };
  if (required.length > 0) inputSchema.required = [...new Set(required)];

  const h = op.header;
  const tool: BackendTool = {
    localName: opts.name,
    definition: {
      name: opts.name,
      ...(op.summary ? { title: op.summary } : {}),
      description: buildDescription(op),
      inputSchema,
      ...(op.outputSchema ? { outputSchema: op.outputSchema } : {}),
      annotations: annotationsFor(op),
    },
    source: {
      kind: 'openapi',
      backend: opts.backend,
      method: h.method,
      path: h.path,
      ...(h.operationId ? { operationId: h.operationId } : {}),
      ...(h.tags.length > 0 ? { tags: h.tags } : {}),
      ...(op.summary ? { summary: op.summary } : {}),
      ...riskEvidence(op),
    },
  };
  const plan: CallPlan = {
    method: h.method,
    path: h.path,
    servers: opts.servers ?? op.servers,
    params,
    ...(body ? { body } : {}),
    security: op.security,
    ...(injected.length > 0 ? { injected } : {}),
    ...(apiAuthParams.length > 0 ? { apiAuthParams: [...new Set(apiAuthParams)] } : {}),
    accept: acceptFor(op.responseTypes),
    hasOutputSchema: op.outputSchema !== undefined,
  };
  return { tool, plan, withheld };
}
