import { toolTargetOf, type Catalog } from '../backends/catalog.js';
import type { UpstreamNotification } from '../backends/mcp/upstream.js';
import type { Authentication } from '../authn/index.js';
import { GatewayError } from '../core/errors.js';
import { jsonShapeProblem } from '../core/json-shape.js';
import type { Principal } from '../core/principal.js';
import type { LoadedConfig } from '../config/load.js';
import type { AuditEventInput } from '../audit/types.js';
import type { FrontDoorPort } from '../front/port.js';
import type { Limits } from '../limits/index.js';
import type { PolicyEngine } from '../policy/engine.js';
import { STATUS_TOOL } from '../approvals/stage.js';
import { statusToolDefinition } from '../approvals/status-tool.js';
import type { Pipelines } from './pipelines.js';
import type { ResourceRouter } from './resource-router.js';
import { createResourceUpdateGate } from './resource-updates.js';
import type { UpstreamSubscriptions } from './resource-subscriptions.js';
import { createSubscriptionRelease } from './subscription-release.js';

/**
 * What an agent sent for the pipeline, refused when its JSON shape cannot be carried faithfully (core/json-shape.ts):
 * checked here, where every front door (HTTP, stdio, any new one) hands a parsed request to the pipeline, whoever
 * parsed it — over stdio the SDK does. Before any stage, the decision record or the audit log reads it; the front
 * door answers JSON-RPC -32600 (`request.invalid`).
 */
function refusedShape(value: unknown): Promise<never> | undefined {
  const shape = jsonShapeProblem(value);
  return shape === undefined
    ? undefined
    : Promise.reject(new GatewayError('request.invalid', `Invalid request: ${shape}`));
}

/**
 * The narrow interface the MCP front doors get: listings filtered by the one policy decision, calls and other
 * methods through the pipelines, and the events they may record or listen to. Read per request, so a reload
 * takes effect at once.
 */
export function createFrontPort(deps: {
  config: () => LoadedConfig;
  authentication: () => Authentication;
  catalog: () => Catalog;
  policy: () => PolicyEngine;
  limits: Limits;
  pipelines: Pipelines;
  router: ResourceRouter;
  subscriptions: UpstreamSubscriptions;
  recordEvent: (event: AuditEventInput) => void;
  onToolsChanged: (listener: () => void) => void;
  onUpstreamNotification: (listener: (n: UpstreamNotification) => void) => void;
}): FrontDoorPort {
  const { catalog, policy, router, recordEvent } = deps;
  const { pipeline, methodPipeline, statusTool } = deps.pipelines;
  const releases = createSubscriptionRelease({
    subscriptions: deps.subscriptions,
    methods: methodPipeline,
    releases: deps.pipelines.releasePipeline,
  });
  const updates = createResourceUpdateGate({ policy, authentication: deps.authentication, recordEvent });
  /** The status tool is listed for agents that can see a tool needing approval (and callable by every agent). */
  const needsApprovals = (principal: Principal) =>
    catalog()
      .entries()
      .some((e) => policy().listing(principal, toolTargetOf(e)).effect === 'hold');
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
  return {
    server: () => deps.config().config.server,
    sessionLimits: () => deps.config().config.limits.sessions,
    baseDir: () => deps.config().baseDir,
    authentication: deps.authentication,
    failedAuth: deps.limits.failedAuth,
    listTools: (principal) => {
      const tools = catalog()
        .entries()
        .filter((e) => policy().visible(principal, toolTargetOf(e)))
        .map((e) => e.definition);
      return statusTool && needsApprovals(principal) ? [...tools, statusToolDefinition] : tools;
    },
    visibleToolSchema(principal, name) {
      if (statusTool && name === STATUS_TOOL) return statusToolDefinition.inputSchema;
      const e = catalog().get(name);
      return e && policy().visible(principal, toolTargetOf(e)) ? e.definition.inputSchema : undefined;
    },
    callTool: (call) =>
      refusedShape(call.args) ?? (statusTool && call.toolName === STATUS_TOOL ? statusTool(call) : pipeline.run(call)),
    forward: (call) => refusedShape(call.params) ?? releases.forward(call),
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
    onToolsChanged: deps.onToolsChanged,
    onUpstreamNotification: deps.onUpstreamNotification,
    resourceUpdates: {
      uriOf: (params) => updates.uriOf(params),
      allows: (subscriber, server, uri) => updates.allows(subscriber, server, uri),
      owner: (uri, principal, signal) => router.owner(uri, principal, signal),
      drop: (holder, principal) => releases.drop(holder, principal),
      end: (holder) => deps.subscriptions.end(holder),
    },
  };
}
