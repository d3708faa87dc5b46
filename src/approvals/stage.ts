import { describeTarget, type Decision } from '../core/decision.js';
import { GatewayError } from '../core/errors.js';
import type { Principal } from '../core/principal.js';
import type { BaseCall, MethodCall, ToolCall } from '../pipeline/call.js';
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
  /**
   * Whether the caller's credential still holds (undefined) or why not, asked once the approval is given: a key
   * revoked or a token expired while people decided does not run the call.
   */
  credentialLapsed?(principal: Principal): string | undefined | Promise<string | undefined>;
}

const decidedBy = (r: ApprovalRecord, d: 'approve' | 'deny') =>
  r.decisions
    .filter((x) => x.decision === d)
    .map((x) => `${x.by}${x.comment ? ` ("${x.comment.slice(0, 200)}")` : ''}`)
    .join(', ');

/** "pay_refund", "resource fs:file:///etc/x", "prompt pay_summary". */
export const what = (r: Pick<ApprovalRecord, 'kind' | 'tool'>) => (r.kind ? `${r.kind} ${r.tool}` : r.tool);

/** What the agent reads when its call does not run now (an isError result; the code maps the record status). */
export function refusalFor(r: ApprovalRecord): GatewayError {
  switch (r.status) {
    case 'pending':
      return new GatewayError(
        'approval.pending',
        `${what(r)} needs approval: request ${r.id} is waiting for a decision (${progressText(r.requirement, r.decisions)}), ` +
          `due by ${r.expiresAt}. Call ${STATUS_TOOL} with {"approvalId":"${r.id}"} for the outcome; ` +
          (r.kind
            ? `once approved, send the same ${r.kind === 'resource' ? 'resources/read' : 'prompts/get'} again: it is answered once.`
            : 'once approved, that call runs it (once).'),
        `approval ${r.id} pending`,
        { approvalId: r.id, status: r.status },
      );
    case 'denied':
      return new GatewayError(
        'approval.denied',
        `${what(r)} was not approved: request ${r.id} was denied by ${decidedBy(r, 'deny') || 'an approver'}; the call was not made`,
        `approval ${r.id} denied`,
        { approvalId: r.id, status: r.status },
      );
    case 'expired':
      return new GatewayError(
        'approval.denied',
        `${what(r)} was not approved: request ${r.id} expired at ${r.expiresAt} ` +
          `(${r.decidedAt && r.decisions.length ? 'approved but not executed in time' : 'no decision in time'}); the call was not made`,
        `approval ${r.id} expired`,
        { approvalId: r.id, status: r.status },
      );
    default:
      return new GatewayError(
        'approval.conflict',
        `Request ${r.id} was already used${r.executedAt ? ` at ${r.executedAt}` : ''}: an approval runs its call once. ` +
          `${r.kind ? 'Send the request' : `Call ${r.tool}`} again to ask for a new approval.`,
        `approval ${r.id} ${r.status}`,
        { approvalId: r.id, status: r.status },
      );
  }
}

/** What a held call is bound to, besides agent, user and policy version. */
interface Bound {
  kind?: 'resource' | 'prompt';
  name: string;
  backend: string;
  args: ToolCall['args'];
  risk: ApprovalRecord['risk'];
}

/**
 * The request this held call is bound to (a new one, or the live one for exactly this call); waits for it while
 * pending (with progress) up to the wait limit; lets the call run only when approved, else refuses clearly.
 */
async function awaitApproval(
  service: ApprovalService,
  o: ApprovalStageOptions,
  call: BaseCall & { hold?: Decision; approval?: { id: string }; onProgress?: ToolCall['onProgress'] },
  b: Bound,
  existing?: ApprovalRecord,
): Promise<void> {
  let r =
    existing ??
    (await service.hold({
      requestId: call.requestId,
      principal: call.principal,
      ...(b.kind ? { kind: b.kind } : {}),
      tool: b.name,
      backend: b.backend,
      args: b.args,
      risk: b.risk,
      decision: call.hold!,
      policyVersion: o.policyVersion(),
    }));
  call.record.approvalId = r.id;
  if (r.status === 'pending')
    r = await service.waitFor(r.id, {
      limitMs: Math.min(r.requirement.waitMs ?? o.waitMs(), o.maxWaitMs()),
      signal: call.signal,
      ...(call.onProgress ? { onProgress: call.onProgress } : {}),
    });
  if (r.status !== 'approved') throw refusalFor(r);
  const lapsed = await o.credentialLapsed?.(call.principal);
  if (lapsed)
    throw new GatewayError(
      'auth.invalid',
      `${what(r)} was approved (request ${r.id}), but the credential that asked for it no longer holds (${lapsed}); the call was not made`,
    );
  call.record.decision = 'allow';
  call.record.reasons.push(`approval ${r.id}: approved by ${decidedBy(r, 'approve')}`);
  call.approval = { id: r.id };
}

/**
 * A held call waits for people. It is bound to an approval request for exactly this call (agent, user, tool,
 * argument digest, policy version): an unused approved one lets it run; otherwise it waits (with progress) up to
 * the wait limit, then runs if approved, or returns a clear refusal or the approval id to follow up on.
 */
export function approvalStage(service: ApprovalService, o: ApprovalStageOptions): Stage<ToolCall> {
  const held = async (call: ToolCall, entry: NonNullable<ToolCall['entry']>): Promise<void> => {
    let existing: ApprovalRecord | undefined;
    if (call.approvalId) {
      existing = await service.get(call.approvalId);
      const bound =
        existing !== undefined &&
        existing.kind === undefined &&
        existing.agent === call.principal.agent &&
        (existing.user ?? '') === (call.principal.user ?? '') &&
        existing.tool === entry.name &&
        existing.argsDigest === argsDigest(call.args);
      if (!bound) throw new GatewayError('approval.not_found', `Unknown approval ${call.approvalId}`);
      if (existing!.policyVersion !== o.policyVersion())
        throw new GatewayError(
          'approval.conflict',
          `The policy changed since request ${existing!.id} was made, so it no longer applies; call ${entry.name} again to ask for a new approval`,
        );
    }
    await awaitApproval(
      service,
      o,
      call,
      {
        name: entry.name,
        backend: entry.backend.name,
        args: call.args,
        risk: { ...entry.risk, categories: [...entry.risk.categories], reasons: [...entry.risk.reasons] },
      },
      existing,
    );
  };
  return {
    id: 'approve',
    // Not async: a call that is not held passes without a promise (ADR 0017, Decision 11).
    run(call) {
      if (call.record.decision !== 'hold' || !call.hold) {
        if (call.approvalId)
          throw new GatewayError(
            'approval.conflict',
            `${call.toolName} does not need an approval now; call it directly`,
          );
        return;
      }
      if (!call.entry) throw new GatewayError('internal', undefined, 'approval stage without a resolved tool');
      return held(call, call.entry);
    },
  };
}

/**
 * A held resources/read or prompts/get waits for people like a held tool call: bound to the normalised URI (a
 * resource) or the prompt's name and the digest of its arguments, single use. Repeating the same request attaches
 * to the live request and is answered, once, when approved. Other methods on a held target are refused (fail
 * closed): a subscription or a completion cannot be approved once and used once.
 */
export function methodApprovalStage(service: ApprovalService, o: ApprovalStageOptions): Stage<MethodCall> {
  return {
    id: 'approve',
    async run(call) {
      const hold = call.hold;
      if (call.record.decision !== 'hold' || !hold) return;
      const t = call.target;
      if (!t || !call.upstream)
        throw new GatewayError('internal', undefined, 'approval stage without a resolved target');
      if (call.method === 'resources/read' && t.kind === 'resource')
        return awaitApproval(service, o, call, {
          kind: 'resource',
          name: `${t.server}:${t.uri}`,
          backend: t.server,
          args: {},
          risk: UNCLASSIFIED,
        });
      if (call.method === 'prompts/get' && t.kind === 'prompt') {
        const a = call.params.arguments;
        return awaitApproval(service, o, call, {
          kind: 'prompt',
          name: t.name,
          backend: t.server,
          args: a !== null && typeof a === 'object' && !Array.isArray(a) ? (a as ToolCall['args']) : {},
          risk: UNCLASSIFIED,
        });
      }
      throw new GatewayError(
        'approval.required',
        `${describeTarget(t)} needs approval, and ${call.method} cannot be approved once and used once; ` +
          'the request was not made (resources/read and prompts/get can wait for an approval)',
        `held by policy; ${call.method} is not covered by approvals`,
      );
    },
  };
}

/** Resources and prompts carry no risk classification: approvers see the target and the rule that held it. */
const UNCLASSIFIED: ApprovalRecord['risk'] = {
  level: 'unclassified',
  categories: [],
  sideEffect: 'unknown',
  reasons: ['resources and prompts are not risk-classified; held by policy'],
};

/**
 * Execute under an approval: the request moves approved → executing (a durable compare-and-set) right before the
 * call is forwarded, and to executed after. Whoever loses the compare-and-set does not run the call.
 */
export function approvedExecuteStage<C extends BaseCall & { approval?: { id: string }; result?: unknown }>(
  service: ApprovalService,
  inner: Stage<C>,
): Stage<C> {
  const approved = async (call: C, id: string): Promise<void> => {
    if (!(await service.begin(id))) {
      const r = await service.get(id);
      throw r ? refusalFor(r) : new GatewayError('approval.not_found', `Unknown approval ${id}`);
    }
    let outcome = 'failed';
    const lease = setInterval(() => void service.heartbeat(id).catch(() => undefined), HEARTBEAT_MS);
    try {
      await inner.run(call);
      outcome = (call.result as { isError?: unknown } | undefined)?.isError === true ? 'tool_error' : 'ok';
    } finally {
      clearInterval(lease);
      await service.finish(id, call.requestId, outcome);
    }
  };
  return {
    id: inner.id,
    // Not async: a call without an approval is the inner stage's call alone (ADR 0017, Decision 11).
    run(call) {
      const id = call.approval?.id;
      return id ? approved(call, id) : inner.run(call);
    },
  };
}
