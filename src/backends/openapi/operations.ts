/**
 * Reads the operations of an OpenAPI 3.x or Swagger 2.0 document into one normalised model:
 * servers, parameters (with their serialisation style), request body content types, output schema
 * and security requirements.
 */
import type { JsonObject } from '../../core/tool.js';
import { isObject, type RefResolver } from './ref-resolver.js';
import type { SchemaConverter } from './schema-convert.js';
import type { ParamLocation, ParamStyle, PropertyEncoding, SecurityRequirementAlt, SecurityScheme } from './types.js';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface OperationHeader {
  method: string;
  path: string;
  operationId?: string;
  tags: string[];
  op: Record<string, unknown>;
  pathItem: Record<string, unknown>;
  base: string;
}

export interface NormalizedParam {
  name: string;
  in: ParamLocation;
  required: boolean;
  schema: JsonObject | boolean;
  style: ParamStyle;
  explode: boolean;
  allowReserved: boolean;
  json: boolean;
}

export interface BodyContent {
  type: string;
  schema: JsonObject | boolean;
  encoding: Record<string, PropertyEncoding>;
}

export interface NormalizedOperation {
  header: OperationHeader;
  summary?: string;
  description?: string;
  deprecated: boolean;
  servers: string[];
  parameters: NormalizedParam[];
  body?: { required: boolean; description?: string; contents: BodyContent[] };
  outputSchema?: JsonObject;
  /**
   * A JSON success response that is not an object (a list): never served (MCP's outputSchema is an object
   * schema), but risk evidence of what the operation returns (docs/risk.md).
   */
  responseSchema?: JsonObject;
  /** Media types of the success responses (for Accept). */
  responseTypes: string[];
  /**
   * Every success response is 201 Created or 202 Accepted (RFC 9110 §15.3.2-3): the operation makes a resource or
   * accepts a job. Risk evidence only.
   */
  createdOnly: boolean;
  security: SecurityRequirementAlt[];
}

export type SpecVersion = '2.0' | '3.0' | '3.1';

export function detectVersion(root: unknown): SpecVersion {
  if (!isObject(root)) throw new Error('Not an OpenAPI document: the top level is not an object');
  if (typeof root.swagger === 'string' && root.swagger.startsWith('2')) return '2.0';
  if (typeof root.openapi === 'string')
    return root.openapi.startsWith('3.1') || root.openapi.startsWith('3.2') ? '3.1' : '3.0';
  throw new Error('Not an OpenAPI document: neither an "openapi" nor a "swagger: 2.0" field');
}

/** Cheap first pass: every operation with what include/exclude filters need. */
export function enumerateOperations(resolver: RefResolver): OperationHeader[] {
  const root = resolver.root as Record<string, unknown>;
  const out: OperationHeader[] = [];
  if (!isObject(root.paths)) return out;
  for (const [path, rawItem] of Object.entries(root.paths)) {
    const { value: item, baseHref } = resolver.deref(rawItem, resolver.rootHref);
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const tags = Array.isArray(op.tags) ? op.tags.filter((t): t is string => typeof t === 'string') : [];
      out.push({
        method: method.toUpperCase(),
        path,
        ...(typeof op.operationId === 'string' && op.operationId.trim() !== ''
          ? { operationId: op.operationId.trim() }
          : {}),
        tags,
        op,
        pathItem: item,
        base: baseHref,
      });
    }
  }
  return out;
}

const MIME_RANK: [RegExp, number][] = [
  [/^application\/json$/i, 0],
  [/^application\/(?!json-patch|merge-patch|strategic-merge-patch)[\w.-]+\+json$/i, 1],
  [/^application\/x-www-form-urlencoded$/i, 2],
  [/^multipart\/form-data$/i, 3],
  [/^application\/merge-patch\+json$/i, 4],
  [/^application\/strategic-merge-patch\+json$/i, 5],
  [/^application\/json-patch\+json$/i, 6],
  [/^text\/plain$/i, 7],
  [/^application\/octet-stream$/i, 8],
];

export function mimeRank(type: string): number {
  const base = type.split(';')[0]!.trim();
  for (const [re, rank] of MIME_RANK) if (re.test(base)) return rank;
  return 9;
}

export function isJsonMime(type: string): boolean {
  const base = type.split(';')[0]!.trim().toLowerCase();
  return base === 'application/json' || /^application\/[\w.-]+\+json$/.test(base) || base === 'text/json';
}

function substituteServer(server: Record<string, unknown>): string | undefined {
  if (typeof server.url !== 'string') return undefined;
  const vars = isObject(server.variables) ? server.variables : {};
  return server.url.replace(/\{([^}]+)\}/g, (m, name: string) => {
    const v = vars[name];
    if (isObject(v) && (typeof v.default === 'string' || typeof v.default === 'number')) return String(v.default);
    return m;
  });
}

function absolutise(url: string, rootHref: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return url.replace(/\/+$/, '');
  if (url.startsWith('//')) return `https:${url}`.replace(/\/+$/, '');
  if (/^https?:/i.test(rootHref)) return new URL(url, rootHref).href.replace(/\/+$/, '');
  // Relative server next to a local file: only a path; the config's baseUrl supplies the origin.
  return url.replace(/\/+$/, '');
}

function serversFor(version: SpecVersion, resolver: RefResolver, h: OperationHeader): string[] {
  const root = resolver.root as Record<string, unknown>;
  if (version === '2.0') {
    const base = typeof root.basePath === 'string' ? root.basePath : '';
    if (typeof root.host !== 'string' || root.host === '') return [base.replace(/\/+$/, '')];
    const schemes = (
      Array.isArray(h.op.schemes) ? h.op.schemes : Array.isArray(root.schemes) ? root.schemes : ['https']
    ) as string[];
    const scheme = schemes.includes('https') ? 'https' : (schemes[0] ?? 'https');
    return [`${scheme}://${root.host}${base}`.replace(/\/+$/, '')];
  }
  const lists = [h.op.servers, h.pathItem.servers, root.servers];
  for (const list of lists) {
    if (!Array.isArray(list) || list.length === 0) continue;
    const urls = list
      .filter(isObject)
      .map(substituteServer)
      .filter((u): u is string => u !== undefined)
      .map((u) => absolutise(u, resolver.rootHref));
    if (urls.length > 0) return urls;
  }
  return [''];
}

function defaultStyle(loc: ParamLocation): ParamStyle {
  return loc === 'query' || loc === 'cookie' ? 'form' : 'simple';
}

const SWAGGER_PARAM_KEYS = [
  'type',
  'format',
  'items',
  'enum',
  'default',
  'maximum',
  'minimum',
  'exclusiveMaximum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'multipleOf',
  'description',
  'x-nullable',
];

function swaggerParamSchema(p: Record<string, unknown>): Record<string, unknown> {
  const s: Record<string, unknown> = {};
  for (const k of SWAGGER_PARAM_KEYS) if (p[k] !== undefined) s[k] = p[k];
  return s;
}

function collectionStyle(format: unknown, loc: ParamLocation): { style: ParamStyle; explode: boolean } {
  switch (format) {
    case 'multi':
      return { style: 'form', explode: true };
    case 'ssv':
      return { style: 'spaceDelimited', explode: false };
    case 'pipes':
      return { style: 'pipeDelimited', explode: false };
    case 'tsv':
      return { style: 'tabDelimited', explode: false };
    default:
      return { style: defaultStyle(loc) === 'form' ? 'form' : 'simple', explode: false };
  }
}

export function createOperationReader(resolver: RefResolver, converter: SchemaConverter, version: SpecVersion) {
  const root = resolver.root as Record<string, unknown>;

  function mergedParams(h: OperationHeader): { p: Record<string, unknown>; base: string }[] {
    const byKey = new Map<string, { p: Record<string, unknown>; base: string }>();
    for (const list of [h.pathItem.parameters, h.op.parameters]) {
      if (!Array.isArray(list)) continue;
      for (const raw of list) {
        const { value, baseHref } = resolver.deref(raw, h.base);
        if (!isObject(value) || typeof value.name !== 'string' || typeof value.in !== 'string') continue;
        byKey.set(`${value.in}:${value.name}`, { p: value, base: baseHref });
      }
    }
    return [...byKey.values()];
  }

  function describe(schema: JsonObject | boolean, description: unknown): JsonObject | boolean {
    if (typeof description !== 'string' || description.trim() === '' || typeof schema === 'boolean') return schema;
    if (typeof schema.description === 'string') return schema;
    return { ...schema, description: description.trim() };
  }

  function readParams(h: OperationHeader, all: { p: Record<string, unknown>; base: string }[]): NormalizedParam[] {
    const out: NormalizedParam[] = [];
    for (const { p, base } of all) {
      const loc = p.in as string;
      if (loc !== 'path' && loc !== 'query' && loc !== 'header' && loc !== 'cookie') continue;
      const name = p.name as string;
      if (loc === 'header' && /^(accept|content-type|authorization)$/i.test(name)) continue;
      let schema: JsonObject | boolean;
      let style: ParamStyle;
      let explode: boolean;
      let json = false;
      if (version === '2.0') {
        schema = converter.convert(swaggerParamSchema(p), base, 'input');
        ({ style, explode } =
          p.type === 'array'
            ? collectionStyle(p.collectionFormat, loc)
            : { style: defaultStyle(loc), explode: defaultStyle(loc) === 'form' });
      } else {
        let rawSchema: unknown = p.schema;
        if (rawSchema === undefined && isObject(p.content)) {
          const first = Object.entries(p.content)[0];
          rawSchema = isObject(first?.[1]) ? first[1].schema : undefined;
          json = first !== undefined && isJsonMime(first[0]);
        }
        schema = converter.convert(rawSchema ?? {}, base, 'input');
        style = (typeof p.style === 'string' ? p.style : defaultStyle(loc)) as ParamStyle;
        explode = typeof p.explode === 'boolean' ? p.explode : style === 'form';
      }
      out.push({
        name,
        in: loc,
        required: loc === 'path' ? true : p.required === true,
        schema: describe(schema, p.description),
        style,
        explode,
        allowReserved: p.allowReserved === true,
        json,
      });
    }
    return out;
  }

  function readEncoding(enc: unknown): Record<string, PropertyEncoding> {
    const out: Record<string, PropertyEncoding> = {};
    if (!isObject(enc)) return out;
    for (const [prop, e] of Object.entries(enc)) {
      if (!isObject(e)) continue;
      out[prop] = {
        ...(typeof e.style === 'string' ? { style: e.style as ParamStyle } : {}),
        ...(typeof e.explode === 'boolean' ? { explode: e.explode } : {}),
        ...(typeof e.contentType === 'string' ? { contentType: e.contentType } : {}),
      };
    }
    return out;
  }

  function readBody3(h: OperationHeader): NormalizedOperation['body'] {
    if (h.op.requestBody === undefined) return undefined;
    const { value: rb, baseHref } = resolver.deref(h.op.requestBody, h.base);
    if (!isObject(rb) || !isObject(rb.content)) return undefined;
    const contents: BodyContent[] = [];
    for (const [type, media] of Object.entries(rb.content)) {
      if (!isObject(media)) continue;
      contents.push({
        type,
        schema: converter.convert(media.schema ?? {}, baseHref, 'input'),
        encoding: readEncoding(media.encoding),
      });
    }
    if (contents.length === 0) return undefined;
    contents.sort((a, b) => mimeRank(a.type) - mimeRank(b.type));
    return {
      required: rb.required === true,
      ...(typeof rb.description === 'string' ? { description: rb.description } : {}),
      contents,
    };
  }

  function readBody2(
    h: OperationHeader,
    all: { p: Record<string, unknown>; base: string }[],
  ): NormalizedOperation['body'] {
    const consumes = (
      Array.isArray(h.op.consumes) ? h.op.consumes : Array.isArray(root.consumes) ? root.consumes : ['application/json']
    ).filter((c): c is string => typeof c === 'string');
    const bodyParam = all.find((x) => x.p.in === 'body');
    if (bodyParam) {
      const types = consumes.filter((c) => !/form-urlencoded|multipart\/form-data/i.test(c));
      const schema = converter.convert(bodyParam.p.schema ?? {}, bodyParam.base, 'input');
      const list = (types.length > 0 ? types : ['application/json']).map((type) => ({ type, schema, encoding: {} }));
      list.sort((a, b) => mimeRank(a.type) - mimeRank(b.type));
      return { required: bodyParam.p.required === true, contents: list };
    }
    const form = all.filter((x) => x.p.in === 'formData');
    if (form.length === 0) return undefined;
    const properties: JsonObject = {};
    const required: string[] = [];
    const encoding: Record<string, PropertyEncoding> = {};
    let hasFile = false;
    for (const { p, base } of form) {
      const name = p.name as string;
      if (p.type === 'file') hasFile = true;
      properties[name] = describe(converter.convert(swaggerParamSchema(p), base, 'input'), p.description);
      if (p.required === true) required.push(name);
      if (p.type === 'array') encoding[name] = collectionStyle(p.collectionFormat, 'query');
    }
    const schema: JsonObject = { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
    let types = consumes.filter((c) => /form-urlencoded|multipart\/form-data/i.test(c));
    if (hasFile) types = ['multipart/form-data'];
    if (types.length === 0) types = ['application/x-www-form-urlencoded'];
    const contents = types.map((type) => ({ type, schema, encoding }));
    contents.sort((a, b) => mimeRank(a.type) - mimeRank(b.type));
    return { required: required.length > 0, contents };
  }

  /** The first 2xx JSON response schema, converted; `undefined` when none or not a schema. */
  function readOutput(h: OperationHeader): JsonObject | undefined {
    if (!isObject(h.op.responses)) return undefined;
    const codes = Object.keys(h.op.responses)
      .filter((c) => /^2(\d\d|XX)$/i.test(c))
      .sort();
    for (const code of codes) {
      const { value: resp, baseHref } = resolver.deref(h.op.responses[code], h.base);
      if (!isObject(resp)) continue;
      let raw: unknown;
      if (version === '2.0') {
        const produces = (
          Array.isArray(h.op.produces)
            ? h.op.produces
            : Array.isArray(root.produces)
              ? root.produces
              : ['application/json']
        ) as unknown[];
        if (resp.schema !== undefined && produces.some((p) => typeof p === 'string' && isJsonMime(p)))
          raw = resp.schema;
      } else if (isObject(resp.content)) {
        const entry = Object.entries(resp.content).find(([t]) => isJsonMime(t));
        raw = entry && isObject(entry[1]) ? entry[1].schema : undefined;
      }
      if (raw === undefined) return undefined;
      const schema = converter.convert(raw, baseHref, 'output');
      return typeof schema === 'object' ? schema : undefined;
    }
    return undefined;
  }

  function readResponseTypes(h: OperationHeader): string[] {
    const types = new Set<string>();
    if (version === '2.0') {
      const produces = Array.isArray(h.op.produces) ? h.op.produces : Array.isArray(root.produces) ? root.produces : [];
      for (const p of produces) if (typeof p === 'string') types.add(p);
    } else if (isObject(h.op.responses)) {
      for (const [code, raw] of Object.entries(h.op.responses)) {
        if (!/^2(\d\d|XX)$/i.test(code)) continue;
        const { value } = resolver.deref(raw, h.base);
        if (isObject(value) && isObject(value.content)) for (const t of Object.keys(value.content)) types.add(t);
      }
    }
    return [...types];
  }

  function readCreatedOnly(h: OperationHeader): boolean {
    if (!isObject(h.op.responses)) return false;
    const codes = Object.keys(h.op.responses).filter((c) => /^2(\d\d|XX)$/i.test(c));
    return codes.length > 0 && codes.every((c) => c === '201' || c === '202');
  }

  function readSecurity(h: OperationHeader): SecurityRequirementAlt[] {
    const list = Array.isArray(h.op.security) ? h.op.security : Array.isArray(root.security) ? root.security : [];
    return list.filter(isObject).map((alt) => {
      const out: SecurityRequirementAlt = {};
      for (const [k, v] of Object.entries(alt))
        out[k] = Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
      return out;
    });
  }

  return function read(h: OperationHeader): NormalizedOperation {
    const all = mergedParams(h);
    const summary = typeof h.op.summary === 'string' ? h.op.summary.trim() : '';
    const description = typeof h.op.description === 'string' ? h.op.description.trim() : '';
    const body = version === '2.0' ? readBody2(h, all) : readBody3(h);
    const output = readOutput(h);
    const outputSchema = output?.type === 'object' ? output : undefined;
    const responseSchema = output?.type === 'array' ? output : undefined;
    return {
      header: h,
      ...(summary ? { summary } : {}),
      ...(description ? { description } : {}),
      deprecated: h.op.deprecated === true,
      servers: serversFor(version, resolver, h),
      parameters: readParams(h, all),
      ...(body ? { body } : {}),
      ...(outputSchema ? { outputSchema } : {}),
      ...(responseSchema ? { responseSchema } : {}),
      responseTypes: readResponseTypes(h),
      createdOnly: readCreatedOnly(h),
      security: readSecurity(h),
    };
  };
}

export function readSecuritySchemes(resolver: RefResolver, version: SpecVersion): Record<string, SecurityScheme> {
  const root = resolver.root as Record<string, unknown>;
  const raw =
    version === '2.0'
      ? root.securityDefinitions
      : isObject(root.components)
        ? root.components.securitySchemes
        : undefined;
  const out: Record<string, SecurityScheme> = {};
  if (!isObject(raw)) return out;
  for (const [name, node] of Object.entries(raw)) {
    const { value: s } = resolver.deref(node, resolver.rootHref);
    if (!isObject(s) || typeof s.type !== 'string') continue;
    if (s.type === 'basic') out[name] = { type: 'http', scheme: 'basic' };
    else if (s.type === 'apiKey')
      out[name] = {
        type: 'apiKey',
        name: typeof s.name === 'string' ? s.name : '',
        in: s.in === 'query' || s.in === 'cookie' ? s.in : 'header',
      };
    else if (s.type === 'http')
      out[name] = { type: 'http', scheme: (typeof s.scheme === 'string' ? s.scheme : 'bearer').toLowerCase() };
    else if (s.type === 'oauth2') {
      let tokenUrl: string | undefined;
      if (version === '2.0' && s.flow === 'application' && typeof s.tokenUrl === 'string') tokenUrl = s.tokenUrl;
      if (
        isObject(s.flows) &&
        isObject(s.flows.clientCredentials) &&
        typeof s.flows.clientCredentials.tokenUrl === 'string'
      ) {
        tokenUrl = s.flows.clientCredentials.tokenUrl;
      }
      out[name] = { type: 'oauth2', ...(tokenUrl ? { tokenUrl } : {}) };
    } else if (s.type === 'openIdConnect' || s.type === 'mutualTLS') out[name] = { type: s.type };
  }
  return out;
}
