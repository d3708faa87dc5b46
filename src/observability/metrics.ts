/**
 * Prometheus metrics (prom-client, a private registry): tool calls by tool, backend, decision and result status,
 * call latency, the audit log's intent-commit latency (the durable write before every call), backend state and
 * circuit-breaker state. Labels never carry agents, users or arguments.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { BackendStatus } from '../core/backend.js';
import type { RecordSink } from '../pipeline/stage.js';
import type { ServerConfig } from '../config/schema.js';
import { checkHost, checkOrigin } from '../front/request-guards.js';
import { HttpError, sendHttpError } from '../http/http-error.js';
import type { HttpRoute } from '../http/route.js';

export interface GatewayMetrics {
  readonly registry: Registry;
  /** Wraps the decision-record sink: counts outcomes and times intent commits. */
  observeRecords(sink: RecordSink): RecordSink;
  /** Backend state is read at scrape time. */
  watchBackends(list: () => BackendStatus[]): void;
  /** A connection was closed as accepted: `server.maxConnections` were open. */
  countRefusedConnection(): void;
  /** The Prometheus text exposition. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

const BACKEND_STATES = ['connecting', 'ready', 'down', 'closed'] as const;
const CIRCUIT_STATES = ['closed', 'open', 'half-open'] as const;

export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'portcullis_' });
  const calls = new Counter({
    name: 'portcullis_tool_calls_total',
    help: 'Tool calls by tool, backend, decision (allow/deny/hold) and result status.',
    labelNames: ['tool', 'backend', 'decision', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'portcullis_tool_call_duration_seconds',
    help: 'Tool call latency through the gateway (policy, audit intent, backend), by backend and decision.',
    labelNames: ['backend', 'decision'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const intent = new Histogram({
    name: 'portcullis_audit_intent_commit_seconds',
    help: 'Time to durably commit a call intent to the audit log (no audit, no call).',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const intentFailures = new Counter({
    name: 'portcullis_audit_intent_failures_total',
    help: 'Call intents the audit log could not commit (each such call was refused).',
    registers: [registry],
  });
  const refusedConnections = new Counter({
    name: 'portcullis_connections_refused_total',
    help: 'Connections closed as they were accepted because server.maxConnections were open.',
    registers: [registry],
  });
  let backends: () => BackendStatus[] = () => [];
  new Gauge({
    name: 'portcullis_backend_state',
    help: 'Backend (upstream MCP server or OpenAPI API) state: 1 for the current state, 0 for the others.',
    labelNames: ['backend', 'kind', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const b of backends())
        for (const s of BACKEND_STATES) this.set({ backend: b.name, kind: b.kind, state: s }, b.state === s ? 1 : 0);
    },
  });
  new Gauge({
    name: 'portcullis_backend_tools',
    help: 'Tools a backend currently serves.',
    labelNames: ['backend'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const b of backends()) this.set({ backend: b.name }, b.toolCount);
    },
  });
  new Gauge({
    name: 'portcullis_circuit_state',
    help: 'Circuit breaker state per backend (only backends with a breaker): 1 for the current state.',
    labelNames: ['backend', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const b of backends()) {
        const circuit = b.circuit;
        if (!circuit) continue;
        for (const s of CIRCUIT_STATES) this.set({ backend: b.name, state: s }, circuit.state === s ? 1 : 0);
      }
    },
  });

  return {
    registry,
    observeRecords(sink) {
      return {
        async intent(call) {
          const end = intent.startTimer();
          try {
            await sink.intent(call);
            end();
          } catch (e) {
            intentFailures.inc();
            throw e;
          }
        },
        async outcome(call) {
          const r = call.record;
          const backend = r.backend ?? 'none';
          calls.inc({ tool: r.tool ?? 'none', backend, decision: r.decision, status: r.resultStatus ?? 'none' });
          if (r.latencyMs !== undefined) latency.observe({ backend, decision: r.decision }, r.latencyMs / 1000);
          await sink.outcome(call);
        },
      };
    },
    watchBackends(list) {
      backends = list;
    },
    countRefusedConnection() {
      refusedConnections.inc();
    },
    async scrape() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

/**
 * GET /metrics when metrics are on; answers false (not mine) otherwise. The same Host and Origin guards as `/mcp`
 * and `/api/v1` (a page in the operator's browser that rebinds its name to 127.0.0.1 cannot read it), and with
 * `server.metricsToken` set, `Authorization: Bearer <token>` (compared in constant time).
 */
export async function serveMetrics(
  metrics: GatewayMetrics | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  server: Pick<ServerConfig, 'host' | 'allowedHosts' | 'allowedOrigins' | 'metricsToken'>,
): Promise<boolean> {
  if (!metrics || url.pathname !== '/metrics') return false;
  const guard =
    checkHost(req.headers.host, server as ServerConfig) ?? checkOrigin(req.headers.origin, server as ServerConfig);
  if (guard) {
    sendHttpError(res, new HttpError('request.forbidden', guard));
    return true;
  }
  if (req.method !== 'GET') {
    sendHttpError(res, new HttpError('request.method_not_allowed', undefined, { allow: 'GET' }));
    return true;
  }
  if (server.metricsToken !== undefined && !bearerMatches(req.headers.authorization, server.metricsToken)) {
    const code = req.headers.authorization === undefined ? 'auth.missing' : 'auth.invalid';
    sendHttpError(res, new HttpError(code, undefined, { 'www-authenticate': 'Bearer realm="portcullis-metrics"' }));
    return true;
  }
  const { contentType, body } = await metrics.scrape();
  res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body);
  return true;
}

/** `/metrics` as a route of the listener (no path at all when metrics are off). */
export function metricsRoute(
  metrics: GatewayMetrics | undefined,
  server: () => Pick<ServerConfig, 'host' | 'allowedHosts' | 'allowedOrigins' | 'metricsToken'>,
): HttpRoute {
  return {
    paths: () => (metrics ? ['/metrics'] : []),
    serve: (req, res, url) => serveMetrics(metrics, req, res, url, server()),
  };
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  return m !== null && timingSafeEqual(digest(m[1]!), digest(token));
}
