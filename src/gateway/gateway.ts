import { isDeepStrictEqual } from 'node:util';
import { buildCatalog, toolTargetOf, type Catalog } from '../backends/catalog.js';
import { createMcpUpstream, type McpUpstream, type UpstreamNotification } from '../backends/mcp/upstream.js';
import { createUpstreamPool } from '../backends/mcp/pool.js';
import { createOpenApiBackend } from '../backends/openapi/index.js';
import { createAuthentication, type Authentication } from '../authn/index.js';
import type { Backend, BackendCallContext } from '../core/backend.js';
import type { ToolDefinition } from '../core/tool.js';
import type { Principal } from '../core/principal.js';
import { compilePolicy } from '../policy/compile.js';
import { createPolicyEngine, type PolicyEngine } from '../policy/engine.js';
import type { LoadedConfig } from '../config/load.js';
import type { Stores } from '../storage/repositories.js';
import { createPipeline, type Pipeline } from '../pipeline/runner.js';
import type { PipelineObserver } from '../pipeline/observer.js';
import type { RecordSink, Stage } from '../pipeline/stage.js';
import type { BaseCall, MethodCall, ToolCall } from '../pipeline/call.js';
import { resolveStage } from '../pipeline/stages/resolve.js';
import { authorizeStage } from '../pipeline/stages/authorize.js';
import { validateStage } from '../pipeline/stages/validate.js';
import { executeStage } from '../pipeline/stages/execute.js';
import { createArgsValidator, type ArgsValidator } from '../validation/index.js';
import type { AuditEventInput } from '../audit/types.js';
import type { FrontDoorPort } from '../front/port.js';
import { createResourceRouter, forwardStage, resolveMethodStage } from './resource-router.js';
import { createLeakScanner, hasSecretRef, scanJson, type SecretResolver } from '../vault/index.js';
import { GatewayError } from '../core/errors.js';
import { createLimits, limitStage, type Limits } from '../limits/index.js';
import { createPinning, quarantineStage, type Pinning } from '../pins/index.js';
import type { ApprovalService } from '../approvals/service.js';
import { approvalStage, approvedExecuteStage, methodApprovalStage, STATUS_TOOL } from '../approvals/stage.js';
import { createStatusTool, statusToolDefinition } from '../approvals/status-tool.js';
import { policyVersion } from '../approvals/binding.js';
import { logger } from '../observability/logger.js';
import { upstreamSignatureCheck, type ToolSigning } from '../signing/index.js';

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
}

/** One configured backend: its kind, name and the config entry it was built from (for reload diffs). */
type Slot = { key: string; config: unknown; backend: Backend };

export function createGateway(initial: LoadedConfig, deps: GatewayDeps): Gateway {
  const log = deps.log ?? ((m: string) => logger().info(m));
  const envCredential = deps.getCredential ?? ((n: string) => process.env[n]);
  const getCredential = (n: string): string | undefined | Promise<string> => {
    if (!hasSecretRef(n)) return envCredential(n);
    if (!deps.secrets) return Promise.reject(new Error(`${n}: no secret provider configured`));
    return deps.secrets.resolve(n);
  };
  let current = initial;
  const policyOf = (c: LoadedConfig) => createPolicyEngine(compilePolicy(c.config.agents, c.config.policy));
  let policy = policyOf(initial);
  let version = policyVersion(initial.config);
  const slots = new Map<string, Slot>();
  const retired = new Set<Backend>();
  let catalog: Catalog = buildCatalog([]);
  let quarantined = new Set<string>();
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

  // What an upstream MCP server answers is scanned for every live secret (those it was given in env or headers
  // included) before an agent sees it; a hit is replaced and recorded.
  const leakScanner = createLeakScanner(() => deps.secretValues?.() ?? []);
  const scrubFor =
    (backend: string) =>
    <T>(value: T, ctx: BackendCallContext, what: string): T => {
      const r = scanJson(leakScanner, value);
      if (!r.finding) return value;
      recordEvent({
        type: 'secret.leak.redacted',
        requestId: ctx.requestId,
        backend,
        tool: what,
        detail: { where: 'response', encodings: r.finding.encodings, count: r.finding.count },
      });
      if (r.value === undefined)
        throw new GatewayError('backend.failed', `upstream "${backend}" answered with a secret value; withheld`);
      return r.value;
    };

  const allBackends = (): Backend[] => [...slots.values()].map((s) => s.backend);
  // --- pins (src/pins/): pinned definitions decide what the catalog serves; changes rebuild it.
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
  // --- end pins
  const rebuild = () => {
    validator.invalidate();
    policy.invalidate();
    // Until the pins are loaded nothing is served (fail closed): a backend that connects early waits for them.
    catalog = buildCatalog(pinsLoaded || !pins.enabled() ? allBackends() : [], current.config.risk, {
      pin: pins.hook(),
      ...(signer() ? { sign: signTool } : {}),
    });
    for (const name of catalog.collisions()) log(`tool name collision on "${name}": both tools withheld`);
    const nowQuarantined = new Set<string>();
    for (const e of catalog.all()) {
      if (!e.quarantined || e.pin?.state === 'quarantined') continue; // pin quarantines are recorded by src/pins/
      nowQuarantined.add(e.name);
      if (quarantined.has(e.name)) continue;
      log(
        `tool ${e.name} quarantined: ${e.findings
          .filter((f) => f.severity === 'critical')
          .map((f) => f.message)
          .join('; ')}`,
      );
      for (const l of listeners.toolQuarantined) l({ tool: e.name, backend: e.backend.name, findings: e.findings });
    }
    quarantined = nowQuarantined;
    for (const l of listeners.toolsChanged) l();
  };

  /** Every backend the config asks for, keyed `<kind>:<name>`, with the entry it is built from. */
  const wanted = (cfg: LoadedConfig): Map<string, { config: unknown; create: () => Backend }> => {
    const m = new Map<string, { config: unknown; create: () => Backend }>();
    for (const [name, u] of Object.entries(cfg.config.upstreams)) {
      m.set(`mcp:${name}`, {
        config: u,
        create: () => {
          const one = (label?: string) =>
            createMcpUpstream(
              name,
              u,
              cfg.baseDir,
              label ? (m) => log(`${m} [process ${label}]`) : log,
              deps.secrets,
              scrubFor(name),
            );
          // upstreams.<name>.pool: several processes (pool or per agent) behind the one name.
          const up =
            u.transport === 'stdio' && u.pool.mode !== 'shared' ? createUpstreamPool(name, u.pool, one) : one();
          up.onNotification((n) => listeners.upstreamNotification.forEach((l) => l(n)));
          return up;
        },
      });
    }
    for (const [name, o] of Object.entries(cfg.config.openapi)) {
      m.set(`openapi:${name}`, {
        config: o,
        create: () =>
          createOpenApiBackend(
            { name, ...o },
            {
              getCredential,
              validator,
              baseDir: cfg.baseDir,
              ...(deps.secretValues ? { otherSecrets: deps.secretValues } : {}),
              onLeak: (l) =>
                recordEvent({
                  type: 'secret.leak.redacted',
                  requestId: l.requestId,
                  backend: l.backend,
                  tool: l.tool,
                  detail: { where: l.where, encodings: l.encodings, count: l.count },
                }),
            },
          ),
      });
    }
    return m;
  };
  const circuitEvent = {
    open: 'backend.circuit.opened',
    'half-open': 'backend.circuit.probed',
    closed: 'backend.circuit.closed',
  } as const;
  const limits = createLimits(initial.config.limits, {
    onCircuitChange: (backend, c) => {
      log(`backend ${backend}: circuit ${c.to} (${c.reason})`);
      try {
        deps.onEvent?.({ type: circuitEvent[c.to], backend, reasons: [c.reason], detail: { from: c.from } });
      } catch (e) {
        log(`event ${circuitEvent[c.to]} not recorded: ${(e as Error).message}`);
      }
    },
  });
  const install = (key: string, w: { config: unknown; create: () => Backend }): Backend => {
    const backend = limits.guardBackend(w.create());
    backend.onToolsChanged(rebuild);
    slots.set(key, { key, config: w.config, backend });
    return backend;
  };
  for (const [key, w] of wanted(initial)) install(key, w);

  const buildAuth = (cfg: LoadedConfig) => createAuthentication(cfg.config, { apiKeys: deps.store.apiKeys });
  let authentication = buildAuth(initial);
  const approvals = deps.approvals;
  const maxWaitMs = () => Math.max(1000, current.config.server.requestTimeoutMs - 5000);
  const waitMs = () => Math.min(policy.policy.approvals.waitMs, maxWaitMs());
  const pipeline = createPipeline<ToolCall>(
    [
      resolveStage(() => catalog),
      authorizeStage(() => policy, { hold: approvals ? 'defer' : 'refuse' }),
      quarantineStage(),
      validateStage(validator),
      ...(deps.extraStages ?? []),
      limitStage(limits.limiter),
      ...(approvals ? [approvalStage(approvals, { policyVersion: () => version, waitMs, maxWaitMs })] : []),
    ],
    approvals ? approvedExecuteStage(approvals, executeStage()) : executeStage(),
    deps.records,
    deps.observer,
  );
  const statusTool = approvals ? createStatusTool(approvals, { run: (c) => pipeline.run(c), waitMs }) : undefined;
  /** The status tool is listed for agents that can see a tool needing approval (and callable by every agent). */
  const needsApprovals = (principal: Principal) =>
    catalog.entries().some((e) => policy.listing(principal, toolTargetOf(e)).effect === 'hold');
  const upstreams = () => allBackends().filter((b): b is McpUpstream => b.kind === 'mcp');
  const upstream = (n: string) => slots.get(`mcp:${n}`)?.backend as McpUpstream | undefined;
  const router = createResourceRouter({
    upstreams,
    upstream,
    policy: () => policy,
    pinPrompt: pins.prompt,
    signPrompt: (p) => signer()?.sign(p) ?? p,
  });
  const methodPipeline = createPipeline<MethodCall>(
    [
      resolveMethodStage(() => router),
      authorizeStage(() => policy, { hold: approvals ? 'defer' : 'refuse' }),
      ...(approvals ? [methodApprovalStage(approvals, { policyVersion: () => version, waitMs, maxWaitMs })] : []),
    ],
    approvals ? approvedExecuteStage(approvals, forwardStage()) : forwardStage(),
    deps.records,
    deps.observer,
  );
  /** Listings reach the upstreams but change nothing: one event after the answer, like tools/list, never blocking. */
  const recordListing = (
    type: 'resources.listed' | 'prompts.listed',
    principal: Principal,
    method: string,
    visible: number,
  ) =>
    recordEvent({
      type,
      agent: principal.agent,
      ...(principal.user ? { user: principal.user } : {}),
      detail: { method, visible },
    });
  const front: FrontDoorPort = {
    server: () => current.config.server,
    sessionLimits: () => current.config.limits.sessions,
    baseDir: () => current.baseDir,
    authentication: () => authentication,
    failedAuth: limits.failedAuth,
    listTools: (principal) => {
      const tools = catalog
        .entries()
        .filter((e) => policy.visible(principal, toolTargetOf(e)))
        .map((e) => e.definition);
      return statusTool && needsApprovals(principal) ? [...tools, statusToolDefinition] : tools;
    },
    visibleToolSchema(principal, name) {
      if (statusTool && name === STATUS_TOOL) return statusToolDefinition.inputSchema;
      const e = catalog.get(name);
      return e && policy.visible(principal, toolTargetOf(e)) ? e.definition.inputSchema : undefined;
    },
    callTool: (call) => (statusTool && call.toolName === STATUS_TOOL ? statusTool(call) : pipeline.run(call)),
    forward: (call) => methodPipeline.run(call),
    listResources: async (principal, signal) => {
      const r = await router.listResources(principal, signal);
      recordListing('resources.listed', principal, 'resources/list', r.resources.length);
      return r;
    },
    listResourceTemplates: async (principal, signal) => {
      const r = await router.listTemplates(principal, signal);
      recordListing('resources.listed', principal, 'resources/templates/list', r.resourceTemplates.length);
      return r;
    },
    listPrompts: async (principal, signal) => {
      const r = await router.listPrompts(principal, signal);
      recordListing('prompts.listed', principal, 'prompts/list', r.prompts.length);
      return r;
    },
    recordEvent,
    onToolsChanged: (l) => void listeners.toolsChanged.push(l),
    onUpstreamNotification: (l) => void listeners.upstreamNotification.push(l),
  };

  const startAll = async (backends: Backend[]) => {
    const results = await Promise.allSettled(backends.map((b) => b.start()));
    results.forEach((r, i) => {
      if (r.status === 'rejected')
        log(`backend ${backends[i]!.name}: ${(r.reason as Error).message ?? String(r.reason)}`);
    });
    rebuild();
  };

  return {
    config: () => current,
    catalog: () => catalog,
    policy: () => policy,
    backends: allBackends,
    upstream,
    upstreams,
    authentication: () => authentication,
    pipeline,
    methodPipeline,
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
      await startAll(allBackends());
    },
    async reload(next) {
      const old0 = current.config;
      const want = wanted(next);
      const baseMoved = current.baseDir !== next.baseDir;
      const removed = [...slots.keys()].filter((k) => !want.has(k));
      const added = [...want.keys()].filter((k) => !slots.has(k));
      const changed = [...want.keys()].filter(
        (k) => slots.has(k) && (baseMoved || !isDeepStrictEqual(slots.get(k)!.config, want.get(k)!.config)),
      );
      const grace = Math.min(
        120_000,
        Math.max(30_000, ...Object.values(current.config.upstreams).map((u) => u.timeoutMs)),
      );
      const old: Backend[] = [];
      for (const k of [...removed, ...changed]) {
        old.push(slots.get(k)!.backend);
        slots.delete(k);
      }
      current = next;
      policy = policyOf(next);
      version = policyVersion(next.config);
      limits.configure(next.config.limits);
      await deps.signing?.reload(next);
      if (
        !isDeepStrictEqual(next.config.auth, old0.auth) ||
        !isDeepStrictEqual(next.config.agents, old0.agents) ||
        !isDeepStrictEqual(next.config.users, old0.users)
      )
        authentication = buildAuth(next);
      const fresh = [...added, ...changed].map((k) => install(k, want.get(k)!));
      rebuild();
      await startAll(fresh);
      // In-flight calls hold their own backend reference; retired backends close once they had time to finish.
      for (const b of old) retired.add(b);
      const t = setTimeout(() => {
        for (const b of old) {
          retired.delete(b);
          void b.close().catch(() => undefined);
        }
      }, grace);
      t.unref();
      const name = (k: string) => k.slice(k.indexOf(':') + 1);
      return { added: added.map(name), removed: removed.map(name), changed: changed.map(name) };
    },
    on(event, listener) {
      (listeners[event] as unknown[]).push(listener);
    },
    async close() {
      pins.registry.close();
      await Promise.allSettled([...allBackends(), ...retired].map((b) => b.close()));
      await pins.registry.flush();
      await limits.close();
    },
  };
}
