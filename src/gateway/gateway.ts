import { isDeepStrictEqual } from 'node:util';
import type { Catalog } from '../backends/catalog.js';
import type { McpUpstream, UpstreamNotification } from '../backends/mcp/upstream.js';
import { createAuthentication, type Authentication } from '../authn/index.js';
import type { Backend } from '../core/backend.js';
import type { ToolDefinition } from '../core/tool.js';
import { compilePolicy } from '../policy/compile.js';
import { createPolicyEngine, type PolicyEngine } from '../policy/engine.js';
import type { LoadedConfig } from '../config/load.js';
import type { Stores } from '../storage/repositories.js';
import type { Pipeline } from '../pipeline/runner.js';
import type { PipelineObserver } from '../pipeline/observer.js';
import type { RecordSink, Stage } from '../pipeline/stage.js';
import type { BaseCall, MethodCall, ToolCall } from '../pipeline/call.js';
import { createArgsValidator, type ArgsValidator } from '../validation/index.js';
import type { AuditEventInput } from '../audit/types.js';
import type { FrontDoorPort } from '../front/port.js';
import type { SecretResolver } from '../vault/index.js';
import { createLimits, type Limits, type LimitStore } from '../limits/index.js';
import { createPinning, type Pinning } from '../pins/index.js';
import type { ApprovalService } from '../approvals/service.js';
import { policyVersion } from '../approvals/binding.js';
import { logger } from '../observability/logger.js';
import { upstreamSignatureCheck, type ToolSigning } from '../signing/index.js';
import { createBackendFactory } from './backend-factory.js';
import { createBackendSlots } from './backend-slots.js';
import { createCatalogState } from './catalog-state.js';
import { createFrontPort } from './front-port.js';
import { createPipelines } from './pipelines.js';
import { createResourceRouter } from './resource-router.js';
import { createUpstreamSubscriptions } from './resource-subscriptions.js';

export interface GatewayEvents {
  /** The tool catalog changed (backend connected, list_changed, reload). */
  toolsChanged(): void;
  /** An upstream notification to forward to agents. */
  upstreamNotification(n: UpstreamNotification): void;
  /** A tool was quarantined (critical poisoning finding, not accepted). */
  toolQuarantined(info: {
    tool: string;
    backend: string;
    findings: { severity: string; kind: string; message: string }[];
  }): void;
}

export interface Gateway {
  config(): LoadedConfig;
  catalog(): Catalog;
  /** The one decision point (rebuilt on reload). */
  policy(): PolicyEngine;
  backends(): readonly Backend[];
  upstream(name: string): McpUpstream | undefined;
  upstreams(): readonly McpUpstream[];
  /** Authenticator chains for agents (MCP) and people (REST API), from the current config. */
  authentication(): Authentication;
  pipeline: Pipeline<ToolCall>;
  /** resources/read|subscribe|unsubscribe, prompts/get, completion/complete. */
  methodPipeline: Pipeline<MethodCall>;
  /** The narrow interface the MCP front doors get. */
  front: FrontDoorPort;
  store: Stores;
  /** Shared argument validator (pipeline and OpenAPI backends). */
  validator: ArgsValidator;
  /** Rate limits, quotas and the failed-authentication guard (state survives reloads). */
  limits: Limits;
  /** Pinned tool and prompt definitions (src/pins/). */
  pins: Pinning;
  /** Records an event outside the call pipeline (listings, auth failures ...). Never blocks, never throws. */
  recordEvent(event: AuditEventInput): void;
  /** Approval requests (held calls), when the gateway has an approval service. */
  approvals?: ApprovalService;
  /** Digest of the agents' grants and the policy section: what approvals are bound to. */
  policyVersion(): string;
  /** Connect all backends in parallel; resolves when every first attempt has settled. */
  start(): Promise<void>;
  /** Swap to a new validated config without dropping in-flight calls. */
  reload(next: LoadedConfig): Promise<{ added: string[]; removed: string[]; changed: string[] }>;
  on<K extends keyof GatewayEvents>(event: K, listener: GatewayEvents[K]): void;
  close(): Promise<void>;
}

export interface GatewayDeps {
  store: Stores;
  /** Where decision records go: the tamper-evident audit log (intent durably before execute). */
  records: RecordSink;
  /** Extra decision stages after validation (approvals, limits ... as they land). */
  extraStages?: Stage<ToolCall>[];
  /** Held calls wait for people (without it, a held call is refused). */
  approvals?: ApprovalService;
  /** Credential values by env name (tests); `${secret:NAME}` references go to `secrets`. */
  getCredential?: (name: string) => string | undefined;
  /** Resolves `${secret:NAME}` references on the outbound path (the vault: section's provider). */
  secrets?: SecretResolver;
  /** Where events outside the call pipeline go (the audit log). */
  onEvent?: (event: AuditEventInput) => void;
  /** Every live secret value the gateway holds (kept out of every backend's results). */
  secretValues?: () => Iterable<string>;
  log?: (msg: string) => void;
  /** Watches every pipeline run (tracing); absent: the stages run with no wrapper. */
  observer?: PipelineObserver<BaseCall>;
  /** Signs served tool and prompt definitions (src/signing/); absent: served unsigned. */
  signing?: ToolSigning;
  /** Where rate limits and quotas are counted (`limits.store`, opened by boot); absent: in process. */
  limitStore?: LimitStore;
}

/** Longest a retired backend keeps serving its in-flight calls after a reload: the slowest upstream timeout. */
const retireGraceMs = (c: LoadedConfig) =>
  Math.min(120_000, Math.max(30_000, ...Object.values(c.config.upstreams).map((u) => u.timeoutMs)));

/**
 * Composes the gateway: backends (built from config, guarded by limits), the catalog, the one policy decision,
 * the pipelines, the front doors' port, and reload. Each part is a module of its own in this folder.
 */
export function createGateway(initial: LoadedConfig, deps: GatewayDeps): Gateway {
  const log = deps.log ?? ((m: string) => logger().info(m));
  let current = initial;
  const policyOf = (c: LoadedConfig) => createPolicyEngine(compilePolicy(c.config.agents, c.config.policy));
  let policy = policyOf(initial);
  let version = policyVersion(initial.config);
  const listeners: { [K in keyof GatewayEvents]: GatewayEvents[K][] } = {
    toolsChanged: [],
    upstreamNotification: [],
    toolQuarantined: [],
  };
  const validator = createArgsValidator({
    onSchemaError: (key, msg) => log(`tool ${key}: input schema does not compile, calls refused: ${msg}`),
  });

  const recordEvent = (event: AuditEventInput): void => {
    try {
      deps.onEvent?.(event);
    } catch (e) {
      log(`event ${event.type} not recorded: ${(e as Error).message}`);
    }
  };

  const wanted = createBackendFactory({
    log,
    validator,
    recordEvent,
    onNotification: (n) => listeners.upstreamNotification.forEach((l) => l(n)),
    ...(deps.getCredential ? { getCredential: deps.getCredential } : {}),
    ...(deps.secrets ? { secrets: deps.secrets } : {}),
    ...(deps.secretValues ? { secretValues: deps.secretValues } : {}),
  });
  const circuitEvent = {
    open: 'backend.circuit.opened',
    'half-open': 'backend.circuit.probed',
    closed: 'backend.circuit.closed',
  } as const;
  const limits = createLimits(initial.config.limits, {
    ...(deps.limitStore ? { store: deps.limitStore } : {}),
    onCircuitChange: (backend, c) => {
      log(`backend ${backend}: circuit ${c.to} (${c.reason})`);
      try {
        deps.onEvent?.({ type: circuitEvent[c.to], backend, reasons: [c.reason], detail: { from: c.from } });
      } catch (e) {
        log(`event ${circuitEvent[c.to]} not recorded: ${(e as Error).message}`);
      }
    },
  });
  const slots = createBackendSlots({ guard: (b) => limits.guardBackend(b), onToolsChanged: () => rebuild(), log });

  // Pinned definitions (src/pins/) decide what the catalog serves; their changes rebuild it.
  let pinsLoaded = false;
  const pins = createPinning({
    store: deps.store.pins,
    config: () => current.config.pins,
    recordEvent,
    rebuild: () => rebuild(),
    log,
    upstreamSignature: upstreamSignatureCheck(() => current.config.pins.upstreamKeys),
  });
  /** Signs a served definition (tools at catalog build, prompts per listing; signatures are cached by content). */
  const signer = () => deps.signing?.signer();
  const signTool = (d: ToolDefinition) => signer()?.sign(d) ?? d;
  const catalogState = createCatalogState({
    backends: slots.all,
    config: () => current,
    pins,
    pinsLoaded: () => pinsLoaded,
    sign: () => (signer() ? signTool : undefined),
    invalidate: () => {
      validator.invalidate();
      policy.invalidate();
    },
    onQuarantined: (info) => listeners.toolQuarantined.forEach((l) => l(info)),
    onChanged: () => listeners.toolsChanged.forEach((l) => l()),
    log,
  });
  const rebuild = () => catalogState.rebuild();
  const catalog = catalogState.current;
  for (const [key, w] of wanted(initial)) slots.install(key, w);

  const buildAuth = (cfg: LoadedConfig) => createAuthentication(cfg.config, { apiKeys: deps.store.apiKeys });
  let authentication = buildAuth(initial);
  const approvals = deps.approvals;
  const upstreams = () => slots.all().filter((b): b is McpUpstream => b.kind === 'mcp');
  const upstream = (n: string) => slots.get(`mcp:${n}`) as McpUpstream | undefined;
  const router = createResourceRouter({
    upstreams,
    upstream,
    policy: () => policy,
    pinPrompt: pins.prompt,
    signPrompt: (p) => signer()?.sign(p) ?? p,
  });
  const subscriptions = createUpstreamSubscriptions();
  const pipelines = createPipelines({
    catalog,
    policy: () => policy,
    policyVersion: () => version,
    config: () => current,
    router: () => router,
    upstream,
    subscriptions,
    validator,
    limits,
    records: deps.records,
    ...(approvals ? { approvals } : {}),
    credentialLapsed: (principal) => authentication.credentialLapsed(principal),
    ...(deps.extraStages ? { extraStages: deps.extraStages } : {}),
    ...(deps.observer ? { observer: deps.observer } : {}),
  });
  const front = createFrontPort({
    config: () => current,
    authentication: () => authentication,
    catalog,
    policy: () => policy,
    limits,
    pipelines,
    router,
    subscriptions,
    recordEvent,
    onToolsChanged: (l) => void listeners.toolsChanged.push(l),
    onUpstreamNotification: (l) => void listeners.upstreamNotification.push(l),
  });

  const startAll = async (backends: Backend[]) => {
    await slots.start(backends);
    rebuild();
  };

  return {
    config: () => current,
    catalog,
    policy: () => policy,
    backends: slots.all,
    upstream,
    upstreams,
    authentication: () => authentication,
    pipeline: pipelines.pipeline,
    methodPipeline: pipelines.methodPipeline,
    front,
    store: deps.store,
    validator,
    limits,
    pins,
    recordEvent,
    ...(approvals ? { approvals } : {}),
    policyVersion: () => version,
    async start() {
      await pins.registry.load();
      pinsLoaded = true;
      await startAll(slots.all());
    },
    async reload(next) {
      const old0 = current.config;
      // What the new config builds that can fail is built before anything changes: a config that cannot be applied
      // leaves the running one whole (its policy, limits and backends), and the error says which part failed.
      const built = <T>(part: string, build: () => T): T => {
        try {
          return build();
        } catch (e) {
          throw new Error(`${part}: ${(e as Error).message}`, { cause: e });
        }
      };
      const nextPolicy = built('policy', () => policyOf(next));
      const nextVersion = policyVersion(next.config);
      const nextAuth =
        !isDeepStrictEqual(next.config.auth, old0.auth) ||
        !isDeepStrictEqual(next.config.agents, old0.agents) ||
        !isDeepStrictEqual(next.config.users, old0.users)
          ? built('auth', () => buildAuth(next))
          : authentication;
      // The tool signing key is loaded here (a file that holds no key, one readable by others, a secret that is not
      // one): a config that says to sign is never applied unsigned, nor with the key it meant to replace.
      let activateSigning: (() => Promise<void>) | undefined;
      try {
        activateSigning = await deps.signing?.prepare(next);
      } catch (e) {
        throw new Error(`tool signing: ${(e as Error).message}`, { cause: e });
      }
      // A rule that does not compile (a glob too long) throws before any rule changes.
      built('limits', () => limits.configure(next.config.limits));
      const want = wanted(next);
      const { added, removed, changed } = slots.diff(want, current.baseDir !== next.baseDir);
      const grace = retireGraceMs(current);
      const old = slots.remove([...removed, ...changed]);
      current = next;
      policy = nextPolicy;
      version = nextVersion;
      authentication = nextAuth;
      await activateSigning?.();
      const fresh = [...added, ...changed].map((k) => slots.install(k, want.get(k)!));
      rebuild();
      await startAll(fresh);
      // Resource routing lists the new upstreams before it routes again (a removed one offers nothing already).
      if (fresh.some((b) => b.kind === 'mcp')) router.reloaded();
      // In-flight calls hold their own backend reference; retired backends close once they had time to finish.
      slots.retire(old, grace);
      const name = (k: string) => k.slice(k.indexOf(':') + 1);
      return { added: added.map(name), removed: removed.map(name), changed: changed.map(name) };
    },
    on(event, listener) {
      (listeners[event] as unknown[]).push(listener);
    },
    async close() {
      pins.registry.close();
      await slots.close();
      await pins.registry.flush();
      await limits.close();
    },
  };
}
