import { newRequestId } from '../core/ids.js';
import type { ToolDefinition, ToolResult } from '../core/tool.js';
import type { ToolCall } from '../pipeline/call.js';
import { progressText } from './quorum.js';
import type { ApprovalService } from './service.js';
import { refusalFor, STATUS_TOOL, what } from './stage.js';

/** The gateway's own tool for following up on a held call. */
export const statusToolDefinition: ToolDefinition = {
  name: STATUS_TOOL,
  title: 'Approval status',
  description:
    'Follow up on a tool call (or resource read or prompt) that is waiting for human approval: give the approvalId ' +
    'from the earlier result. ' +
    'Waits a while for the decision; once approved, this runs the approved call (exactly once) and returns its ' +
    'result; otherwise it says whether the request is still pending, was denied or expired.',
  inputSchema: {
    type: 'object',
    properties: { approvalId: { type: 'string', description: 'The approval id (apr_...) from the held call' } },
    required: ['approvalId'],
    additionalProperties: false,
  },
  annotations: { title: 'Approval status', readOnlyHint: false, destructiveHint: false, openWorldHint: true },
};

const text = (t: string, isError: boolean): ToolResult => ({ content: [{ type: 'text', text: t }], isError });

export interface StatusToolDeps {
  /** Runs a tool call through the pipeline (the approval stage binds it to `approvalId`). */
  run(call: ToolCall): Promise<ToolCall>;
  waitMs(): number;
}

/**
 * `portcullis_approval_status {approvalId}`: only the agent (and user) the request was made for can see it — to
 * anyone else it is unknown. Pending: waits up to the wait limit. Approved: runs the bound call through the whole
 * pipeline (policy again, intent record, executing mark, outcome), once. Otherwise: the outcome, as an error result.
 */
export function createStatusTool(service: ApprovalService, deps: StatusToolDeps) {
  return async (call: ToolCall): Promise<ToolCall> => {
    const id = call.args.approvalId;
    const unknown = () => (
      (call.result = text(`Unknown approval ${typeof id === 'string' ? id.slice(0, 40) : ''}`, true)),
      call
    );
    if (typeof id !== 'string' || !/^apr_[a-z2-7]{20}$/.test(id)) return unknown();
    let r = await service.get(id);
    if (!r || r.agent !== call.principal.agent || (r.user ?? '') !== (call.principal.user ?? '')) return unknown();
    if (r.status === 'pending')
      r = await service.waitFor(id, {
        limitMs: deps.waitMs(),
        signal: call.signal,
        ...(call.onProgress ? { onProgress: call.onProgress } : {}),
      });
    if (r.status === 'pending') {
      call.result = text(
        `Request ${id} for ${what(r)} is still waiting for a decision (${progressText(r.requirement, r.decisions)}), due by ${r.expiresAt}. Ask again later.`,
        true,
      );
      return call;
    }
    if (r.status !== 'approved') {
      call.result = text(refusalFor(r).message, true);
      return call;
    }
    if (r.kind) {
      // A resource or prompt is answered to the request that asks for it, not inside a tool result.
      const method = r.kind === 'resource' ? 'resources/read' : 'prompts/get';
      call.result = text(
        `Request ${id} for ${what(r)} is approved: send the same ${method} again before ${r.expiresAt} to receive it (once).`,
        false,
      );
      return call;
    }
    const requestId = newRequestId();
    const run: ToolCall = {
      requestId,
      principal: call.principal,
      toolName: r.tool,
      args: r.callArguments,
      signal: call.signal,
      approvalId: id,
      ...(call.agent ? { agent: call.agent } : {}),
      ...(call.sourceAddress ? { sourceAddress: call.sourceAddress } : {}),
      ...(call.onProgress ? { onProgress: call.onProgress } : {}),
      record: {
        requestId,
        timestamp: new Date().toISOString(),
        method: 'tools/call',
        agent: call.principal.agent,
        ...(call.principal.user ? { user: call.principal.user } : {}),
        ...(call.sourceAddress ? { sourceAddress: call.sourceAddress } : {}),
        tool: r.tool,
        arguments: r.callArguments,
        decision: 'deny',
        reasons: [`via ${STATUS_TOOL}`],
        approvalId: id,
      },
    };
    await deps.run(run);
    call.result = run.result;
    return call;
  };
}
