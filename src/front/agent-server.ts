import { ProtocolError, Server, type ServerContext } from '@modelcontextprotocol/server';
import type { AgentChannel } from '../core/backend.js';
import { createCallAbort, type CallAbort, type CallAbortController } from '../core/call-abort.js';
import { GatewayError, UpstreamRpcError, errorCodes } from '../core/errors.js';
import { newRequestId } from '../core/ids.js';
import { isoNow } from '../core/iso-now.js';
import type { Principal } from '../core/principal.js';
import type { JsonObject, ToolResult } from '../core/tool.js';
import {
  LazyToolCall,
  type ForwardedMethod,
  type MethodCall,
  type SubscriptionHolder,
  type ToolCall,
} from '../pipeline/call.js';
import type { FrontDoorPort } from './port.js';
import { methodCall } from './method-call.js';
import { noteSpelling } from './resource-updates.js';
import { packageVersion } from '../core/version.js';

export const SERVER_INFO = { name: 'portcullis', version: packageVersion() };

export interface AgentServerOptions {
  principal: Principal;
  era: 'legacy' | 'modern';
  sourceAddress?: string;
  requestTimeoutMs: number;
  /**
   * Resources this agent's session subscribed to, by `subscriptionKey(upstream, normalised URI)`: an update reaches
   * it only from the upstream the subscription was made with (legacy sessions keep them across requests). The session
   * is their holder: the gateway keeps the set, counting holders per (upstream, URI).
   */
  subscriptions?: SubscriptionHolder;
}

/** A call's deadline: `expired()` when it fired before the caller cancelled. */
interface Deadline {
  abort: CallAbort;
  expired(): boolean;
  clear(): void;
}

/**
 * The caller's cancellation plus a per-call deadline, as one cancellation. (A plain timer and a `CallAbort`, whose
 * AbortSignal is made only when a backend asks for it: a fraction of `AbortSignal.any` + `AbortSignal.timeout`,
 * which allocate transferable signals; ADR 0017, Decision 19.)
 */
function withDeadline(parent: AbortSignal, ms: number): Deadline {
  const ctl = createCallAbort();
  let timedOut = false;
  const onAbort = () => ctl.abort(parent.reason);
  if (parent.aborted) ctl.abort(parent.reason);
  else parent.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    ctl.abort(new Error(`timed out after ${ms} ms`));
  }, ms);
  return {
    abort: ctl,
    expired: () => timedOut && !parent.aborted,
    clear: () => {
      clearTimeout(timer);
      parent.removeEventListener('abort', onAbort);
    },
  };
}

/**
 * The deadline on a cancellation the carrier made for this one call (the fast paths'): nothing between them (ADR
 * 0017, Decisions 8 and 19). The carrier aborts it only to cancel; the deadline aborts it only while nobody has, so
 * `expired()` means what it means above.
 */
function deadlineOn(ctl: CallAbortController, ms: number): Deadline {
  let timedOut = false;
  const timer = setTimeout(() => {
    if (ctl.aborted) return;
    timedOut = true;
    ctl.abort(new Error(`timed out after ${ms} ms`));
  }, ms);
  return { abort: ctl, expired: () => timedOut, clear: () => clearTimeout(timer) };
}

export type ToolCallParams = { name: string; arguments?: JsonObject; _meta?: { progressToken?: string | number } };

/** What a tools/call needs from the transport that carries it (the SDK's request context, or the fast path's). */
export type ToolCallIo = ToolCallChannels &
  (
    | {
        /** Aborted when the caller cancels or goes away (the SDK's request signal). */
        signal: AbortSignal;
        abort?: undefined;
      }
    | {
        /**
         * A cancellation the carrier made for this call alone and aborts only when the caller cancels or goes away:
         * the call's deadline uses it too, and no AbortSignal is made unless a backend asks (ADR 0017, Decision 19).
         */
        abort: CallAbortController;
        signal?: undefined;
      }
  );

interface ToolCallChannels {
  /** Server-to-client requests and notifications of this call (upstream sampling, logs). */
  channel: AgentChannel;
  /** Notifications related to this call (progress). */
  notify(n: { method: string; params?: Record<string, unknown> }): Promise<void>;
}

/** Maps a gateway error onto the wire: protocol-level errors become JSON-RPC errors. */
export function toProtocolError(e: unknown): ProtocolError {
  if (e instanceof ProtocolError) return e;
  if (e instanceof UpstreamRpcError) return new ProtocolError(e.rpcCode, e.message, e.data);
  if (e instanceof GatewayError) return new ProtocolError(errorCodes[e.code].jsonrpc, e.message, e.data);
  return new ProtocolError(errorCodes.internal.jsonrpc, errorCodes.internal.message);
}

/**
 * Builds the MCP server face one agent talks to: a low-level SDK `Server` whose handlers delegate to the
 * gateway. Identity comes from the front door (never from the SDK), and every tools/call runs the pipeline.
 */
export function createAgentServer(gw: FrontDoorPort, opts: AgentServerOptions): Server {
  const server = new Server(SERVER_INFO, {
    capabilities: {
      tools: { listChanged: true },
      resources: { subscribe: true, listChanged: true },
      prompts: { listChanged: true },
      completions: {},
      logging: {},
    },
    instructions: 'Tools are served through Portcullis: names are <server>_<tool>; calls are authorized and audited.',
  });
  // Read per request, never captured: a session takes the principal of each request's credential (sessions.ts).

  const LEVELS = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];
  /** 2026-07-28: log messages only when the request asked for them, at or above the level it asked for. */
  const logAllowed = (ctx: ServerContext, params: Record<string, unknown> | undefined): boolean => {
    if (opts.era !== 'modern') return true;
    const wanted = ctx.mcpReq._meta?.['io.modelcontextprotocol/logLevel'];
    if (typeof wanted !== 'string') return false;
    return LEVELS.indexOf(String(params?.level)) >= LEVELS.indexOf(wanted);
  };
  const channelFor = (ctx: ServerContext): AgentChannel => ({
    request: async (method, params, signal) => {
      if (opts.era === 'modern') {
        throw new ProtocolError(-32601, `${method} from an upstream is not relayed to 2026-07-28 clients yet`);
      }
      return ctx.mcpReq.send({ method: method as 'sampling/createMessage', ...(params ? { params } : {}) }, { signal });
    },
    notify: async (method, params) => {
      if (method === 'notifications/message' && !logAllowed(ctx, params)) return;
      await ctx.mcpReq.notify({ method, ...(params ? { params } : {}) });
    },
  });

  server.setRequestHandler('tools/list', () => {
    const tools = gw.listTools(opts.principal);
    recordToolsListed(gw, opts, tools.length);
    return { tools } as never;
  });

  server.setRequestHandler(
    'tools/call',
    (request, ctx) =>
      serveToolCall(gw, opts, request.params as ToolCallParams, {
        signal: ctx.mcpReq.signal,
        channel: channelFor(ctx),
        notify: (n) => ctx.mcpReq.notify(n),
      }) as never,
  );

  const rpc = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      throw toProtocolError(e);
    }
  };
  const signalOf = (ctx: ServerContext) =>
    AbortSignal.any([ctx.mcpReq.signal, AbortSignal.timeout(opts.requestTimeoutMs)]);

  /** Every forwarded method goes through the gateway's pipeline: resolve, policy, intent record, forward, outcome. */
  const forward = async (method: ForwardedMethod, params: unknown, ctx: ServerContext): Promise<MethodCall> => {
    const p = (params ?? {}) as JsonObject;
    // A held resources/read or prompts/get waits for approval: progress keeps the client from timing out.
    const token = (p._meta as { progressToken?: string | number } | undefined)?.progressToken;
    let progressSent: Promise<unknown> = Promise.resolve();
    const call = await gw.forward(
      methodCall(opts.principal, method, p, signalOf(ctx), {
        agent: channelFor(ctx),
        ...(opts.subscriptions && (method === 'resources/subscribe' || method === 'resources/unsubscribe')
          ? { holder: opts.subscriptions }
          : {}),
        ...(token !== undefined
          ? {
              onProgress: (n: { progress: number; total?: number; message?: string }) => {
                progressSent = progressSent
                  .then(() =>
                    ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken: token, ...n } }),
                  )
                  .catch(() => undefined);
              },
            }
          : {}),
        ...(opts.sourceAddress ? { sourceAddress: opts.sourceAddress } : {}),
      }),
    );
    await progressSent;
    return call;
  };
  const forwarded = (method: ForwardedMethod, params: unknown, ctx: ServerContext) =>
    rpc(async () => (await forward(method, params, ctx)).result) as never;

  server.setRequestHandler(
    'resources/list',
    (_r, ctx) => rpc(() => gw.listResources(opts.principal, signalOf(ctx))) as never,
  );
  server.setRequestHandler(
    'resources/templates/list',
    (_r, ctx) => rpc(() => gw.listResourceTemplates(opts.principal, signalOf(ctx))) as never,
  );
  server.setRequestHandler('resources/read', (r, ctx) => forwarded('resources/read', r.params, ctx));
  // The session's subscriptions are kept by the gateway as it forwards them (keyed as it serves the resource); the
  // spelling each was made with names its updates. An unsubscribe lets go of the URI even when it is refused
  // (gateway/subscription-release.ts), and so of its spellings: a later subscribe in another one is named by that alone.
  const subscribing = (method: 'resources/subscribe' | 'resources/unsubscribe') =>
    server.setRequestHandler(
      method,
      (r, ctx) =>
        rpc(async () => {
          const subscribe = method === 'resources/subscribe';
          try {
            const { result } = await forward(method, r.params, ctx);
            if (opts.subscriptions) noteSpelling(gw, opts.subscriptions, r.params.uri, subscribe);
            return result;
          } catch (e) {
            if (opts.subscriptions && !subscribe) noteSpelling(gw, opts.subscriptions, r.params.uri, false);
            throw e;
          }
        }) as never,
    );
  subscribing('resources/subscribe');
  subscribing('resources/unsubscribe');
  server.setRequestHandler(
    'prompts/list',
    (_r, ctx) => rpc(() => gw.listPrompts(opts.principal, signalOf(ctx))) as never,
  );
  server.setRequestHandler('prompts/get', (r, ctx) => forwarded('prompts/get', r.params, ctx));
  server.setRequestHandler('completion/complete', (r, ctx) => forwarded('completion/complete', r.params, ctx));
  return server;
}

/** The `tools.listed` event of one tools/list answer (whichever path served it). */
export function recordToolsListed(gw: FrontDoorPort, opts: AgentServerOptions, visible: number): void {
  const { principal } = opts;
  gw.recordEvent({
    type: 'tools.listed',
    agent: principal.agent,
    ...(principal.user ? { user: principal.user } : {}),
    ...(opts.sourceAddress ? { sourceAddress: opts.sourceAddress } : {}),
    detail: { visible, era: opts.era },
  });
}

/**
 * One tools/call through the gateway's pipeline, whatever carries it: the result the agent reads (denials, invalid
 * arguments, backend failures and timeouts are `isError` results) or a ProtocolError for the JSON-RPC error cases.
 */
export async function serveToolCall(
  gw: FrontDoorPort,
  opts: AgentServerOptions,
  params: ToolCallParams,
  io: ToolCallIo,
): Promise<ToolResult> {
  const { principal } = opts;
  const deadline = io.abort
    ? deadlineOn(io.abort, opts.requestTimeoutMs)
    : withDeadline(io.signal, opts.requestTimeoutMs);
  const token = params._meta?.progressToken;
  const requestId = newRequestId();
  // Progress is sent in order and flushed before the result, so the last notification is never lost. (Undefined
  // until the first one: a call without progress waits for nothing, ADR 0017 Decision 11.)
  let progressSent: Promise<unknown> | undefined;
  // The AbortSignal is made only if something on the call's way reads `signal` (ADR 0017, Decision 19).
  const lazy = new LazyToolCall(requestId, principal, params.name, params.arguments ?? {}, deadline.abort, {
    requestId,
    timestamp: isoNow(),
    method: 'tools/call',
    agent: principal.agent,
    ...(principal.user ? { user: principal.user } : {}),
    ...(opts.sourceAddress ? { sourceAddress: opts.sourceAddress } : {}),
    tool: params.name,
    arguments: params.arguments ?? {},
    decision: 'deny',
    reasons: [],
  });
  lazy.agent = io.channel;
  if (opts.sourceAddress) lazy.sourceAddress = opts.sourceAddress;
  if (token !== undefined)
    lazy.onProgress = (p: { progress: number; total?: number; message?: string }) => {
      progressSent = (progressSent ?? Promise.resolve())
        .then(() => io.notify({ method: 'notifications/progress', params: { progressToken: token, ...p } }))
        .catch(() => undefined);
    };
  const call: ToolCall = lazy;
  try {
    await gw.callTool(call);
    if (progressSent) await progressSent;
    const result = call.result!;
    // A tool that declares an outputSchema must return structuredContent (clients enforce it). When a backend
    // could not produce it (truncated, non-JSON or unexpected response), say so instead of breaking the client.
    if (call.entry?.definition.outputSchema && !result.isError && result.structuredContent === undefined) {
      return {
        ...result,
        isError: true,
        content: [
          ...result.content,
          {
            type: 'text',
            text: 'The response did not carry the structured content this tool declares (truncated or not JSON).',
          },
        ],
      };
    }
    return result;
  } catch (e) {
    if (deadline.expired()) {
      return {
        content: [{ type: 'text', text: `Call to ${params.name} timed out after ${opts.requestTimeoutMs} ms` }],
        isError: true,
      };
    }
    if (
      e instanceof GatewayError &&
      ![
        'tool.not_found',
        'audit.unavailable',
        'store.unavailable',
        'internal',
        'rate.limited',
        'quota.exceeded',
        // A request whose JSON cannot be carried (front-port.ts): -32600, as the HTTP front door answers it.
        'request.invalid',
        // (approval.required: a held call is a readable result too)
      ].includes(e.code)
    ) {
      // Denials, invalid arguments and backend failures are results the agent can read and act on. A held call's
      // result also carries its approval id and status under _meta (for clients that follow up programmatically).
      if (progressSent) await progressSent;
      const approval = typeof e.data?.approvalId === 'string' ? { 'io.portcullis/approval': e.data } : undefined;
      return {
        content: [{ type: 'text', text: e.message }],
        isError: true,
        ...(approval ? { _meta: approval } : {}),
      };
    }
    throw toProtocolError(e);
  } finally {
    deadline.clear();
  }
}
