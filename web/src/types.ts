/** Shapes of the REST API the pages read (see /api/v1/openapi.json). */

export interface AuditRecord {
  seq: number;
  timestamp: string;
  type: string;
  requestId?: string;
  agent?: string;
  user?: string;
  tool?: string;
  backend?: string;
  decision?: 'allow' | 'deny' | 'hold';
  rule?: string;
  reasons?: string[];
  approvalId?: string;
  resultStatus?: string;
  latencyMs?: number;
  error?: string;
  risk?: { level: string; categories: string[] };
  arguments?: Record<string, unknown>;
  detail?: Record<string, unknown>;
  prev: string;
  hash: string;
}

export interface AuditPage {
  records: AuditRecord[];
  nextCursor?: string;
}

export interface BackendStatus {
  name: string;
  kind: string;
  state: string;
  lastError?: string;
  toolCount: number;
  circuit?: {
    state: 'closed' | 'open' | 'half-open';
    consecutiveFailures: number;
    failureRate: number;
    openedAt?: string;
  };
}

export interface RiskMeta {
  level: string;
  categories: string[];
  sideEffect: string;
  reasons: string[];
  findings: { severity: string; kind: string; message: string }[];
  override?: { reason: string };
}

export interface Tool {
  name: string;
  backend: string;
  source?: string;
  annotations?: Record<string, unknown>;
  meta?: Record<string, unknown>;
  pin?: { state: 'pinned' | 'quarantined'; hash?: string; pendingHash?: string; reason?: string };
  quarantined?: boolean;
}

export interface MatrixRow {
  agent: string;
  tool: string;
  backend: string;
  risk: string;
  effect: 'allow' | 'deny' | 'hold';
  visible: boolean;
  rule: string;
  reasons?: string[];
}

export interface Agent {
  name: string;
  description?: string;
  keys: { id: string; createdAt: string; revokedAt?: string }[];
}

export interface VerifyResult {
  ok: boolean;
  records: number;
  firstSeq?: number;
  lastSeq?: number;
  keySource: string;
  issues: { kind: string; seq: number; message: string }[];
  durationMs: number;
}

export const riskOf = (t: Tool): RiskMeta | undefined => t.meta?.['io.portcullis/risk'] as RiskMeta | undefined;

/** `/api/v1/approvals` (CONTRACTS.md). */
export interface Approval {
  id: string;
  status: 'pending' | 'approved' | 'denied' | 'expired' | 'executing' | 'executed';
  tool: string;
  backend: string;
  agent: string;
  user?: string;
  arguments: Record<string, unknown>;
  argsDigest: string;
  risk: { level: string; categories?: string[]; sideEffect?: string; reasons: string[] };
  rule: string;
  policyVersion?: string;
  requiredApprovals: { quorum: number; groups?: string[] };
  approvers?: { users?: string[]; groups?: string[] };
  decisions: { by: string; decision: 'approve' | 'deny'; comment?: string; at: string }[];
  createdAt: string;
  expiresAt: string;
  decidedAt?: string;
  executedAt?: string;
  outcome?: string;
}

/** `/api/v1/report` (schema/report.schema.json): the parts the Security page shows. */
export interface ReportCheck {
  id: string;
  area: string;
  title: string;
  weight: number;
  status: 'pass' | 'warn' | 'fail' | 'not_applicable';
  evidence: { summary: string; items?: string[]; more?: number; counts?: Record<string, number> };
  inspected: string[];
  remediation: string;
  acknowledgement?: { id: string; reason: string; by: string; createdAt: string; expiresAt: string; expired: boolean };
}

export interface SecurityReport {
  generatedAt: string;
  score?: { value: number; grade: string; areas: Record<string, { score: number | null }> };
  checks: ReportCheck[];
}

/** `/api/v1/report/history`. */
export interface ReportHistoryEntry {
  at: string;
  score: number;
  grade: string;
  areas: Record<string, number>;
}

/** `GET /api/v1/tools/{name}/diff`. */
export interface PinDiff {
  name: string;
  state: 'pinned' | 'quarantined';
  pinned: { hash: string; pinnedAt: string; acceptedBy?: string; reason?: string } | null;
  pending: { hash: string } | null;
  changes: { path: string; before?: unknown; after?: unknown }[];
}
