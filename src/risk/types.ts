/** Risk taxonomy shared by the classifier, the poisoning scan, policy defaults and the report. */

export type RiskLevel = 'low' | 'medium' | 'high';

/** The closed set of risk categories (names fixed by the product taxonomy). */
export const riskCategories = [
  'destructive',
  'financial',
  'administrative',
  'credential-access',
  'external-communication',
  'code-execution',
  'infrastructure',
  'personal-data',
] as const;

export type RiskCategory = (typeof riskCategories)[number];

/**
 * What a call does to the world, weakest first: `none` observes only local/owned state; `external`
 * reaches third parties or spends money without changing the caller's own data (web search, crawling,
 * paid lookups); `data-change` changes state; `irreversible` cannot be taken back (deletes, sends, pays).
 */
export type SideEffect = 'none' | 'external' | 'data-change' | 'irreversible';

/**
 * Finer hints the classifier derives alongside the taxonomy; they feed the MCP annotations
 * Portcullis serves (`destructiveHint`, `idempotentHint`, `openWorldHint`).
 */
export interface RiskHints {
  /** The change only adds (creates, appends); it never overwrites or removes. */
  additive: boolean;
  /** Repeating the call with the same arguments has no further effect. */
  idempotent: boolean;
  /** The tool reaches beyond a closed local domain (remote APIs, the web, other people). */
  openWorld: boolean;
}

export interface RiskAssessment {
  level: RiskLevel;
  categories: RiskCategory[];
  sideEffect: SideEffect;
  /** Short, human-readable, each naming the signal it comes from. */
  reasons: string[];
  /** Present when an administrator pinned (part of) this assessment in config. */
  override?: { reason: string };
  hints?: RiskHints;
}

export type FindingSeverity = 'info' | 'low' | 'medium' | 'high' | 'critical';

export interface Finding {
  severity: FindingSeverity;
  kind: string;
  message: string;
}

/** Categories that make a state-changing tool `high`. */
export const criticalCategories: readonly RiskCategory[] = [
  'destructive',
  'financial',
  'administrative',
  'credential-access',
  'code-execution',
  'infrastructure',
];

/** Categories that make a tool `high` even when it only reads. */
export const criticalEvenWhenReading: readonly RiskCategory[] = ['credential-access', 'code-execution'];

/**
 * Level implied by side effect and categories (the single definition used everywhere): `high` for
 * credential-access or code-execution (even reading), or a state change with a critical category;
 * `medium` for any other side effect (including `external`) and for anything touching personal data;
 * `low` for pure local reads of nothing sensitive.
 */
export function levelFor(sideEffect: SideEffect, categories: readonly RiskCategory[]): RiskLevel {
  if (categories.some((c) => criticalEvenWhenReading.includes(c))) return 'high';
  const changes = sideEffect === 'data-change' || sideEffect === 'irreversible';
  if (changes && categories.some((c) => criticalCategories.includes(c))) return 'high';
  if (sideEffect !== 'none' || categories.includes('personal-data')) return 'medium';
  return 'low';
}

export const sideEffectRank: Record<SideEffect, number> = { none: 0, external: 1, 'data-change': 2, irreversible: 3 };
export const levelRank: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 };
export const severityRank: Record<FindingSeverity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
