import { GatewayError } from '../core/errors.js';
import type { ToolCall } from '../pipeline/call.js';
import type { Stage } from '../pipeline/stage.js';
import type { ApprovalRecord } from '../storage/repositories.js';
import { argsDigest } from './binding.js';
import { progressText } from './quorum.js';
import { HEARTBEAT_MS, type ApprovalService } from './service.js';

export const STATUS_TOOL = 'portcullis_approval_status';

export interface ApprovalStageOptions {
  /** The current policy version (approvals given under another one are void). */
  policyVersion(): string;
  /** How long a call waits for a decision before it returns the approval id (rules may set their own). */
  waitMs(): number;
  /** The longest any call may wait (it must end before the call's own deadline). */
  maxWaitMs(): number;
}

const decidedBy = (r: ApprovalRecord, d: 'approve' | 'deny') =>
  r.decisions
    .filter((x) => x.decision === d)
    .map((x) => `${x.by}${x.comment ? ` ("${x.comment.slice(0, 200)}")` : ''}`)
    .join(', ');

/** What the agent reads when its call does not run now (an isError result; the code maps the record status). */
export function refusalFor(r: ApprovalRecord): GatewayError {
  switch (r.status) {
    case 'pending':
      return new GatewayError(
        'approval.pending',
        `${r.tool} needs approval: request ${r.id} is waiting for a decision (${progressText(r.requirement, r.decisions)}), ` +
          `due by ${r.expiresAt}. Call ${STATUS_TOOL} with {"approvalId":"${r.id}"} for the outcome; once approved, ` +
          'that call runs it (once).',
        `approval ${r.id} pending`,
        { approvalId: r.id, status: r.status },
      );
    case 'denied':
      return new GatewayError(
        'approval.denied',
        `${r.tool} was not approved: request ${r.id} was denied by ${decidedBy(r, 'deny') || 'an approver'}; the call was not made`,
        `approval ${r.id} denied`,
        { approvalId: r.id, status: r.status },
      );
    case 'expired':
      return new GatewayError(
        'approval.denied',
        `${r.tool} was not approved: request ${r.id} expired at ${r.expiresAt} ` +
          `(${r.decidedAt && r.decisions.length ? 'approved but not executed in time' : 'no decision in time'}); the call was not made`,
        `approval ${r.id} expired`,
        { approvalId: r.id, status: r.status },
      );
    default:
      return new GatewayError(
        'approval.conflict',
        `Request ${r.id} was already used${r.executedAt ? ` at ${r.executedAt}` : ''}: an approval runs its call once. ` +
          `Call ${r.tool} again to ask for a new approval.`,
        `approval ${r.id} ${r.status}`,
        { approvalId: r.id, status: r.status },
      );
  }
}

/**
 * A held call waits for people. It is bound to an approval request for exactly this call (agent, user, tool,
 * argument digest, policy version): an unused approved one lets it run; otherwise it waits (with progress) up to
 * the wait limit, then runs if approved, or returns a clear refusal or the approval id to follow up on.
 */
export function approvalStage(service: ApprovalService, o: ApprovalStageOptions): Stage<ToolCall> {
  return {
    id: 'approve',
    async run(call) {
      const hold = call.hold;
      const entry = call.entry;
      if (call.record.decision !== 'hold' || !hold) {
        if (call.approvalId)
          throw new GatewayError(
            'approval.conflict',
            `${call.toolName} does not need an approval now; call it directly`,
          );
        return;
      }
      if (!entry) throw new GatewayError('internal', undefined, 'approval stage without a resolved tool');
      const version = o.policyVersion();
      let r: ApprovalRecord | undefined;
      if (call.approvalId) {
        r = await service.get(call.approvalId);
        const bound =
          r !== undefined &&
          r.agent === call.principal.agent &&
          (r.user ?? '') === (call.principal.user ?? '') &&
          r.tool === entry.name &&
          r.argsDigest === argsDigest(call.args);
        if (!bound) throw new GatewayError('approval.not_found', `Unknown approval ${call.approvalId}`);
        if (r!.policyVersion !== version)
          throw new GatewayError(
            'approval.conflict',
            `The policy changed since request ${r!.id} was made, so it no longer applies; call ${entry.name} again to ask for a new approval`,
          );
      } else {
        r = await service.hold({
          requestId: call.requestId,
          principal: call.principal,
          tool: entry.name,
          backend: entry.backend.name,
          args: call.args,
          risk: { ...entry.risk, categories: [...entry.risk.categories], reasons: [...entry.risk.reasons] },
          decision: hold,
          policyVersion: version,
        });
      }
      call.record.approvalId = r!.id;
      if (r!.status === 'pending')
        r = await service.waitFor(r!.id, {
          limitMs: Math.min(r!.requirement.waitMs ?? o.waitMs(), o.maxWaitMs()),
          signal: call.signal,
          ...(call.onProgress ? { onProgress: call.onProgress } : {}),
        });
      if (r!.status !== 'approved') throw refusalFor(r!);
      call.record.decision = 'allow';
      call.record.reasons.push(`approval ${r!.id}: approved by ${decidedBy(r!, 'approve')}`);
      call.approval = { id: r!.id };
    },
  };
}

/**
 * Execute under an approval: the request moves approved → executing (a durable compare-and-set) right before the
 * call is forwarded, and to executed after. Whoever loses the compare-and-set does not run the call.
 */
export function approvedExecuteStage(service: ApprovalService, inner: Stage<ToolCall>): Stage<ToolCall> {
  return {
    id: inner.id,
    async run(call) {
      const id = call.approval?.id;
      if (!id) return inner.run(call);
      if (!(await service.begin(id))) {
        const r = await service.get(id);
        throw r ? refusalFor(r) : new GatewayError('approval.not_found', `Unknown approval ${id}`);
      }
      let outcome = 'failed';
      const lease = setInterval(() => void service.heartbeat(id).catch(() => undefined), HEARTBEAT_MS);
      try {
        await inner.run(call);
        outcome = call.result?.isError === true ? 'tool_error' : 'ok';
      } finally {
        clearInterval(lease);
        await service.finish(id, call.requestId, outcome);
      }
    },
  };
}
