import type { AgentChannel } from '../core/backend.js';
import { GatewayError, UpstreamRpcError } from '../core/errors.js';
import type { Principal } from '../core/principal.js';
import type { JsonObject } from '../core/tool.js';
import type { McpUpstream } from '../backends/mcp/upstream.js';
import { namespacedName } from '../backends/naming.js';
import type { Gateway } from '../gateway/gateway.js';
import type { AgentPermissions } from '../policy/permissions.js';

type Params = Record<string, unknown> | undefined;
const RESOURCE_NOT_FOUND = -32002;

/** Which upstream owns which resource URI / template, shared by all sessions of a gateway. */
interface Owners {
  uris: Map<string, string>;
  templates: { server: string; template: string; re: RegExp }[];
}
const ownersByGateway = new WeakMap<Gateway, Owners>();

/** RFC 6570 level-1 style matcher: each `{var}` matches one or more characters. */
function templateRegex(t: string): RegExp {
  const parts = t.split(/\{[^}]+\}/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`);
}

/**
 * Forwards resources, prompts and completions to the upstream that owns them, filtered by the agent's
 * permissions. A resource or prompt the agent may not see is reported exactly like one that does not exist.
 */
export function createResourceRouter(gw: Gateway, principal: Principal, perms: () => AgentPermissions | undefined) {
  let owners = ownersByGateway.get(gw);
  if (!owners) ownersByGateway.set(gw, (owners = { uris: new Map(), templates: [] }));
  const o = owners;
  const ctxFor = (signal: AbortSignal, agent?: AgentChannel) => ({
    principal,
    requestId: '',
    signal,
    ...(agent ? { agent } : {}),
  });
  const withCap = (cap: string) =>
    gw.upstreams().filter((u) => u.status().state === 'ready' && u.capabilities()?.[cap]);

  async function collect(u: McpUpstream, method: string, key: string, signal: AbortSignal): Promise<JsonObject[]> {
    const out: JsonObject[] = [];
    let cursor: string | undefined;
    do {
      const page = await u.request(method, cursor ? { cursor } : undefined, ctxFor(signal));
      out.push(...((page[key] as JsonObject[] | undefined) ?? []));
      cursor = page.nextCursor as string | undefined;
    } while (cursor);
    return out;
  }

  async function listAll(signal: AbortSignal): Promise<{ server: string; uri: string; r: JsonObject }[]> {
    const per = await Promise.allSettled(
      withCap('resources').map(async (u) =>
        (await collect(u, 'resources/list', 'resources', signal)).map((r) => ({
          server: u.name,
          uri: String(r.uri),
          r,
        })),
      ),
    );
    const all = per.flatMap((p) => (p.status === 'fulfilled' ? p.value : []));
    for (const x of all) o.uris.set(x.uri, x.server);
    return all;
  }

  async function templatesAll(signal: AbortSignal) {
    const per = await Promise.allSettled(
      withCap('resources').map(async (u) =>
        (await collect(u, 'resources/templates/list', 'resourceTemplates', signal)).map((t) => ({ server: u.name, t })),
      ),
    );
    const all = per.flatMap((p) => (p.status === 'fulfilled' ? p.value : []));
    o.templates = all.map(({ server, t }) => ({
      server,
      template: String(t.uriTemplate),
      re: templateRegex(String(t.uriTemplate)),
    }));
    return all;
  }

  const ownerOf = (uri: string): string | undefined =>
    o.uris.get(uri) ?? o.templates.find((t) => t.re.test(uri))?.server;
  const notFound = (uri: string) => new UpstreamRpcError(RESOURCE_NOT_FOUND, `Resource not found: ${uri}`, { uri });

  const splitName = (name: string): { server: string; local: string } | undefined => {
    for (const u of gw.upstreams())
      if (name.startsWith(`${u.name}_`)) return { server: u.name, local: name.slice(u.name.length + 1) };
    return undefined;
  };
  const promptTarget = async (name: string, signal: AbortSignal) => {
    const p = perms();
    const split = splitName(name);
    if (!p?.prompt(name) || !split) return undefined;
    const u = gw.upstream(split.server);
    if (!u) return undefined;
    // A name that namespacing left intact maps straight back; only sanitised or shortened names (which carry a
    // hash) need the upstream's list to find the original.
    if (namespacedName(u.name, split.local) === name) return { u, local: split.local };
    const list = await collect(u, 'prompts/list', 'prompts', signal);
    const hit = list.find((x) => namespacedName(u.name, String(x.name)) === name);
    return hit ? { u, local: String(hit.name) } : undefined;
  };

  return {
    async list(signal: AbortSignal) {
      const p = perms();
      const resources = (await listAll(signal)).filter((x) => p?.resource(x.server, x.uri)).map((x) => x.r);
      return { resources };
    },
    async templates(signal: AbortSignal) {
      const p = perms();
      const resourceTemplates = (await templatesAll(signal))
        .filter(({ server, t }) => p?.resource(server, String(t.uriTemplate)))
        .map(({ t }) => t);
      return { resourceTemplates };
    },
    async forward(method: string, params: Params, signal: AbortSignal, agent: AgentChannel) {
      const uri = typeof params?.uri === 'string' ? params.uri : '';
      let server = ownerOf(uri);
      if (!server) {
        await Promise.all([listAll(signal), templatesAll(signal)]);
        server = ownerOf(uri);
      }
      const u = server ? gw.upstream(server) : undefined;
      if (!u || !perms()?.resource(u.name, uri)) throw notFound(uri);
      return u.request(method, params, ctxFor(signal, agent));
    },
    async prompts(signal: AbortSignal) {
      const p = perms();
      const per = await Promise.allSettled(
        withCap('prompts').map(async (u) =>
          (await collect(u, 'prompts/list', 'prompts', signal)).map((x) => ({
            ...x,
            name: namespacedName(u.name, String(x.name)),
          })),
        ),
      );
      return {
        prompts: per.flatMap((r) => (r.status === 'fulfilled' ? r.value : [])).filter((x) => p?.prompt(x.name)),
      };
    },
    async getPrompt(params: Params, signal: AbortSignal, agent: AgentChannel) {
      const name = typeof params?.name === 'string' ? params.name : '';
      const t = await promptTarget(name, signal);
      if (!t) throw new GatewayError('tool.not_found', `Unknown prompt: ${name}`);
      return t.u.request('prompts/get', { ...params, name: t.local }, ctxFor(signal, agent));
    },
    async complete(params: Params, signal: AbortSignal) {
      const ref = (params?.ref ?? {}) as { type?: string; name?: string; uri?: string };
      if (ref.type === 'ref/prompt') {
        const t = await promptTarget(String(ref.name), signal);
        if (!t) throw new GatewayError('tool.not_found', `Unknown prompt: ${String(ref.name)}`);
        return t.u.request('completion/complete', { ...params, ref: { ...ref, name: t.local } }, ctxFor(signal));
      }
      const uri = String(ref.uri ?? '');
      let server = o.templates.find((t) => t.template === uri)?.server ?? ownerOf(uri);
      if (!server) {
        await templatesAll(signal);
        server = o.templates.find((t) => t.template === uri)?.server;
      }
      const u = server ? gw.upstream(server) : undefined;
      if (!u || !perms()?.resource(u.name, uri)) throw notFound(uri);
      return u.request('completion/complete', params, ctxFor(signal));
    },
  };
}
