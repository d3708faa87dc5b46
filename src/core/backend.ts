import type { BackendTool, JsonObject, ToolResult } from './tool.js';
import type { CallAbort } from './call-abort.js';
import type { Principal } from './principal.js';

export type BackendState = 'connecting' | 'ready' | 'down' | 'closed';

export interface BackendStatus {
  name: string;
  kind: 'mcp' | 'openapi';
  state: BackendState;
  /** Why it is down, for operators (never sent to agents verbatim). */
  lastError?: string;
  toolCount: number;
  /** Circuit breaker in front of the backend's tool calls (src/limits/). */
  circuit?: CircuitStatus;
  /** A pooled or per-agent stdio upstream: how many processes it runs and how many are ready. */
  processes?: { mode: 'pool' | 'per-agent'; total: number; ready: number };
}

export interface CircuitStatus {
  state: 'closed' | 'open' | 'half-open';
  consecutiveFailures: number;
  /** Failure share over the breaker's window. */
  failureRate: number;
  /** While open or half-open: when it opened. */
  openedAt?: string;
}

/** What a backend gets to know about the call it executes. */
export interface BackendCallContext {
  principal: Principal;
  requestId: string;
  signal: AbortSignal;
  /**
   * The same cancellation as `signal`, without making an AbortSignal (ADR 0017, Decision 19): a backend that only
   * needs to know whether and when the call is cancelled uses this (`whenAborted`) when present.
   */
  abort?: CallAbort;
  /** Progress from the backend, forwarded to the agent when it asked for it. */
  onProgress?: (progress: { progress: number; total?: number; message?: string }) => void;
  /** Channel back to the calling agent, for server-to-client requests and notifications the call causes. */
  agent?: AgentChannel;
  /** The gateway pipeline already validated the arguments against this tool's input schema. */
  argsValidated?: boolean;
  /**
   * A backend that answers its own failures (unreachable, timeout, HTTP 5xx) as tool error results reports them here,
   * so that circuit breakers count them (a backend that throws `backend.*` errors needs not).
   */
  onBackendFailure?: (reason: string) => void;
}

/**
 * A call context whose `signal` is made only when a backend reads it, from the call's `abort` (ADR 0017, Decision
 * 19): the execute stage's, for calls that carry one. A class, so the getter is on its prototype (an object literal
 * with a getter costs about a microsecond to make). Copy it with `withBackendFailure`: a spread reads the getter.
 * (A member added to BackendCallContext is copied there too.)
 */
export class LazyCallContext implements BackendCallContext {
  onProgress?: BackendCallContext['onProgress'];
  agent?: AgentChannel;
  argsValidated?: boolean;
  onBackendFailure?: BackendCallContext['onBackendFailure'];
  constructor(
    readonly principal: Principal,
    readonly requestId: string,
    readonly abort: CallAbort,
  ) {}
  get signal(): AbortSignal {
    return this.abort.signal;
  }
}

/** `ctx` with `onBackendFailure` set, for the wrappers that count failures (a LazyCallContext stays lazy). */
export function withBackendFailure(
  ctx: BackendCallContext,
  onBackendFailure: (reason: string) => void,
): BackendCallContext {
  if (!(ctx instanceof LazyCallContext)) return { ...ctx, onBackendFailure };
  const copy = new LazyCallContext(ctx.principal, ctx.requestId, ctx.abort);
  copy.onProgress = ctx.onProgress;
  copy.agent = ctx.agent;
  copy.argsValidated = ctx.argsValidated;
  copy.onBackendFailure = onBackendFailure;
  return copy;
}

/** What a backend may send back to the agent whose call it is serving. */
export interface AgentChannel {
  /** Server-to-client request (sampling, elicitation, roots). Rejects when the agent cannot take it. */
  request(method: string, params: Record<string, unknown> | undefined, signal: AbortSignal): Promise<unknown>;
  notify(method: string, params: Record<string, unknown> | undefined): Promise<void>;
}

/**
 * A source of tools: an upstream MCP server or an OpenAPI-described HTTP API.
 * Connections are long-lived and shared by all agents; never per request.
 */
export interface Backend {
  readonly name: string;
  readonly kind: 'mcp' | 'openapi';
  /** Connect / load; resolves when ready or rejects with the reason (the gateway keeps retrying). */
  start(): Promise<void>;
  /** Current tools, from memory. */
  tools(): readonly BackendTool[];
  callTool(localName: string, args: JsonObject, ctx: BackendCallContext): Promise<ToolResult>;
  /**
   * Checks of the arguments beyond the input schema that the backend alone can make (an OpenAPI path parameter
   * that a decoding server would read as `..`): the reason, naming the field, or undefined. The validate stage
   * asks before any approval, audit intent or request, so a refused call is an invalid-arguments answer.
   */
  checkArgs?(localName: string, args: JsonObject): string | undefined;
  status(): BackendStatus;
  /** Called when the tool list changes (reconnect, list_changed). */
  onToolsChanged(listener: () => void): void;
  close(): Promise<void>;
}
