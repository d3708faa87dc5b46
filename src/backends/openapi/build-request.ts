/** Builds the exact HTTP request for a call plan and validated arguments. */
import type { JsonObject } from '../../core/tool.js';
import { encodeBody } from './encode-body.js';
import {
  encodePairs,
  queryPairs,
  serializeCookie,
  serializeHeaderValue,
  serializePathValue,
} from './serialize-params.js';
import type { CallPlan } from './types.js';

export interface BuiltRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: Buffer;
}

/** The arguments cannot be turned into a safe request (traversal, missing base URL, ...). */
export class RequestRefusedError extends Error {
  override readonly name = 'RequestRefusedError';
}

function isPresent(v: unknown): boolean {
  return v !== undefined;
}

/** Absolute base URL of a plan (first server), or a refusal when the spec has none and config gave none. */
export function planBaseUrl(plan: CallPlan): URL {
  const server = plan.servers[0] ?? '';
  if (!/^https?:\/\//i.test(server))
    throw new RequestRefusedError('no absolute server URL for this operation; set baseUrl in the backend config');
  return new URL(server);
}

export function buildRequest(plan: CallPlan, args: JsonObject): BuiltRequest {
  const base = planBaseUrl(plan);
  const basePath = base.pathname.replace(/\/+$/, '');

  const pathValues = new Map<string, string>();
  const query: [string, string][] = [];
  const reservedQuery: [string, string][] = [];
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const p of plan.params) {
    const v = args[p.arg];
    if (!isPresent(v)) {
      if (p.in === 'path') throw new RequestRefusedError(`${p.arg}: is required`);
      continue;
    }
    const value = p.json ? JSON.stringify(v) : v;
    if (p.in === 'path') pathValues.set(p.name, serializePathValue(p.name, value, p.style, p.explode));
    else if (p.in === 'query')
      (p.allowReserved ? reservedQuery : query).push(...queryPairs(p.name, value, p.style, p.explode));
    else if (p.in === 'header') headers[p.name.toLowerCase()] = serializeHeaderValue(value, p.explode);
    else cookies.push(serializeCookie(p.name, value, p.explode));
  }

  // Some specs disambiguate operations with a fragment (`/token#refresh`) or carry a fixed query
  // (`/things?action=x`) in the path key: the fragment is never sent, the fixed query is kept.
  const [template = '', fixedQuery] = plan.path.replace(/#.*$/, '').split('?', 2);
  const path = template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const v = pathValues.get(name);
    if (v === undefined) throw new RequestRefusedError(`${name}: path parameter has no value`);
    return v;
  });
  const segments = path.split('/');
  if (segments.some((s) => s === '.' || s === '..'))
    throw new RequestRefusedError('a path parameter may not be "." or ".."');

  let search = encodePairs(query);
  if (fixedQuery) search = search ? `${fixedQuery}&${search}` : fixedQuery;
  const reserved = encodePairs(reservedQuery, true);
  if (reserved) search = search ? `${search}&${reserved}` : reserved;
  const href = `${base.origin}${basePath}${path}${search ? `?${search}` : ''}`;
  const url = new URL(href);
  // Defence in depth: the parsed URL must still be on the base origin, under the base path, with
  // as many segments as built (URL normalisation removed no dot segment) and no fragment.
  const builtSegments = `${basePath}${path}`.split('/').length;
  if (
    url.origin !== base.origin ||
    !url.pathname.startsWith(basePath) ||
    url.hash !== '' ||
    url.pathname.split('/').length !== builtSegments
  ) {
    throw new RequestRefusedError('the arguments would change the request target');
  }

  if (cookies.length > 0) headers.cookie = cookies.join('; ');
  for (const [k, v] of Object.entries(headers)) {
    if (/[\r\n\0]/.test(v)) throw new RequestRefusedError(`${k}: header values may not contain line breaks`);
  }

  let body: Buffer | undefined;
  const b = plan.body;
  if (b) {
    let value: unknown;
    if (b.arg !== undefined) value = args[b.arg];
    else if (b.properties) {
      const obj: JsonObject = {};
      let any = false;
      for (const { arg, prop } of b.properties) {
        if (args[arg] !== undefined) {
          obj[prop] = args[arg];
          any = true;
        }
      }
      value = any || b.required ? obj : undefined;
    }
    if (value !== undefined) {
      const chosen =
        b.contentTypeArg !== undefined && typeof args[b.contentTypeArg] === 'string'
          ? (args[b.contentTypeArg] as string)
          : b.contentTypes[0]!;
      if (!b.contentTypes.includes(chosen))
        throw new RequestRefusedError(`${b.contentTypeArg ?? 'contentType'}: not offered by this operation`);
      const encoded = encodeBody(chosen, value, b.encoding, new Set(b.binaryProps ?? []));
      headers['content-type'] = encoded.contentType;
      body = encoded.body;
    }
  }
  headers.accept ??= plan.accept;
  return { method: plan.method, url, headers, ...(body ? { body } : {}) };
}
