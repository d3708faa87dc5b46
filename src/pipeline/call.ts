import type { AgentChannel } from '../core/backend.js';
import type { CallAbort } from '../core/call-abort.js';
import type { Decision, Target } from '../core/decision.js';
import type { DecisionRecord } from '../core/decision-record.js';
import type { Principal } from '../core/principal.js';
import type { JsonObject, ToolResult } from '../core/tool.js';
import type { CatalogEntry } from '../backends/catalog.js';
import type { McpUpstream } from '../backends/mcp/upstream.js';

/** What every call carries through the stages, whatever its MCP method. The runner owns it. */
export interface BaseCall {
  readonly requestId: string;
  readonly principal: Principal;
  readonly signal: AbortSignal;
  /** The same cancellation without making `signal` (then a getter that makes it on first read; ADR 0017, Decision 19). */
  readonly abort?: CallAbort;
  readonly sourceAddress?: string;
  readonly agent?: AgentChannel;
  /** Set by resolve: what policy decides on (normalised). */
  target?: Target;
  /** The decision record under construction: emitted once, by the runner. */
  readonly record: DecisionRecord;
}

/** The state of one tools/call as it moves through the stages. */
export interface ToolCall extends BaseCall {
  readonly toolName: string;
  readonly args: JsonObject;
  readonly onProgress?: (p: { progress: number; total?: number; message?: string }) => void;
  /** Set by resolve. */
  entry?: CatalogEntry;
  /** Set by validate. */
  argsValidated?: boolean;
  /** Set by execute. */
  result?: ToolResult;
  /** Set by authorize when policy holds the call (the approval stage decides what happens). */
  hold?: Decision;
  /** Asked for by the approval status tool: run this call under exactly this approval request. */
  approvalId?: string;
  /** Set by the approval stage: the approved request this call executes (consumed right before forwarding). */
  approval?: { id: string };
}

/** Methods forwarded to the upstream MCP server that owns their target. */
export type ForwardedMethod =
  'resources/read' | 'resources/subscribe' | 'resources/unsubscribe' | 'prompts/get' | 'completion/complete';

/** resources/read, resources/subscribe|unsubscribe, prompts/get, completion/complete. */
export interface MethodCall extends BaseCall {
  readonly method: ForwardedMethod;
  /** The agent's params, as received. */
  readonly params: JsonObject;
  /** Set by resolve: the owning upstream and the params it gets (normalised URI, upstream's own prompt name). */
  upstream?: McpUpstream;
  forwardParams?: JsonObject;
  /** Sends `notifications/progress` when the agent's request carried a progress token (while a held call waits). */
  readonly onProgress?: (p: { progress: number; total?: number; message?: string }) => void;
  /** Set by authorize when policy holds a resources/read or prompts/get (the approval stage decides what happens). */
  hold?: Decision;
  /** Set by the approval stage: the approved request this call executes (consumed right before forwarding). */
  approval?: { id: string };
  /**
   * resources/subscribe|unsubscribe: who holds the upstream subscription (a session's, a listen stream's or the stdio
   * door's set of subscription keys). Execute counts holders per (upstream, URI), so an unsubscribe reaches the
   * upstream only when its last holder lets go (gateway/resource-subscriptions.ts).
   */
  readonly holder?: SubscriptionHolder;
  /** Set by execute. */
  result?: JsonObject;
}

/** What one subscriber holds at the upstreams: `subscriptionKey(upstream, normalised URI)`s, kept by the gateway. */
export type SubscriptionHolder = Set<string>;

/**
 * A tools/call whose `signal` is made only when something reads it, from its `abort` (ADR 0017, Decision 19): what
 * the front door's `serveToolCall` builds. A class, so the getter is on its prototype (an object literal with a
 * getter costs about a microsecond to make). Members the literal would leave out stay absent until set.
 */
export class LazyToolCall implements ToolCall {
  declare agent?: AgentChannel;
  declare sourceAddress?: string;
  declare onProgress?: ToolCall['onProgress'];
  constructor(
    readonly requestId: string,
    readonly principal: Principal,
    readonly toolName: string,
    readonly args: JsonObject,
    readonly abort: CallAbort,
    readonly record: DecisionRecord,
  ) {}
  get signal(): AbortSignal {
    return this.abort.signal;
  }
}
