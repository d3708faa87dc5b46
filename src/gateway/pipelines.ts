import type { Catalog } from '../backends/catalog.js';
import type { McpUpstream } from '../backends/mcp/upstream.js';
import type { LoadedConfig } from '../config/load.js';
import type { PolicyEngine } from '../policy/engine.js';
import { createPipeline, type Pipeline } from '../pipeline/runner.js';
import type { PipelineObserver } from '../pipeline/observer.js';
import type { RecordSink, Stage } from '../pipeline/stage.js';
import type { BaseCall, MethodCall, ToolCall } from '../pipeline/call.js';
import { resolveStage } from '../pipeline/stages/resolve.js';
import { authorizeStage } from '../pipeline/stages/authorize.js';
import { validateStage } from '../pipeline/stages/validate.js';
import { executeStage } from '../pipeline/stages/execute.js';
import type { ArgsValidator } from '../validation/index.js';
import { limitStage, type Limits } from '../limits/index.js';
import { quarantineStage } from '../pins/index.js';
import type { ApprovalService } from '../approvals/service.js';
import {
  approvalStage,
  approvedExecuteStage,
  methodApprovalStage,
  type ApprovalStageOptions,
} from '../approvals/stage.js';
import { createStatusTool } from '../approvals/status-tool.js';
import { forwardStage, resolveMethodStage, type ResourceRouter } from './resource-router.js';
import type { UpstreamSubscriptions } from './resource-subscriptions.js';
import { heldUnsubscribeRefusal, releaseStage } from './subscription-release.js';

export interface Pipelines {
  /** tools/call. */
  pipeline: Pipeline<ToolCall>;
  /** resources/read|subscribe|unsubscribe, prompts/get, completion/complete. */
  methodPipeline: Pipeline<MethodCall>;
  /** The gateway's own resources/unsubscribe of an upstream subscription nobody holds (subscription-release.ts). */
  releasePipeline: Pipeline<MethodCall>;
  /** The approvals status tool (when the gateway has an approval service): it runs held calls again. */
  statusTool?: (call: ToolCall) => Promise<ToolCall>;
}

/**
 * The gateway's pipelines, stage by stage: tools/call (resolve, authorize, quarantine, validate, limit,
 * approve, execute), the other methods that reach a backend (resolve, authorize, approve, forward), and the gateway's
 * own release of an upstream subscription nobody holds (release, forward; subscription-release.ts). Every
 * getter is read per call, so a reload takes effect without rebuilding them.
 */
export function createPipelines(deps: {
  catalog: () => Catalog;
  policy: () => PolicyEngine;
  /** What approvals are bound to (see approvals/binding.ts). */
  policyVersion: () => string;
  config: () => LoadedConfig;
  router: () => ResourceRouter;
  /** The MCP upstream of a name (the gateway's own releases of upstream subscriptions go to it). */
  upstream: (name: string) => McpUpstream | undefined;
  /** Holders of upstream resource subscriptions: one count per (upstream, URI). */
  subscriptions: UpstreamSubscriptions;
  validator: ArgsValidator;
  limits: Limits;
  records: RecordSink;
  approvals?: ApprovalService;
  /** Whether a caller's credential still holds after an approval wait (undefined: it does; else why not). */
  credentialLapsed?: ApprovalStageOptions['credentialLapsed'];
  extraStages?: Stage<ToolCall>[];
  observer?: PipelineObserver<BaseCall>;
}): Pipelines {
  const { approvals, policy } = deps;
  // A held call waits for a person at most until shortly before the request itself times out.
  const maxWaitMs = () => Math.max(1000, deps.config().config.server.requestTimeoutMs - 5000);
  const waitMs = () => Math.min(policy().policy.approvals.waitMs, maxWaitMs());
  const approvalOptions: ApprovalStageOptions = {
    policyVersion: deps.policyVersion,
    waitMs,
    maxWaitMs,
    ...(deps.credentialLapsed ? { credentialLapsed: deps.credentialLapsed } : {}),
  };
  const hold = approvals ? 'defer' : 'refuse';
  const pipeline = createPipeline<ToolCall>(
    [
      resolveStage(deps.catalog),
      authorizeStage(policy, { hold }),
      quarantineStage(),
      validateStage(deps.validator),
      ...(deps.extraStages ?? []),
      limitStage(deps.limits.limiter),
      ...(approvals ? [approvalStage(approvals, approvalOptions)] : []),
    ],
    approvals ? approvedExecuteStage(approvals, executeStage()) : executeStage(),
    deps.records,
    deps.observer,
  );
  const methodPipeline = createPipeline<MethodCall>(
    [
      resolveMethodStage(deps.router),
      authorizeStage(policy, { hold, known: heldUnsubscribeRefusal }),
      ...(approvals ? [methodApprovalStage(approvals, approvalOptions)] : []),
    ],
    approvals ? approvedExecuteStage(approvals, forwardStage(deps.subscriptions)) : forwardStage(deps.subscriptions),
    deps.records,
    deps.observer,
  );
  const releasePipeline = createPipeline<MethodCall>(
    [releaseStage(deps.upstream)],
    forwardStage(deps.subscriptions),
    deps.records,
    deps.observer,
  );
  const statusTool = approvals ? createStatusTool(approvals, { run: (c) => pipeline.run(c), waitMs }) : undefined;
  return { pipeline, methodPipeline, releasePipeline, ...(statusTool ? { statusTool } : {}) };
}
