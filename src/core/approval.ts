/**
 * What a `hold` decision asks of people: how many distinct approvers, one from each of which groups, who may
 * approve at all, how long the request may wait, and where it is announced. Resolved from config when the policy
 * compiles (defaults filled in), carried by the decision, stored with the approval request.
 */
export interface ApprovalRequirement {
  /** Distinct people who must approve (a person counts once). */
  quorum: number;
  /** One approver from each of these groups (in addition to the quorum). */
  groups?: string[];
  /** Who may approve: named users and members of groups. Absent: any person with the approver or admin role. */
  approvers?: { users: string[]; groups: string[] };
  /** How long the request waits for a decision (and, once approved, how long it may be executed). */
  timeoutMs: number;
  /** Notification channels (names under `notifications.channels`). */
  channels: string[];
  /** How long the agent's call waits before returning the approval id (default: `policy.approvals.wait`). */
  waitMs?: number;
}

/** Lifecycle of an approval request. `executing` is written durably before the call is forwarded. */
export const approvalStatuses = ['pending', 'approved', 'denied', 'expired', 'executing', 'executed'] as const;
export type ApprovalStatus = (typeof approvalStatuses)[number];

export interface ApprovalDecisionEntry {
  by: string;
  decision: 'approve' | 'deny';
  comment?: string;
  at: string;
  /** The person's groups when they decided (from their verified identity): what one-per-group rules count. */
  groups?: string[];
}

/** What a request holds: a tool call, a resource read (`resources/read`) or a prompt (`prompts/get`). */
export type ApprovalKind = 'tool' | 'resource' | 'prompt';

/** The REST shape (docs/approvals.md, /work/team/CONTRACTS.md). Arguments are redacted as the audit log would. */
export interface Approval {
  id: string;
  status: ApprovalStatus;
  /** What is held (absent in records made before resources and prompts could be held: a tool). */
  kind: ApprovalKind;
  /** The tool's name; for a resource `<server>:<normalised uri>`; for a prompt its name. */
  tool: string;
  backend: string;
  agent: string;
  user?: string;
  arguments: Record<string, unknown>;
  argsDigest: string;
  risk: { level: string; categories: string[]; sideEffect: string; reasons: string[] };
  rule: string;
  policyVersion: string;
  requiredApprovals: { quorum: number; groups?: string[] };
  /** Who may approve (absent: any approver or admin). */
  approvers?: { users: string[]; groups: string[] };
  decisions: ApprovalDecisionEntry[];
  createdAt: string;
  expiresAt: string;
  decidedAt?: string;
  executedAt?: string;
  /** How the execution ended: ok, tool_error, failed, or interrupted (the gateway stopped while it ran). */
  outcome?: string;
}
