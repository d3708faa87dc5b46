/** The security report's shapes (the JSON format is exactly these; schema/report.schema.json publishes them). */

export const reportAreas = [
  'authentication',
  'inventory',
  'risk',
  'permissions',
  'approvals',
  'audit',
  'credentials',
  'reports',
] as const;
export type ReportArea = (typeof reportAreas)[number];

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'not_applicable';

/** What a check inspected and what it found: counts and names, never a secret value. */
export interface Evidence {
  /** One sentence a reviewer can read alone. */
  summary: string;
  /** Named things the check found (tools, agents, keys ...), at most 50; `more` counts the rest. */
  items?: string[];
  more?: number;
  counts?: Record<string, number>;
}

/** A finding acknowledged by a person: accepted for now, with a reason and an expiry (tracked remediation). */
export interface Acknowledgement {
  id: string;
  checkId: string;
  reason: string;
  by: string;
  createdAt: string;
  expiresAt: string;
}

export interface CheckResult {
  id: string;
  area: ReportArea;
  title: string;
  weight: number;
  status: CheckStatus;
  evidence: Evidence;
  /** The controls (config keys, stores, logs) this check reads. */
  inspected: string[];
  remediation: string;
  /** The newest acknowledgement of this check, shown on a failing or warning check (expired ones too). */
  acknowledgement?: Acknowledgement & { expired: boolean };
}

export interface AreaScore {
  /** 0-100, or null when no check of the area applies. */
  score: number | null;
  weight: number;
  pass: number;
  warn: number;
  fail: number;
  notApplicable: number;
}

export type Grade = 'A' | 'B' | 'C' | 'D' | 'F';

export interface Score {
  value: number;
  grade: Grade;
  areas: Record<ReportArea, AreaScore>;
}

/** One stored score (the trend). */
export interface HistoryEntry {
  at: string;
  score: number;
  grade: Grade;
  areas: Partial<Record<ReportArea, number>>;
}

export interface InventoryTool {
  name: string;
  backend: string;
  source: 'mcp' | 'openapi';
  description?: string;
  owner?: string;
  risk: {
    level: 'low' | 'medium' | 'high';
    categories: string[];
    sideEffect: string;
    reasons: string[];
    override?: string;
  };
  findings: { severity: string; kind: string; message: string }[];
  /** Reason an administrator accepted the tool's poisoning findings. */
  accepted?: string;
  quarantined: boolean;
  /** Pin state of the definition (`pinned` when reviewed); absent when the deployment keeps no pins. */
  pin?: { state: string; hash?: string; reason?: string };
  /** Approval before a call: `always`, `threshold` (a condition on the arguments), or `none`. */
  approval?: 'always' | 'threshold' | 'none';
  /** Agents that see (may call) the tool. */
  agents?: string[];
}

export interface PermissionRow {
  agent: string;
  visible: number;
  total: number;
  high: string[];
  called: number;
}

export interface Report {
  schemaVersion: 1;
  /** `deployment`: a running configuration (score, checks); `inventory`: a spec or server scanned alone. */
  kind: 'deployment' | 'inventory';
  generatedAt: string;
  portcullisVersion: string;
  subject: { config?: string; storage?: string; spec?: string; server?: string };
  score?: Score;
  checks: CheckResult[];
  inventory: {
    tools: InventoryTool[];
    byBackend: Record<string, { low: number; medium: number; high: number }>;
    byCategory: Record<string, number>;
    bySideEffect: Record<string, number>;
  };
  permissions?: PermissionRow[];
  audit?: {
    windowDays: number;
    toolCalls: number;
    callsWithUser: number;
    approvalEvents: number;
    records: number;
    chainVerified: boolean | null;
  };
  acknowledgements?: (Acknowledgement & { expired: boolean })[];
  history?: HistoryEntry[];
}
