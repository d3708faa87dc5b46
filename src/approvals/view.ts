import type { Approval } from '../core/approval.js';
import type { ApprovalRecord } from '../storage/repositories.js';

/** The REST shape of a request: redacted arguments only (the exact ones stay in the store, for execution). */
export function toApproval(r: ApprovalRecord): Approval {
  const req = r.requirement;
  return {
    id: r.id,
    status: r.status,
    kind: r.kind ?? 'tool',
    tool: r.tool,
    backend: r.backend,
    agent: r.agent,
    ...(r.user !== undefined ? { user: r.user } : {}),
    arguments: r.displayArguments,
    argsDigest: r.argsDigest,
    risk: r.risk,
    rule: r.rule,
    policyVersion: r.policyVersion,
    requiredApprovals: { quorum: req.quorum, ...(req.groups ? { groups: req.groups } : {}) },
    ...(req.approvers ? { approvers: req.approvers } : {}),
    decisions: r.decisions.map((d) => ({
      by: d.by,
      decision: d.decision,
      ...(d.comment !== undefined ? { comment: d.comment } : {}),
      at: d.at,
    })),
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    ...(r.decidedAt !== undefined ? { decidedAt: r.decidedAt } : {}),
    ...(r.executedAt !== undefined ? { executedAt: r.executedAt } : {}),
    ...(r.outcome !== undefined ? { outcome: r.outcome } : {}),
  };
}
