import type { Authentication } from '../authn/index.js';
import type { FailedAuthGuard } from '../limits/index.js';
import type { ServerConfig } from '../config/schema.js';
import type { Principal } from '../core/principal.js';
import type { JsonObject, ToolDefinition } from '../core/tool.js';
import type { UpstreamNotification } from '../backends/mcp/upstream.js';
import type { AuditEventInput } from '../audit/types.js';
import type { MethodCall, SubscriptionHolder, ToolCall } from '../pipeline/call.js';

/** A receiver of resource update notifications: a 2025-11-25 session, or a 2026-07-28 `subscriptions/listen` stream. */
export interface ResourceSubscriber {
  /** The principal of the session's latest request, or of the request that opened the listen stream. */
  principal(): Principal;
  /** Targets (`server:uri`) whose refusal was recorded and not allowed since: one record per refusal, not per update. */
  readonly refused: Set<string>;
}

/**
 * What may happen to one resource update for one subscriber: delivered, refused by policy, or `lapsed` — the credential
 * the subscriber authenticated with no longer holds, and its stream or session is to end.
 */
export type DeliveryVerdict = 'deliver' | 'refused' | 'lapsed';

/** The key of a subscription: the upstream the gateway serves the resource from, and its normalised URI. */
export const subscriptionKey = (server: string, uri: string): string => `${server}\u0000${uri}`;
/** The upstream of a `subscriptionKey(server, uri)`: the one the subscription was taken on. */
export const serverOfKey = (key: string): string => key.slice(0, key.indexOf('\u0000'));
/** The normalised URI of a `subscriptionKey(server, uri)` (an upstream's name never holds a NUL). */
export const uriOfKey = (key: string): string => key.slice(key.indexOf('\u0000') + 1);

/**
 * What the MCP front doors (HTTP, stdio) may ask of the gateway, and nothing more. Every request that reaches a
 * backend goes through `callTool` or `forward` (the pipeline: resolve, the one policy decision, intent record,
 * execute, outcome record); listings are filtered by the same decision. Both refuse arguments or params whose JSON
 * shape cannot be carried (core/json-shape.ts) with `request.invalid`, whichever front door parsed them.
 */
export interface FrontDoorPort {
  server(): ServerConfig;
  /** Session caps (bulkheads): total and per agent, from the current config. */
  sessionLimits(): { total: number; perAgent: number };
  /** Directory relative paths in config (TLS files) resolve against. */
  baseDir(): string;
  /** Authenticator chains (agents; people for the protected-resource metadata), from the current config. */
  authentication(): Authentication;
  /** Failed-authentication budget per source address (checked before authentication). */
  readonly failedAuth: FailedAuthGuard;
  /** Tools this principal may see (definitions as served). */
  listTools(principal: Principal): ToolDefinition[];
  /** Input schema of a tool this principal may see, for `Mcp-Param` header checks; undefined otherwise. */
  visibleToolSchema(principal: Principal, name: string): JsonObject | undefined;
  callTool(call: ToolCall): Promise<ToolCall>;
  /** resources/read|subscribe|unsubscribe, prompts/get, completion/complete. */
  forward(call: MethodCall): Promise<MethodCall>;
  listResources(principal: Principal, signal: AbortSignal): Promise<{ resources: JsonObject[] }>;
  listResourceTemplates(principal: Principal, signal: AbortSignal): Promise<{ resourceTemplates: JsonObject[] }>;
  listPrompts(principal: Principal, signal: AbortSignal): Promise<{ prompts: JsonObject[] }>;
  /** Events outside the call pipeline (listings, auth failures). Never blocks, never throws. */
  recordEvent(event: AuditEventInput): void;
  onToolsChanged(listener: () => void): void;
  onUpstreamNotification(listener: (n: UpstreamNotification) => void): void;
  /** Where an upstream's `notifications/resources/updated` may go (gateway/resource-updates.ts). */
  readonly resourceUpdates: {
    /** The normalised URI an update names; undefined when it names none the gateway would serve. */
    uriOf(params: Record<string, unknown> | undefined): string | undefined;
    /**
     * The subscriber's credential checked, then the one policy decision asked now for its principal; a refusal is
     * recorded once until allowed.
     */
    allows(subscriber: ResourceSubscriber, server: string, uri: string): DeliveryVerdict | Promise<DeliveryVerdict>;
    /**
     * The upstream the gateway serves `uri` from (listen streams name URIs only). `signal` is asked for only when the
     * owner is not known yet and the upstreams must be listed.
     */
    owner(uri: string, principal: Principal, signal: () => AbortSignal): Promise<string | undefined>;
    /**
     * A closed session or stream lets go of what it still holds after its unsubscribes went through the pipeline;
     * what nobody holds then is released upstream as the gateway's own (never with the policy's say: it reads
     * nothing), with `principal`, whose hold it was.
     */
    drop(holder: SubscriptionHolder, principal: Principal): Promise<void>;
    /**
     * A session or stream is over: its holder holds nothing new from now on (a subscribe still in the pipeline is
     * refused before the upstream), so what it holds now is all its release has to let go of.
     */
    end(holder: SubscriptionHolder): void;
  };
}
