import type { LogFn } from '../../observability/logger.js';
import { Client, ProtocolError } from '@modelcontextprotocol/client';
import type { UpstreamConfig } from '../../config/schema.js';
import type { AgentChannel, Backend, BackendCallContext, BackendStatus, BackendState } from '../../core/backend.js';
import { GatewayError, UpstreamRpcError } from '../../core/errors.js';
import type { BackendTool, JsonObject, ToolDefinition, ToolResult } from '../../core/tool.js';
import { RESULT_TOO_LARGE } from './bounded-stdio.js';
import { createUpstreamTransport, type UpstreamSecrets } from './transports.js';
import { createLeanCalls, type LeanCalls } from './lean-calls.js';
import { packageVersion } from '../../core/version.js';

export type UpstreamNotification = {
  server: string;
  method: string;
  params?: Record<string, unknown>;
  /**
   * Sent by the process that serves this one agent (a `per-agent` upstream): a resource it names as updated is that
   * agent's copy, so the update is that agent's only. Absent: a process shared by agents.
   */
  agent?: string;
};

/** The extra (non-tool) MCP surface an upstream offers, forwarded by the front door. */
export interface McpUpstream extends Backend {
  readonly kind: 'mcp';
  capabilities(): Record<string, unknown> | undefined;
  /** Forwards a request (resources/*, prompts/*, completion/complete, logging/setLevel) to the upstream. */
  request(method: string, params: Record<string, unknown> | undefined, ctx: BackendCallContext): Promise<JsonObject>;
  onNotification(listener: (n: UpstreamNotification) => void): void;
  /**
   * Which of its processes serves `agent`'s requests, when that depends on the agent (a `per-agent` pool: one
   * process per agent); absent when one process takes every agent's resource subscriptions. What a process is
   * subscribed to is that process's: the gateway counts subscription holders per process, so an unsubscribe reaches
   * the process that subscribed, and only when nobody else holds the URI there.
   */
  processFor?(agent: string): string;
}

const VERSION = packageVersion();

/**
 * One long-lived connection to an upstream MCP server, shared by all agents. Connects at boot,
 * reconnects with exponential backoff, keeps its last known tool list while down (calls fail fast
 * with `backend.unavailable`), and routes server-to-client requests back to the calling agent.
 */
export function createMcpUpstream(
  name: string,
  cfg: UpstreamConfig,
  baseDir: string,
  log: LogFn,
  secrets?: UpstreamSecrets,
  /** Removes live secret values from what the upstream answers (results, resources, prompts) before agents see it. */
  scrub?: <T>(value: T, ctx: Pick<BackendCallContext, 'requestId'> | undefined, what: string) => T,
): McpUpstream {
  const clean = <T>(value: T, ctx: Pick<BackendCallContext, 'requestId'> | undefined, what: string): T =>
    scrub ? scrub(value, ctx, what) : value;
  let client: Client | undefined;
  /** The lean tools/call path of the live connection (stdio, 2025 era); undefined: every call takes the SDK's. */
  let lean: LeanCalls | undefined;
  /** Tools the lean path may call: listed, without an output schema (whose results the SDK client validates). */
  let leanTools = new Set<string>();
  let state: BackendState = 'connecting';
  let lastError: string | undefined;
  let tools: BackendTool[] = [];
  let attempt = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  let closed = false;
  let connecting: Promise<void> | undefined;
  const toolListeners: (() => void)[] = [];
  const notifyListeners: ((n: UpstreamNotification) => void)[] = [];
  /** Calls in flight, for routing server-to-client traffic back to the agent whose call caused it. */
  const inFlight = new Map<AgentChannel, BackendCallContext>();
  /**
   * Progress is routed by our own tokens instead of the SDK's `onprogress`: the SDK dispatches notifications a tick
   * after it settles the response they precede, and drops a final progress notification that arrives just before
   * the result (measured: about half the time over stdio). Routes outlive the response by one macrotask.
   */
  const progressRoutes = new Map<string, NonNullable<BackendCallContext['onProgress']>>();
  let progressSeq = 0;

  const routeToAgent = (): [AgentChannel, BackendCallContext] => {
    if (inFlight.size === 1) return inFlight.entries().next().value!;
    throw new GatewayError(
      'request.invalid',
      inFlight.size === 0
        ? `upstream ${name} sent a server-to-client request outside of any call`
        : `upstream ${name} sent a server-to-client request while several calls are in flight; it cannot be attributed to one agent`,
    );
  };

  // What the upstream asks of the agent (a sampling prompt for the agent's model, an elicitation form) is upstream
  // text like a result: scanned for live secrets before it leaves the gateway.
  const forward =
    (method: string) => async (req: { params?: Record<string, unknown> }, ctx: { mcpReq: { signal: AbortSignal } }) => {
      const [channel, call] = routeToAgent();
      return (await channel.request(method, clean(req.params, call, method), ctx.mcpReq.signal)) as never;
    };
  /** Upstream text on its way to an agent outside a result, scanned like one; undefined when it must be withheld. */
  const cleanOrDrop = <T>(value: T, ctx: BackendCallContext | undefined, what: string): T | undefined => {
    try {
      return clean(value, ctx, what);
    } catch {
      return undefined;
    }
  };

  const refreshTools = async (c: Client): Promise<void> => {
    const all: ToolDefinition[] = [];
    let cursor: string | undefined;
    do {
      const page = await c.listTools(cursor ? { cursor } : undefined);
      all.push(...(page.tools as unknown as ToolDefinition[]));
      cursor = page.nextCursor;
    } while (cursor);
    // A definition is upstream text served to every agent that may see the tool (and pinned, and shown in the
    // dashboard): scanned for live secrets like a result; one that is nothing but a secret is withheld.
    const served = all.flatMap((t) => {
      const safe = cleanOrDrop(t, undefined, `${t.name} definition`);
      return safe && safe.name === t.name ? [safe] : [];
    });
    tools = served.map((t) => ({ localName: t.name, definition: t, source: { kind: 'mcp', server: name } }));
    leanTools = new Set(served.filter((t) => t.outputSchema === undefined).map((t) => t.name));
    for (const l of toolListeners) l();
  };

  const scheduleReconnect = () => {
    if (closed || retryTimer) return;
    const { initialDelayMs, maxDelayMs } = cfg.reconnect;
    const base = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.min(attempt, 16));
    const delay = Math.round(base / 2 + Math.random() * (base / 2));
    attempt++;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connect().catch(() => undefined);
    }, delay);
    retryTimer.unref();
  };

  const connect = (): Promise<void> => {
    if (connecting) return connecting;
    connecting = (async () => {
      state = 'connecting';
      const c = new Client(
        { name: 'portcullis', version: VERSION },
        { capabilities: { sampling: {}, elicitation: { form: {}, url: {} }, roots: { listChanged: true } } },
      );
      c.setRequestHandler('sampling/createMessage', forward('sampling/createMessage'));
      c.setRequestHandler('elicitation/create', forward('elicitation/create'));
      c.setRequestHandler('roots/list', forward('roots/list'));
      for (const method of [
        'notifications/resources/list_changed',
        'notifications/resources/updated',
        'notifications/prompts/list_changed',
      ] as const) {
        c.setNotificationHandler(method, (n: { params?: unknown }) => {
          const params = n.params as Record<string, unknown> | undefined;
          for (const l of notifyListeners) l({ server: name, method, ...(params ? { params } : {}) });
        });
      }
      c.setNotificationHandler('notifications/message', (n: { params?: unknown }) => {
        // Log messages go to the agent whose call is in flight, and nowhere else (they may carry its data).
        if (inFlight.size !== 1) return;
        const [channel, call] = inFlight.entries().next().value!;
        const params = cleanOrDrop(n.params as Record<string, unknown>, call, 'notifications/message');
        if (params) void channel.notify('notifications/message', params).catch(() => undefined);
      });
      c.setNotificationHandler('notifications/progress', (n: { params?: unknown }) => {
        const { progressToken, ...p } = (n.params ?? {}) as {
          progressToken?: unknown;
          progress: number;
          total?: number;
          message?: string;
        };
        progressRoutes.get(String(progressToken))?.(p);
      });
      c.setNotificationHandler('notifications/tools/list_changed', () => {
        refreshTools(c).catch((e: unknown) => log(`upstream ${name}: tools refresh failed: ${String(e)}`, 'warn'));
      });
      const leanCalls = cfg.transport === 'stdio' ? createLeanCalls() : undefined;
      try {
        // Inside the try: a secret that cannot be resolved is a failed attempt, retried like any other.
        const transport = await createUpstreamTransport(
          cfg,
          baseDir,
          secrets,
          ({ bytes, answered }) =>
            log(
              `upstream ${name}: dropped a ${bytes}-byte message (limit maxResultBytes ${cfg.maxResultBytes})${answered ? '; its call failed' : '; it was not a response to a call, so the call it belongs to (if any) will time out'}`,
            ),
          leanCalls?.intercept,
        );
        if ('stderr' in transport) {
          const stderr = (transport as { stderr: NodeJS.ReadableStream | null }).stderr;
          stderr?.on('data', () => undefined); // drained, not logged: upstream output may carry secrets
        }
        await c.connect(transport);
        leanCalls?.attach(c, transport);
        await refreshTools(c);
      } catch (e) {
        await c.close().catch(() => undefined);
        state = 'down';
        lastError = (e as Error).message;
        log(`upstream ${name}: connect failed (${lastError}); retrying`, 'warn');
        scheduleReconnect();
        throw e;
      }
      client = c;
      lean = leanCalls;
      state = 'ready';
      lastError = undefined;
      attempt = 0;
      c.onclose = () => {
        if (client === c) {
          client = undefined;
          lean = undefined;
        }
        if (closed) return;
        state = 'down';
        lastError = 'connection closed';
        log(`upstream ${name}: connection closed; reconnecting`, 'warn');
        scheduleReconnect();
      };
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  };

  const live = (): Client => {
    if (!client || state !== 'ready') {
      throw new GatewayError('backend.unavailable', `upstream "${name}" is unavailable`, lastError);
    }
    return client;
  };

  const mapError = (e: unknown, ctx: BackendCallContext): never => {
    if (e instanceof GatewayError) throw e;
    if (e instanceof ProtocolError && e.code === RESULT_TOO_LARGE)
      throw new GatewayError(
        'result.too_large',
        `The result from upstream "${name}" exceeds its limit of ${cfg.maxResultBytes} bytes; the call was cut`,
        e.message,
      );
    if ((ctx.abort ?? ctx.signal).aborted)
      throw new GatewayError('backend.timeout', `call to upstream "${name}" was cancelled or timed out`);
    const msg = (e as Error).message ?? String(e);
    if (/closed|disconnect|EPIPE|ECONNRESET/i.test(msg) || state !== 'ready') {
      throw new GatewayError('backend.failed', `upstream "${name}" disconnected during the call`, msg);
    }
    if (/timed? ?out/i.test(msg))
      throw new GatewayError('backend.timeout', `upstream "${name}" did not answer in time`, msg);
    throw new GatewayError('backend.failed', `upstream "${name}" returned an error`, msg);
  };

  const withAgent = async <T>(ctx: BackendCallContext, fn: () => Promise<T>, passRpcErrors = false): Promise<T> => {
    const channel = ctx.agent;
    if (channel) inFlight.set(channel, ctx);
    try {
      return await fn();
    } catch (e) {
      if (passRpcErrors && e instanceof ProtocolError && e.code !== RESULT_TOO_LARGE) {
        // The upstream's error text goes to the agent: scanned for live secrets like a result.
        const safe = cleanOrDrop({ message: e.message, data: e.data }, ctx, 'error');
        throw new UpstreamRpcError(e.code, safe?.message ?? 'upstream error withheld', safe?.data);
      }
      return mapError(e, ctx);
    } finally {
      if (channel) inFlight.delete(channel);
    }
  };

  return {
    name,
    kind: 'mcp',
    start: () => connect(),
    tools: () => tools,
    status: (): BackendStatus => ({
      name,
      kind: 'mcp',
      state,
      ...(lastError ? { lastError } : {}),
      toolCount: tools.length,
    }),
    onToolsChanged: (l) => void toolListeners.push(l),
    onNotification: (l) => void notifyListeners.push(l),
    capabilities: () => client?.getServerCapabilities(),
    callTool: (localName: string, args: JsonObject, ctx: BackendCallContext): Promise<ToolResult> =>
      withAgent(ctx, async () => {
        const c = live();
        // Plain calls (no progress, no output schema, a 2025 stdio connection) skip the SDK client's request
        // machinery and schema parses (ADR 0017, Decision 9); the answers and errors are the same.
        if (!ctx.onProgress && lean?.usable() && leanTools.has(localName))
          return clean(await lean.call(localName, args, ctx.abort ?? ctx.signal, cfg.timeoutMs), ctx, localName);
        const token = ctx.onProgress ? `pcl-${++progressSeq}` : undefined;
        const onProgress = ctx.onProgress;
        if (token && onProgress)
          progressRoutes.set(token, (p) => {
            // A progress message is upstream text too.
            const safe = cleanOrDrop(p, ctx, `${localName} progress`);
            if (safe) onProgress(safe);
          });
        try {
          const res = await c.callTool(
            { name: localName, arguments: args, ...(token ? { _meta: { progressToken: token } } : {}) },
            { signal: ctx.signal, timeout: cfg.timeoutMs },
          );
          return clean(res as unknown as ToolResult, ctx, localName);
        } finally {
          if (token) await new Promise((r) => setImmediate(r)).then(() => progressRoutes.delete(token));
        }
      }),
    request: (method, params, ctx) =>
      withAgent(ctx, async () => clean(await forwardRequest(method, params, ctx), ctx, method), true),
    close: async () => {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      state = 'closed';
      await client?.close().catch(() => undefined);
      client = undefined;
      lean = undefined;
    },
  };

  async function forwardRequest(
    method: string,
    params: Record<string, unknown> | undefined,
    ctx: BackendCallContext,
  ): Promise<JsonObject> {
    const c = live();
    switch (method) {
      case 'resources/list':
        return await c.listResources(params, { signal: ctx.signal });
      case 'resources/templates/list':
        return await c.listResourceTemplates(params, { signal: ctx.signal });
      case 'resources/read':
        return await c.readResource(params as { uri: string }, { signal: ctx.signal });
      case 'resources/subscribe':
        return await c.subscribeResource(params as { uri: string }, { signal: ctx.signal });
      case 'resources/unsubscribe':
        return await c.unsubscribeResource(params as { uri: string }, { signal: ctx.signal });
      case 'prompts/list':
        return await c.listPrompts(params, { signal: ctx.signal });
      case 'prompts/get':
        return await c.getPrompt(params as { name: string }, { signal: ctx.signal });
      case 'completion/complete':
        return await c.complete(params as never, { signal: ctx.signal });
      case 'logging/setLevel':
        return await c.setLoggingLevel((params as { level: never }).level, { signal: ctx.signal });
      default:
        throw new GatewayError('request.invalid', `method ${method} is not forwarded`);
    }
  }
}
