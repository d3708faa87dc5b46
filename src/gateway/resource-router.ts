import type { BackendCallContext } from '../core/backend.js';
import { GatewayError } from '../core/errors.js';
import type { Principal } from '../core/principal.js';
import type { JsonObject } from '../core/tool.js';
import type { McpUpstream } from '../backends/mcp/upstream.js';
import { namespacedName } from '../backends/naming.js';
import type { PolicyEngine } from '../policy/engine.js';
import { normaliseUri } from '../policy/uri.js';
import type { MethodCall } from '../pipeline/call.js';
import type { Stage } from '../pipeline/stage.js';
import type { UpstreamSubscriptions } from './resource-subscriptions.js';
import { serverOfKey, uriOfKey } from '../front/port.js';
import { clipForDisplay } from '../core/text.js';

export interface ResourceRouterDeps {
  upstreams(): readonly McpUpstream[];
  upstream(name: string): McpUpstream | undefined;
  policy(): PolicyEngine;
  /**
   * Prompt pinning (src/pins/): the definition to serve, or why it is withheld. Absent or returning undefined:
   * prompts are served as upstreams list them.
   */
  /** Signs a served prompt definition (src/signing/); absent: prompts are served unsigned. */
  signPrompt?(prompt: JsonObject): JsonObject;
  pinPrompt?(
    name: string,
    server: string,
    offered: JsonObject,
  ): { served: JsonObject } | { withheld: string } | undefined;
}

/** RFC 6570 level-1 style matcher: each `{var}` matches one or more characters. */
function templateRegex(t: string): RegExp {
  const parts = t.split(/\{[^}]+\}/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`);
}

const listCtx = (principal: Principal, signal: AbortSignal): BackendCallContext => ({
  principal,
  requestId: '',
  signal,
});

/**
 * Knows which upstream owns which resource URI, template and prompt, and lists them filtered by the one policy
 * decision. Resolving a request (`resolveMethodStage`) turns the agent's params into a policy target and the
 * params the upstream gets: the normalised URI, the upstream's own prompt name. One per gateway.
 */
export function createResourceRouter(deps: ResourceRouterDeps) {
  /** Normalised URI → the upstreams that list it (more than one: the URI is shadowed; see `ownerFor`). */
  let uris = new Map<string, Set<string>>();
  let templates: { server: string; template: string; re: RegExp }[] = [];
  const withCap = (cap: string) =>
    deps.upstreams().filter((u) => u.status().state === 'ready' && u.capabilities()?.[cap]);

  async function collect(u: McpUpstream, method: string, key: string, ctx: BackendCallContext): Promise<JsonObject[]> {
    const out: JsonObject[] = [];
    let cursor: string | undefined;
    do {
      const page = await u.request(method, cursor ? { cursor } : undefined, ctx);
      out.push(...((page[key] as JsonObject[] | undefined) ?? []));
      cursor = page.nextCursor as string | undefined;
    } while (cursor);
    return out;
  }

  /**
   * Listings run concurrently (each agent's list, a resolve that misses): only one newer than the last applied one
   * replaces what is known, and an upstream whose listing failed keeps what it listed last. Dropping it would leave
   * another upstream the only one offering a URI both offer, and let that one answer for it (resource shadowing).
   */
  let urisStarted = 0;
  let urisApplied = 0;
  let templatesStarted = 0;
  let templatesApplied = 0;
  /** The last listings started before a reload added upstreams: until later ones apply, resolves list first. */
  let urisBefore = -1;
  let templatesBefore = -1;
  const stale = () => urisApplied <= urisBefore || templatesApplied <= templatesBefore;
  const failedKeep = <T extends { server: string }>(
    ups: readonly McpUpstream[],
    per: PromiseSettledResult<unknown>[],
    previous: readonly T[],
  ): T[] => {
    const failed = new Set(ups.filter((_, i) => per[i]!.status === 'rejected').map((u) => u.name));
    return failed.size ? previous.filter((x) => failed.has(x.server)) : [];
  };

  async function listAll(ctx: BackendCallContext) {
    const gen = ++urisStarted;
    const ups = withCap('resources');
    const per = await Promise.allSettled(
      ups.map(async (u) =>
        (await collect(u, 'resources/list', 'resources', ctx)).map((r) => {
          const n = normaliseUri(String(r.uri));
          return { server: u.name, uri: n.ok ? n.uri : undefined, r };
        }),
      ),
    );
    const all = per.flatMap((p) => (p.status === 'fulfilled' ? p.value : []));
    if (gen < urisApplied) return all;
    const previous = [...uris].flatMap(([uri, servers]) => [...servers].map((server) => ({ server, uri })));
    const next = new Map<string, Set<string>>();
    for (const x of [...all, ...failedKeep(ups, per, previous)])
      if (x.uri) (next.get(x.uri) ?? next.set(x.uri, new Set()).get(x.uri)!).add(x.server);
    uris = next;
    urisApplied = gen;
    return all;
  }

  async function templatesAll(ctx: BackendCallContext) {
    const gen = ++templatesStarted;
    const ups = withCap('resources');
    const per = await Promise.allSettled(
      ups.map(async (u) =>
        (await collect(u, 'resources/templates/list', 'resourceTemplates', ctx)).map((t) => ({ server: u.name, t })),
      ),
    );
    const all = per.flatMap((p) => (p.status === 'fulfilled' ? p.value : []));
    if (gen < templatesApplied) return all;
    templates = [
      ...all.map(({ server, t }) => ({
        server,
        template: String(t.uriTemplate),
        re: templateRegex(String(t.uriTemplate)),
      })),
      ...failedKeep(ups, per, templates),
    ];
    templatesApplied = gen;
    return all;
  }

  /**
   * The upstreams that offer a URI: those listing it exactly, else those with a template matching it (a template
   * given as such, for completions: those with that very template).
   */
  const offering = (uri: string, template?: string): string[] => {
    // An upstream a reload removed offers nothing from then on, whatever it listed before.
    const configured = (server: string) => deps.upstream(server) !== undefined;
    const exact = template === undefined ? [...(uris.get(uri) ?? [])].filter(configured) : [];
    if (exact.length > 0) return exact.sort();
    const hits = templates.filter(
      (t) => configured(t.server) && (template !== undefined ? t.template === template : t.re.test(uri)),
    );
    return [...new Set(hits.map((t) => t.server))].sort();
  };
  /** Lists the upstreams' resources and templates again when a reload added or replaced upstreams since. */
  const current = async (ctx: BackendCallContext) => {
    if (stale()) await Promise.all([listAll(ctx), templatesAll(ctx)]);
  };
  /**
   * Which upstream answers for a URI for this principal. MCP resource URIs carry no upstream, so two upstreams can
   * offer the same one; the gateway never lets one answer for the other silently (resource shadowing). Of the
   * offering upstreams, those the policy lets this principal see count: one → that one; several → `ambiguous`
   * (refused; an administrator denies the URI on all but one); none → the first, for the policy stage to refuse.
   */
  const ownerFor = (
    uri: string,
    principal: Principal,
    template?: string,
  ): { server?: string; ambiguous?: string[] } => {
    const all = offering(uri, template);
    if (all.length <= 1) return all.length ? { server: all[0]! } : {};
    const p = deps.policy();
    const seen = all.filter((server) => p.visible(principal, { kind: 'resource', server, uri: template ?? uri }));
    if (seen.length === 1) return { server: seen[0]! };
    return seen.length === 0 ? { server: all[0]! } : { ambiguous: seen };
  };

  const splitName = (name: string): { server: string; local: string } | undefined => {
    for (const u of deps.upstreams())
      if (name.startsWith(`${u.name}_`)) return { server: u.name, local: name.slice(u.name.length + 1) };
    return undefined;
  };
  const promptOwner = async (name: string, ctx: BackendCallContext) => {
    const split = splitName(name);
    const u = split ? deps.upstream(split.server) : undefined;
    if (!split || !u) return undefined;
    // A name that namespacing left intact maps straight back; only sanitised or shortened names (which carry a
    // hash) need the upstream's list to find the original.
    if (namespacedName(u.name, split.local) === name) return { u, local: split.local };
    const list = await collect(u, 'prompts/list', 'prompts', ctx);
    const hit = list.find((x) => namespacedName(u.name, String(x.name)) === name);
    return hit ? { u, local: String(hit.name) } : undefined;
  };

  /** Resolves a forwarded method: target for policy, owning upstream, params to forward. Throws when unknown. */
  async function resolve(call: MethodCall): Promise<void> {
    const ctx = listCtx(call.principal, call.signal);
    const params = call.params;
    const rec = call.record;
    const resource = async (raw: string, template: boolean) => {
      const n = normaliseUri(raw);
      if (!n.ok) {
        rec.target = raw;
        rec.reasons.push(`resource URI refused: ${n.reason}`);
        rec.rule = 'uri-normalisation';
        throw new GatewayError('resource.uri_invalid', `Invalid resource URI: ${n.reason}`);
      }
      const find = () => {
        const byTemplate = template ? ownerFor(n.uri, call.principal, raw) : {};
        return byTemplate.server || byTemplate.ambiguous ? byTemplate : ownerFor(n.uri, call.principal);
      };
      // A holder's unsubscribe goes to the upstream its subscription was taken on, wherever the URI is routed now (a
      // reload may have moved it): sent to another, it would end a subscription the holder never took there and leave
      // its own in place. Of several (it subscribed again after a re-route), the one the URI is routed to now, else
      // one still configured: a removed upstream's subscriptions ended with its process, and the holder lets go of
      // them whatever this answers (subscription-release.ts).
      const held =
        call.method === 'resources/unsubscribe' && !template
          ? [...(call.holder ?? [])].filter((key) => uriOfKey(key) === n.uri).map(serverOfKey)
          : [];
      await current(ctx);
      if (held.length > 0) {
        const routed = find().server;
        const live = held.filter((server) => deps.upstream(server) !== undefined).sort();
        const server = routed !== undefined && live.includes(routed) ? routed : live[0];
        if (server === undefined) {
          // Not "Resource not found": the holder subscribed to it, and what it asked for (no more updates) is true.
          const gone = held.sort();
          rec.target = `${gone[0]!}:${n.uri}`;
          rec.reasons.push(
            'the upstream this subscription was taken on is no longer configured: the subscription ended with it',
          );
          throw new GatewayError(
            'resource.not_found',
            `${gone.length > 1 ? 'Upstreams' : 'Upstream'} ${clipForDisplay(gone.join(', '))}, where this session subscribed to ${clipForDisplay(raw)}, ${gone.length > 1 ? 'are' : 'is'} no longer configured, so the subscription ended with ${gone.length > 1 ? 'them' : 'it'}. Your subscription to it has ended: no updates of it will be delivered to this session or stream.`,
          );
        }
        rec.target = `${server}:${n.uri}`;
        const u = deps.upstream(server)!;
        rec.backend = u.name;
        if (server !== routed) rec.reasons.push(`unsubscribed where the subscription was taken (${server})`);
        return { u, uri: n.uri };
      }
      let owner = find();
      if (!owner.server && !owner.ambiguous) {
        await Promise.all([listAll(ctx), templatesAll(ctx)]);
        owner = find();
      }
      if (owner.ambiguous) {
        const names = owner.ambiguous.join(', ');
        rec.target = `${owner.ambiguous.join('|')}:${n.uri}`;
        rec.reasons.push(`resource offered by more than one upstream (${names}): refused rather than shadowed`);
        rec.rule = 'resource-shadowing';
        throw new GatewayError(
          'resource.ambiguous',
          `Resource ${raw} is offered by more than one upstream (${names}); it is refused so that no upstream answers for another's resource. An administrator can deny it on all but one in policy.`,
        );
      }
      const server = owner.server;
      const u = server ? deps.upstream(server) : undefined;
      rec.target = `${server ?? '?'}:${n.uri}`;
      if (!u) {
        rec.reasons.push('no upstream offers this resource');
        throw new GatewayError('resource.not_found', `Resource not found: ${raw}`);
      }
      rec.backend = u.name;
      return { u, uri: template ? raw : n.uri };
    };
    const prompt = async (name: string) => {
      rec.target = name;
      const t = await promptOwner(name, ctx);
      if (!t) {
        rec.reasons.push('no upstream offers this prompt');
        throw new GatewayError('prompt.not_found', `Unknown prompt: ${name}`);
      }
      rec.backend = t.u.name;
      if (deps.pinPrompt) {
        // Pinned prompts: the definition offered now must be the accepted one (one listing per get; fail closed).
        const offered = (await collect(t.u, 'prompts/list', 'prompts', ctx)).find((x) => String(x.name) === t.local);
        const v = offered ? deps.pinPrompt(name, t.u.name, offered) : { withheld: 'the upstream does not list it' };
        if (v && 'withheld' in v) {
          rec.reasons.push(`prompt is quarantined: ${v.withheld}`);
          rec.rule = 'pins.quarantine';
          // Only an agent that may see the prompt learns why; to anyone else it does not exist.
          if (!deps.policy().visible(call.principal, { kind: 'prompt', server: t.u.name, name }))
            throw new GatewayError('prompt.not_found', `Unknown prompt: ${name}`);
          throw new GatewayError(
            'prompt.quarantined',
            `Prompt ${name} is quarantined: ${v.withheld}. An administrator must review and accept it first.`,
          );
        }
      }
      return t;
    };

    if (call.method === 'prompts/get') {
      const name = typeof params.name === 'string' ? params.name : '';
      const t = await prompt(name);
      call.upstream = t.u;
      call.forwardParams = { ...params, name: t.local };
      call.target = { kind: 'prompt', server: t.u.name, name };
      return;
    }
    if (call.method === 'completion/complete') {
      const ref = (params.ref ?? {}) as { type?: string; name?: string; uri?: string };
      if (ref.type === 'ref/prompt') {
        const name = String(ref.name ?? '');
        const t = await prompt(name);
        call.upstream = t.u;
        call.forwardParams = { ...params, ref: { ...ref, name: t.local } };
        call.target = { kind: 'completion', ref: { kind: 'prompt', server: t.u.name, name } };
        return;
      }
      const raw = String(ref.uri ?? '');
      const r = await resource(raw, true);
      call.upstream = r.u;
      call.forwardParams = params;
      const n = normaliseUri(raw);
      call.target = { kind: 'completion', ref: { kind: 'resource', server: r.u.name, uri: n.ok ? n.uri : raw } };
      return;
    }
    const raw = typeof params.uri === 'string' ? params.uri : '';
    const r = await resource(raw, false);
    call.upstream = r.u;
    call.forwardParams = { ...params, uri: r.uri };
    call.target = { kind: 'resource', server: r.u.name, uri: r.uri };
  }

  return {
    resolve,
    /**
     * A reload added or replaced upstreams (now started): the next resolve lists again before it routes, so an added
     * upstream answers for its URIs at once, or shares them (shadowing refused). A removed one offers nothing already.
     */
    reloaded() {
      urisBefore = urisStarted;
      templatesBefore = templatesStarted;
    },
    /**
     * The upstream the gateway serves a normalised resource URI from for this principal (as `resources/read` would
     * route it), listing the upstreams once when it is not known yet; undefined when none offers it, or several do.
     */
    async owner(uri: string, principal: Principal, signal: () => AbortSignal): Promise<string | undefined> {
      if (stale()) await current(listCtx(principal, signal()));
      const known = ownerFor(uri, principal);
      if (known.server || known.ambiguous) return known.server;
      const ctx = listCtx(principal, signal());
      await Promise.all([listAll(ctx), templatesAll(ctx)]);
      // An ambiguous URI has no owner: nobody's updates are delivered for it.
      return ownerFor(uri, principal).server;
    },
    async listResources(principal: Principal, signal: AbortSignal) {
      const p = deps.policy();
      const all = await listAll(listCtx(principal, signal));
      const resources = all
        .filter((x) => x.uri !== undefined && p.visible(principal, { kind: 'resource', server: x.server, uri: x.uri }))
        .map((x) => x.r);
      return { resources };
    },
    async listTemplates(principal: Principal, signal: AbortSignal) {
      const p = deps.policy();
      const resourceTemplates = (await templatesAll(listCtx(principal, signal)))
        .filter(({ server, t }) => p.visible(principal, { kind: 'resource', server, uri: String(t.uriTemplate) }))
        .map(({ t }) => t);
      return { resourceTemplates };
    },
    async listPrompts(principal: Principal, signal: AbortSignal) {
      const p = deps.policy();
      const ctx = listCtx(principal, signal);
      const per = await Promise.allSettled(
        withCap('prompts').map(async (u) =>
          (await collect(u, 'prompts/list', 'prompts', ctx)).flatMap((x) => {
            const name = namespacedName(u.name, String(x.name));
            const v = deps.pinPrompt?.(name, u.name, x);
            if (v && 'withheld' in v) return [];
            return [{ server: u.name, name, x: { ...(v ? v.served : x), name } }];
          }),
        ),
      );
      const prompts = per
        .flatMap((r) => (r.status === 'fulfilled' ? r.value : []))
        .filter(({ server, name }) => p.visible(principal, { kind: 'prompt', server, name }))
        .map(({ x }) => (deps.signPrompt ? deps.signPrompt(x) : x));
      return { prompts };
    },
  };
}

export type ResourceRouter = ReturnType<typeof createResourceRouter>;

/** Resolve stage of the forwarded-method pipeline. */
export function resolveMethodStage(router: () => ResourceRouter): Stage<MethodCall> {
  return { id: 'resolve', run: (call) => router().resolve(call) };
}

const SUBSCRIPTION_METHODS = new Set(['resources/subscribe', 'resources/unsubscribe']);
/**
 * How long a subscribe or unsubscribe may take at the upstream. Not the caller's signal: cancelled when its caller goes
 * away (a session ending as it subscribes), the request may still be done upstream without the gateway hearing of it,
 * and the next one of the URI (that session's release) would no longer wait for it (see `counted`).
 */
const SUBSCRIPTION_ANSWER_MS = 30_000;

/**
 * Execute stage of the forwarded-method pipeline: the one place these methods reach an upstream. Resource
 * subscriptions are counted per (upstream, URI) across holders, so an unsubscribe reaches the upstream only from the
 * last one.
 */
export function forwardStage(subscriptions: UpstreamSubscriptions): Stage<MethodCall> {
  return {
    id: 'execute',
    async run(call) {
      const { upstream, forwardParams } = call;
      if (!upstream || !forwardParams) throw new GatewayError('internal', undefined, 'execute without resolve');
      call.result = await subscriptions.counted(call, () =>
        upstream.request(call.method, forwardParams, {
          principal: call.principal,
          requestId: call.requestId,
          signal: SUBSCRIPTION_METHODS.has(call.method) ? AbortSignal.timeout(SUBSCRIPTION_ANSWER_MS) : call.signal,
          ...(call.agent ? { agent: call.agent } : {}),
        }),
      );
    },
  };
}
