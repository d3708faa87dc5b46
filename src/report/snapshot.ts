/**
 * What the checks read: one snapshot of the running deployment, gathered by gather.ts (config, stores, audit log,
 * live catalog). Checks are pure functions of it, so the same snapshot always gives the same report and score.
 */
import type { PortcullisConfig } from '../config/config.js';
import type { ApiKeyRecord } from '../storage/repositories.js';
import type { Finding, RiskAssessment } from '../risk/types.js';
import type { Acknowledgement, HistoryEntry } from './types.js';

export interface ToolFacts {
  name: string;
  backend: string;
  source: 'mcp' | 'openapi';
  description?: string;
  risk: RiskAssessment;
  findings: Finding[];
  /** Reason an administrator accepted this tool's poisoning findings (`risk.accept`). */
  accepted?: string;
  quarantined: boolean;
  /** The pin store's state of this definition; undefined when the deployment keeps no pin store. */
  pin?: { state: string; hash?: string; reason?: string };
}

export interface AuditFacts {
  /** Records in the log (head seq minus pruned). */
  records: number;
  /**
   * `tool.call.requested` records in the window, and those that name a user. Every count of records counts only those
   * still in the log when the report was gathered (after a prune, here or by another replica, during the gathering).
   */
  toolCalls: number;
  callsWithUser: number;
  /** Tools each agent called in the window. */
  calledByAgent: Record<string, string[]>;
  /** `approval.*` records in the window. */
  approvalEvents: number;
  /** `secret.leak.redacted` records in the window, and the tools/backends they name. */
  leaks: { count: number; where: string[] };
  /** Chain verification; `error` when it could not run. */
  verify: { ok: boolean; records: number; checkpoints: number; issues: string[] } | { error: string };
  /**
   * Signed checkpoints in the anchor file over records still in the log (a retention prune leaves the checkpoints of
   * the records it deleted in the file; they are not counted); with none, `pendingSince` is the time of the log's
   * first record (its first checkpoint may simply not be due yet).
   */
  anchor: { path: string; checkpoints: number; pendingSince?: string };
  /** Delivery state of each configured sink (a running gateway knows it; the CLI does not). */
  sinkStatus?: { name: string; ok: boolean; detail?: string }[];
  /** Whether a checkpoint signing key sits inside the data directory. */
  signingKeyInsideDataDir: boolean;
}

export interface SecretFacts {
  name: string;
  version: number;
  updatedAt: string;
}

export interface DeploymentSnapshot {
  /** The instant the report is about (ISO 8601); every age is measured from it. */
  now: string;
  configFile?: string;
  storage?: string;
  config: PortcullisConfig;
  /** The config document before `${ENV}` interpolation (to tell vault references, env and literals apart). */
  rawConfig: unknown;
  tools: ToolFacts[];
  /** Active and revoked API keys (agents and people). */
  keys: ApiKeyRecord[];
  /** Undefined when the audit log could not be read (then every audit check fails, saying why). */
  audit: AuditFacts | { error: string };
  /** Built-in vault metadata (never values); `error` when it could not be read; undefined for env/file providers. */
  secrets?: SecretFacts[] | { error: string };
  acknowledgements: Acknowledgement[];
  /** Stored scores, oldest first (this report's own score is not among them). */
  history: HistoryEntry[];
}

export const DAY_MS = 86_400_000;

export function ageDays(now: string, then: string): number {
  return Math.floor((Date.parse(now) - Date.parse(then)) / DAY_MS);
}
