import type { BackendCallContext, BackendStatus } from '../../core/backend.js';
import { GatewayError } from '../../core/errors.js';
import type { UpstreamPoolConfig } from './pool-config.js';
import type { McpUpstream, UpstreamNotification } from './upstream.js';

interface Member {
  upstream: McpUpstream;
  /** Calls in flight on it. */
  busy: number;
  /** When it was last used, as a sequence number (a clock would tie within one millisecond). */
  lastUsed: number;
  idle?: NodeJS.Timeout;
}

/**
 * Several processes behind one upstream name (`upstreams.<name>.pool`). Each member is an ordinary upstream
 * connection (one child process that reconnects, that is: is replaced by a fresh process, when it dies).
 * - `pool`: `size` members; a call goes to a ready member (least busy, or round-robin); a crashed member is skipped
 *   while its replacement starts, so other callers never wait for it.
 * - `per-agent`: one member per agent, started at its first call and stopped after `idleMs` without calls (at most
 *   `maxProcesses`; the least recently used idle one makes room). A separate member lists tools for the catalog and
 *   serves no agent's calls, so no agent's process state is shared.
 */
export function createUpstreamPool(
  name: string,
  cfg: UpstreamPoolConfig,
  spawn: (label: string) => McpUpstream,
): McpUpstream {
  const mode = cfg.mode === 'per-agent' ? 'per-agent' : 'pool';
  const toolListeners: (() => void)[] = [];
  const notifyListeners: ((n: UpstreamNotification) => void)[] = [];
  let closed = false;
  let turn = 0;
  let uses = 0;

  /**
   * A member; `agent` when it serves that agent alone (per-agent), whose resource updates are then that agent's only:
   * another agent holding the same URI holds it at its own process, whose copy did not change. The per-agent catalog
   * member holds nobody's subscriptions, so its resource updates reach nobody (its list changes still reach all).
   */
  const make = (label: string, agent?: string): Member => {
    const upstream = spawn(label);
    const perAgent = mode === 'per-agent';
    upstream.onNotification((n) => {
      if (perAgent && n.method === 'notifications/resources/updated') {
        if (agent === undefined) return;
        n = { ...n, agent };
      }
      notifyListeners.forEach((l) => l(n));
    });
    return { upstream, busy: 0, lastUsed: ++uses };
  };
  // pool: the members; per-agent: the one that lists tools (and answers nothing else).
  const fixed: Member[] =
    mode === 'pool' ? Array.from({ length: cfg.size }, (_, i) => make(String(i + 1))) : [make('catalog')];
  for (const m of fixed) m.upstream.onToolsChanged(() => toolListeners.forEach((l) => l()));
  const agents = new Map<string, Member>();
  const starting = new Map<string, Promise<Member>>();

  const ready = (m: Member) => m.upstream.status().state === 'ready';
  /** The member whose tool list the catalog shows: the first ready one. */
  const primary = (): Member => fixed.find(ready) ?? fixed[0]!;

  const pickPooled = (): Member => {
    const live = fixed.filter(ready);
    if (live.length === 0) return fixed[turn++ % fixed.length]!; // fails fast: backend.unavailable
    const start = turn++ % live.length;
    if (cfg.strategy === 'round-robin') return live[start]!;
    let best = live[start]!;
    for (let i = 1; i < live.length; i++) {
      const m = live[(start + i) % live.length]!;
      if (m.busy < best.busy) best = m;
    }
    return best;
  };

  const stopMember = (agent: string, m: Member) => {
    if (m.idle) clearTimeout(m.idle);
    agents.delete(agent);
    void m.upstream.close().catch(() => undefined);
  };

  const idleStop = (agent: string, m: Member) => {
    if (m.idle) clearTimeout(m.idle);
    if (closed) return;
    m.idle = setTimeout(() => {
      if (agents.get(agent) === m && m.busy === 0) stopMember(agent, m);
    }, cfg.idleMs);
    m.idle.unref();
  };

  const agentMember = async (agent: string): Promise<Member> => {
    const have = agents.get(agent);
    if (have) return have;
    const pending = starting.get(agent);
    if (pending) return pending;
    if (agents.size + starting.size >= cfg.maxProcesses) {
      const idle = [...agents.entries()].filter(([, m]) => m.busy === 0).sort((a, b) => a[1].lastUsed - b[1].lastUsed);
      const lru = idle[0];
      if (!lru)
        throw new GatewayError(
          'backend.unavailable',
          `upstream "${name}" runs one process per agent and all ${cfg.maxProcesses} are busy`,
        );
      stopMember(lru[0], lru[1]);
    }
    const p = (async () => {
      const m = make(`agent ${agent}`, agent);
      try {
        await m.upstream.start();
      } catch (e) {
        // It keeps retrying on its own (like any upstream); this call fails now, with the reason.
        agents.set(agent, m);
        idleStop(agent, m);
        throw new GatewayError('backend.unavailable', `upstream "${name}" is unavailable`, (e as Error).message);
      }
      if (closed) {
        await m.upstream.close();
        throw new GatewayError('backend.unavailable', `upstream "${name}" is closed`);
      }
      agents.set(agent, m);
      return m;
    })().finally(() => starting.delete(agent));
    starting.set(agent, p);
    return p;
  };

  /**
   * Resource subscriptions are held by the process that was asked, but the gateway counts them per upstream name and
   * URI (and per process only where `processFor` names one): in `pool` mode every subscribe and unsubscribe goes to
   * the first member, so an unsubscribe reaches the process that subscribed (picked like other calls, it went to
   * another and the first stayed subscribed for nobody). That member down, they fail (backend.unavailable) rather
   * than go to a process that holds nothing. In `per-agent` mode they go to the agent's own member, as every call does.
   */
  const subscribing = (method: string) => method === 'resources/subscribe' || method === 'resources/unsubscribe';

  const memberFor = async (ctx: BackendCallContext, method?: string): Promise<Member> => {
    if (mode === 'pool') return method !== undefined && subscribing(method) ? fixed[0]! : pickPooled();
    return agentMember(ctx.principal.agent);
  };

  const run = async <T>(ctx: BackendCallContext, fn: (u: McpUpstream) => Promise<T>, method?: string): Promise<T> => {
    const m = await memberFor(ctx, method);
    if (m.idle) clearTimeout(m.idle);
    m.busy++;
    m.lastUsed = ++uses;
    try {
      return await fn(m.upstream);
    } finally {
      m.busy--;
      m.lastUsed = ++uses;
      if (mode === 'per-agent' && m.busy === 0) idleStop(ctx.principal.agent, m);
    }
  };

  const all = () => [...fixed, ...agents.values()];

  return {
    name,
    kind: 'mcp',
    async start() {
      // Ready when one member is; the others keep connecting (and retrying) on their own.
      await Promise.any(fixed.map((m) => m.upstream.start())).catch((e: unknown) => {
        throw e instanceof AggregateError ? (e.errors[0] as Error) : e;
      });
    },
    tools: () => primary().upstream.tools(),
    status(): BackendStatus {
      const members = all();
      const s = primary().upstream.status();
      return { ...s, processes: { mode, total: members.length, ready: members.filter(ready).length } };
    },
    onToolsChanged: (l) => void toolListeners.push(l),
    onNotification: (l) => void notifyListeners.push(l),
    capabilities: () => primary().upstream.capabilities(),
    // One process per agent: each agent's resource subscriptions are its own process's (counted per process).
    ...(mode === 'per-agent' ? { processFor: (agent: string) => `agent ${agent}` } : {}),
    callTool: (localName, args, ctx) => run(ctx, (u) => u.callTool(localName, args, ctx)),
    request: (method, params, ctx) => run(ctx, (u) => u.request(method, params, ctx), method),
    async close() {
      closed = true;
      for (const m of agents.values()) if (m.idle) clearTimeout(m.idle);
      await Promise.allSettled(all().map((m) => m.upstream.close()));
      agents.clear();
    },
  };
}
