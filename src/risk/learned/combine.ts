/**
 * How the learned layer joins the rules: it only raises (ADR 0008's monotone order; ADR 0020). At or above its
 * threshold it adds a category the rules did not find, and (when the model file enables it) raises a read to a
 * change; it never removes a category, never lowers a side effect or a level. Categories that the labels give only to
 * changes (destructive, financial, administrative, infrastructure, external-communication) are added only to tools
 * that change state. Every addition carries a reason naming the learned signal and its strongest features.
 */
import { levelFor, levelRank, riskCategories, type RiskAssessment, type RiskCategory } from '../types.js';
import type { LearnedModelFile, LearnedTarget, TargetScore } from './model.js';

const readableToo: ReadonlySet<RiskCategory> = new Set(['credential-access', 'code-execution', 'personal-data']);

type Thresholds = Pick<LearnedModelFile, 'threshold' | 'changesThreshold'>;

const why = (what: string, s: TargetScore): string =>
  `learned model: ${what} (p=${s.probability.toFixed(2)}; ${s.strongest.join(', ') || 'no single feature'})`;

export function applyLearned(
  a: RiskAssessment,
  scores: Record<LearnedTarget, TargetScore>,
  t: Thresholds,
): RiskAssessment {
  let sideEffect = a.sideEffect;
  const reasons = [...a.reasons];
  if (t.changesThreshold !== null && sideEffect === 'none' && scores.changes.probability >= t.changesThreshold) {
    sideEffect = 'data-change';
    reasons.push(why('changes state', scores.changes));
  }
  const changes = sideEffect === 'data-change' || sideEffect === 'irreversible';
  const added: RiskCategory[] = [];
  for (const c of riskCategories) {
    if (a.categories.includes(c) || scores[c].probability < t.threshold) continue;
    if (!changes && !readableToo.has(c)) continue;
    added.push(c);
    reasons.push(why(c, scores[c]));
  }
  if (added.length === 0 && sideEffect === a.sideEffect) return a;
  const categories = riskCategories.filter((c) => a.categories.includes(c) || added.includes(c));
  const derived = levelFor(sideEffect, categories);
  const out: RiskAssessment = {
    ...a,
    categories,
    sideEffect,
    reasons,
    level: levelRank[derived] > levelRank[a.level] ? derived : a.level,
  };
  // A change the rules did not see, or a new critical category, is no longer known to be additive or idempotent.
  if (a.hints && (sideEffect !== a.sideEffect || added.some((c) => c !== 'personal-data')))
    out.hints = { ...a.hints, additive: false, idempotent: sideEffect === a.sideEffect && a.hints.idempotent };
  return out;
}
