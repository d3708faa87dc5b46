import type { ApprovalDecisionEntry, ApprovalRequirement } from '../core/approval.js';

/** A person deciding: their verified name, groups and roles. */
export interface Approver {
  name: string;
  groups: readonly string[];
  roles: readonly string[];
  /** Other names the same person is known by (e.g. the email claim of an OAuth token). */
  aliases?: readonly string[];
}

export type Refusal = { code: 'approval.forbidden'; message: string };

/**
 * May this person decide on a request made by `agent` for `user`? Only approvers and admins; never the person the
 * call is made for (nor the agent itself); and, when the rule names approvers or one-per-group groups, only
 * those users and members of those groups (membership from the verified identity, never from the request).
 */
export function eligibility(
  req: ApprovalRequirement,
  requester: { agent: string; user?: string },
  who: Approver,
): Refusal | undefined {
  const names = [who.name, ...(who.aliases ?? [])];
  if (!who.roles.includes('approver') && !who.roles.includes('admin'))
    return { code: 'approval.forbidden', message: 'Deciding approvals needs the approver or admin role' };
  if ((requester.user !== undefined && names.includes(requester.user)) || names.includes(requester.agent))
    return { code: 'approval.forbidden', message: 'You cannot decide on a call made on your own behalf' };
  const named = req.approvers;
  if (!named && !req.groups) return undefined;
  const ok =
    (named?.users.some((u) => names.includes(u)) ?? false) ||
    (named?.groups.some((g) => who.groups.includes(g)) ?? false) ||
    (req.groups?.some((g) => who.groups.includes(g)) ?? false);
  if (ok) return undefined;
  const allowed = [
    ...(named?.users.map((u) => `user ${u}`) ?? []),
    ...[...(named?.groups ?? []), ...(req.groups ?? [])].map((g) => `group ${g}`),
  ];
  return { code: 'approval.forbidden', message: `This request needs an approver from: ${allowed.join(', ')}` };
}

/**
 * Can the groups each be given a distinct approver? (One person counts once, even when they belong to several of
 * the groups.) Small bipartite matching by backtracking: rules name at most ten groups.
 */
function coversGroups(groups: readonly string[], approvers: readonly ApprovalDecisionEntry[]): boolean {
  const used = new Set<string>();
  const assign = (i: number): boolean => {
    if (i === groups.length) return true;
    for (const a of approvers) {
      if (used.has(a.by) || !(a.groups ?? []).includes(groups[i]!)) continue;
      used.add(a.by);
      if (assign(i + 1)) return true;
      used.delete(a.by);
    }
    return false;
  };
  return assign(0);
}

/** Approved: at least `quorum` distinct people approved, and each one-per-group group has its own approver. */
export function satisfied(req: ApprovalRequirement, decisions: readonly ApprovalDecisionEntry[]): boolean {
  const approvals = decisions.filter((d) => d.decision === 'approve');
  const distinct = new Set(approvals.map((d) => d.by));
  if (distinct.size < req.quorum) return false;
  return !req.groups || coversGroups(req.groups, approvals);
}

/** "1 of 2 approvals; still needed: one from security". */
export function progressText(req: ApprovalRequirement, decisions: readonly ApprovalDecisionEntry[]): string {
  const approvals = decisions.filter((d) => d.decision === 'approve');
  const missing = (req.groups ?? []).filter((g) => !approvals.some((a) => (a.groups ?? []).includes(g)));
  return `${approvals.length} of ${req.quorum} approval(s)${missing.length ? `; still needed: one from ${missing.join(', ')}` : ''}`;
}
