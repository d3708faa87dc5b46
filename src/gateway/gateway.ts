import { isDeepStrictEqual } from 'node:util';
import { buildCatalog, type Catalog } from '../backends/catalog.js';
import { createMcpUpstream, type McpUpstream, type UpstreamNotification } from '../backends/mcp/upstream.js';
import { createApiKeyAuthenticator, type ApiKeyAuthenticator } from '../authn/api-key.js';
import type { Backend } from '../core/backend.js';
import { compileAllPermissions, type AgentPermissions } from '../policy/permissions.js';
import type { LoadedConfig } from '../config/load.js';
import type { Store } from '../storage/repositories.js';
import { createPipeline, type Pipeline } from '../pipeline/runner.js';
import type { RecordSink } from '../pipeline/stage.js';
import { resolveStage } from '../pipeline/stages/resolve.js';
import { authorizeStage } from '../pipeline/stages/authorize.js';
import { executeStage } from '../pipeline/stages/execute.js';
import type { Stage } from '../pipeline/stage.js';

export interface GatewayEvents {
  /** The tool catalog changed (backend connected, list_changed, reload). */
  toolsChanged(): void;
  /** An upstream notification to forward to agents. */
  upstreamNotification(n: UpstreamNotification): void;
}

export interface Gateway {
  config(): LoadedConfig;
  catalog(): Catalog;
  permissions(): ReadonlyMap<string, AgentPermissions>;
  backends(): readonly Backend[];
  upstream(name: string): McpUpstream | undefined;
  upstreams(): readonly McpUpstream[];
  /** Agent keys (MCP front door). */
  authenticator: ApiKeyAuthenticator;
  /** User keys (REST API). */
  userAuthenticator: ApiKeyAuthenticator;
  pipeline: Pipeline;
  store: Store;
  /** Connect all backends in parallel; resolves when every first attempt has settled. */
  start(): Promise<void>;
  /** Swap to a new validated config without dropping in-flight calls. */
  reload(next: LoadedConfig): Promise<{ added: string[]; removed: string[]; changed: string[] }>;
  on<K extends keyof GatewayEvents>(event: K, listener: GatewayEvents[K]): void;
  close(): Promise<void>;
}

export interface GatewayDeps {
  store: Store;
  /** Where decision records go (default: the store). */
  records?: RecordSink;
  /** Extra decision stages after authorize (validation, approvals... as they land). */
  extraStages?: Stage[];
  /** Backends that are not MCP upstreams (OpenAPI), built from config by their own modules. */
  createExtraBackends?: (cfg: LoadedConfig) => Backend[];
  log?: (msg: string) => void;
}

export function storeRecordSink(store: Store): RecordSink {
  return {
    intent: async () => undefined,
    outcome: async (call) => {
      try {
        store.decisions.insert(call.record);
      } catch {
        // The outcome write must never turn into a tool failure; the audit issue makes this durable and alarmed.
      }
    },
  };
}

export function createGateway(initial: LoadedConfig, deps: GatewayDeps): Gateway {
  const log = deps.log ?? ((m: string) => process.stderr.write(`portcullis: ${m}\n`));
  let current = initial;
  let permissions = compileAllPermissions(initial.config.agents);
  const upstreamMap = new Map<string, McpUpstream>();
  let extra: Backend[] = [];
  let catalog: Catalog = buildCatalog([]);
  const listeners: { [K in keyof GatewayEvents]: GatewayEvents[K][] } = { toolsChanged: [], upstreamNotification: [] };

  const allBackends = (): Backend[] => [...upstreamMap.values(), ...extra];
  const rebuild = () => {
    catalog = buildCatalog(allBackends());
    for (const name of catalog.collisions()) log(`tool name collision on "${name}": both tools withheld`);
    for (const l of listeners.toolsChanged) l();
  };
  const addUpstream = (name: string, cfg: LoadedConfig) => {
    const u = createMcpUpstream(name, cfg.config.upstreams[name]!, cfg.baseDir, log);
    u.onToolsChanged(rebuild);
    u.onNotification((n) => listeners.upstreamNotification.forEach((l) => l(n)));
    upstreamMap.set(name, u);
    return u;
  };
  for (const name of Object.keys(initial.config.upstreams)) addUpstream(name, initial);
  extra = deps.createExtraBackends?.(initial) ?? [];
  for (const b of extra) b.onToolsChanged(rebuild);

  const agentExists = (agent: string) => Object.hasOwn(current.config.agents, agent);
  const pipeline = createPipeline(
    [resolveStage(() => catalog), authorizeStage(() => permissions), ...(deps.extraStages ?? [])],
    executeStage(),
    deps.records ?? storeRecordSink(deps.store),
  );

  const startAll = async (backends: Backend[]) => {
    await Promise.allSettled(backends.map((b) => b.start()));
    rebuild();
  };

  return {
    config: () => current,
    catalog: () => catalog,
    permissions: () => permissions,
    backends: allBackends,
    upstream: (n) => upstreamMap.get(n),
    upstreams: () => [...upstreamMap.values()],
    authenticator: createApiKeyAuthenticator(deps.store.apiKeys, agentExists, 'agent'),
    userAuthenticator: createApiKeyAuthenticator(deps.store.apiKeys, (u) => Object.hasOwn(current.config.users, u), 'user'),
    pipeline,
    store: deps.store,
    start: () => startAll(allBackends()),
    async reload(next) {
      const before = current.config.upstreams;
      const after = next.config.upstreams;
      const removed = Object.keys(before).filter((n) => !(n in after));
      const added = Object.keys(after).filter((n) => !(n in before));
      const changed = Object.keys(after).filter(
        (n) => n in before && (!isDeepStrictEqual(before[n], after[n]) || current.baseDir !== next.baseDir),
      );
      const retired: Backend[] = [];
      for (const n of [...removed, ...changed]) {
        retired.push(upstreamMap.get(n)!);
        upstreamMap.delete(n);
      }
      current = next;
      permissions = compileAllPermissions(next.config.agents);
      const fresh = [...added, ...changed].map((n) => addUpstream(n, next));
      const oldExtra = extra;
      extra = deps.createExtraBackends?.(next) ?? [];
      for (const b of extra) b.onToolsChanged(rebuild);
      retired.push(...oldExtra);
      rebuild();
      await startAll([...fresh, ...extra]);
      // In-flight calls hold their own backend reference; close retired ones once they had time to finish.
      const grace = Math.max(0, ...Object.values(before).map((u) => u.timeoutMs));
      const t = setTimeout(() => void Promise.allSettled(retired.map((b) => b.close())), Math.min(grace, 120_000));
      t.unref();
      return { added, removed, changed };
    },
    on(event, listener) {
      (listeners[event] as unknown[]).push(listener);
    },
    async close() {
      await Promise.allSettled(allBackends().map((b) => b.close()));
    },
  };
}
