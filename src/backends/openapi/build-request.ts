/** Builds the exact HTTP request for a call plan and validated arguments. */
import type { JsonObject } from '../../core/tool.js';
import {
  CREDENTIAL_ARG_PREFIX,
  isGatewayOnlyHeader,
  isSafeHeaderValue,
  isToken,
  reservedBodyKey,
  touchesCredential,
  type CredentialPlacements,
} from './credential-boundary.js';
import { encodeBody, isJsonType } from './encode-body.js';
import { describeTraversal, traversalIn } from './path-segments.js';
import { encodePairs, queryPairs, encodeStrict, serializeHeaderValue, serializePathValue } from './serialize-params.js';
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

const NO_PLACEMENTS: CredentialPlacements = {
  query: new Set(),
  header: new Set(['authorization', 'proxy-authorization', 'cookie']),
  cookie: new Set(),
  body: new Set(),
};

/**
 * Builds the request. `placements` names the request parts that carry a credential: an agent-supplied
 * value that would set, shadow or duplicate one of them (directly, through an exploded object, or nested
 * in a form body) is refused, as is any agent-chosen hop-by-hop, framing or credential header.
 */
export function buildRequest(
  plan: CallPlan,
  args: JsonObject,
  placements: CredentialPlacements = NO_PLACEMENTS,
): BuiltRequest {
  if (plan.apiAuthParams) {
    // The operation's own auth/transport parameters are reserved like a credential's placement.
    const extra = plan.apiAuthParams;
    placements = {
      query: new Set([...placements.query, ...extra]),
      header: new Set([...placements.header, ...extra]),
      cookie: new Set([...placements.cookie, ...extra]),
      body: placements.body,
    };
  }
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
    const fromGateway = p.arg.startsWith(CREDENTIAL_ARG_PREFIX);
    const value = p.json ? JSON.stringify(v) : v;
    if (p.in === 'path') pathValues.set(p.name, serializePathValue(p.name, value, p.style, p.explode));
    else if (p.in === 'query') {
      const pairs = queryPairs(p.name, value, p.style, p.explode);
      if (!fromGateway) {
        const hit = pairs.find(([k]) => touchesCredential(k, placements.query));
        if (hit) throw new RequestRefusedError(`${p.arg}: may not set the credential parameter ${hit[0]}`);
      }
      (p.allowReserved ? reservedQuery : query).push(...pairs);
    } else if (p.in === 'header') {
      const lower = p.name.toLowerCase();
      if (!isToken(p.name)) throw new RequestRefusedError(`${p.arg}: ${p.name} is not a valid header name`);
      if (!fromGateway && (isGatewayOnlyHeader(lower) || placements.header.has(lower)))
        throw new RequestRefusedError(`${p.arg}: the ${p.name} header is set by the gateway only`);
      headers[lower] = serializeHeaderValue(value, p.explode);
    } else {
      const pairs = queryPairs(p.name, value, 'form', p.explode);
      for (const [k] of pairs) {
        if (!isToken(k)) throw new RequestRefusedError(`${p.arg}: ${JSON.stringify(k)} is not a valid cookie name`);
        if (!fromGateway && placements.cookie.has(k.toLowerCase()))
          throw new RequestRefusedError(`${p.arg}: may not set the credential cookie ${k}`);
      }
      cookies.push(pairs.map(([k, c]) => `${k}=${encodeStrict(c)}`).join('; '));
    }
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
  // What a server that decodes the path would read (the validate stage refused these already; kept for direct calls).
  const traversal = traversalIn(plan, args);
  if (traversal) throw new RequestRefusedError(describeTraversal(traversal));

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
    if (!isSafeHeaderValue(v))
      throw new RequestRefusedError(`${k}: header values may not contain line breaks or control characters`);
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
          if (!arg.startsWith(CREDENTIAL_ARG_PREFIX) && touchesCredential(prop, placements.body))
            throw new RequestRefusedError(`${arg}: may not set the credential field ${prop}`);
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
      // Servers that merge form fields with query parameters read nested keys too; JSON keys count at the top.
      const agentPart = b.arg !== undefined ? value : agentBodyPart(value, b.properties ?? []);
      const hit = reservedBodyKey(agentPart, placements.body, !isJsonType(chosen));
      if (hit !== undefined) throw new RequestRefusedError(`body: may not set the credential field ${hit}`);
      const encoded = encodeBody(chosen, value, b.encoding, new Set(b.binaryProps ?? []));
      headers['content-type'] = encoded.contentType;
      body = encoded.body;
    }
  }
  headers.accept ??= plan.accept;
  return { method: plan.method, url, headers, ...(body ? { body } : {}) };
}

/** The body without the fields the gateway filled itself. */
function agentBodyPart(value: unknown, props: readonly { arg: string; prop: string }[]): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const gateway = new Set(props.filter((p) => p.arg.startsWith(CREDENTIAL_ARG_PREFIX)).map((p) => p.prop));
  return Object.fromEntries(Object.entries(value).filter(([k]) => !gateway.has(k)));
}
