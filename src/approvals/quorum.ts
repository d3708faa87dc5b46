import type { ApprovalDecisionEntry, ApprovalRequirement } from '../core/approval.js';

/** A person deciding: their verified name, groups and roles. */
export interface Approver {
  name: string;
  groups: readonly string[];
  roles: readonly string[];
  /** Other names the same person is known by (the `sub` and email claims of the OAuth token they signed in with). */
  aliases?: readonly string[];
}

/** Who asked, as the self-approval check sees it. */
export interface Requester {
  agent: string;
  /** The person the call was made for (the token's `sub`), when an agent acted for a user. */
  user?: string;
  /** Every identifier of the requester: agent, user, the token's email, and the names of the configured person they are. */
  identities?: readonly string[];
}

/** The approver's identifiers (name, configured identities, token claims) and whether the IdP identity is known. */
export interface ApproverIdentity {
  identities: readonly string[];
  /** Their identity at the identity provider is known: signed in with OAuth, or `users.<name>.identities` set. */
  linked: boolean;
  /** Not linked because the request is bound by a subject only and they are known by e-mail only (`approverKnown`). */
  needsSubject?: boolean;
}

export type Refusal = { code: 'approval.forbidden'; message: string };

/**
 * May this person decide on a request made by `requester.agent` for `requester.user`? Only approvers and admins;
 * never the person the call is made for (under any of their names) nor the agent itself; a call made for a person
 * the identity provider names only by someone whose own identity there is known (otherwise nobody can tell they
 * are not that person); and, when the rule names approvers or one-per-group groups, only those users and members
 * of those groups (membership from the verified identity, never from the request).
 */
export function eligibility(
  req: ApprovalRequirement,
  requester: Requester,
  who: Approver,
  self: ApproverIdentity = { identities: [who.name, ...(who.aliases ?? [])], linked: (who.aliases ?? []).length > 0 },
): Refusal | undefined {
  const names = self.identities;
  if (!who.roles.includes('approver') && !who.roles.includes('admin'))
    return { code: 'approval.forbidden', message: 'Deciding approvals needs the approver or admin role' };
  const theirs = new Set([
    requester.agent,
    ...(requester.user !== undefined ? [requester.user] : []),
    ...(requester.identities ?? []),
  ]);
  if (names.some((n) => theirs.has(n)))
    return {
      code: 'approval.forbidden',
      message:
        'You cannot decide on a call made on your own behalf (the requester can never approve their own request)',
    };
  if (requester.user !== undefined && !self.linked && self.needsSubject)
    return {
      code: 'approval.forbidden',
      message:
        `This call was made for ${requester.user}, whose token carried no verified e-mail address, and the identity ` +
        `provider knows you here only by e-mail, so nobody can tell you are someone else: list your subject at the ` +
        `identity provider under users.${who.name}.identities, or sign in with an OAuth token`,
    };
  if (requester.user !== undefined && !self.linked)
    return {
      code: 'approval.forbidden',
      message:
        `This call was made for ${requester.user}, a person named by the identity provider, and your identity there ` +
        `is unknown, so nobody can tell you are someone else: list your subject or email at the identity provider ` +
        `under users.${who.name}.identities, or sign in with an OAuth token`,
    };
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
