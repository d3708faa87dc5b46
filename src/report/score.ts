/**
 * The score (docs/security-report.md, "Formula"). Each applicable check earns its weight × credit
 * (pass 1, warn 0.5, fail 0); not-applicable checks count for nothing either way. An area's score and the overall
 * score are round(100 × earned / possible) over their checks; the grade is A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else F.
 * Acknowledging a finding does not change its credit: the score measures the deployment, the `reports` area
 * measures whether findings are reviewed. Same checks in, same score out.
 */
import {
  reportAreas,
  type AreaScore,
  type CheckResult,
  type CheckStatus,
  type Grade,
  type ReportArea,
  type Score,
} from './types.js';

export const credit: Record<CheckStatus, number | undefined> = {
  pass: 1,
  warn: 0.5,
  fail: 0,
  not_applicable: undefined,
};

export function gradeOf(score: number): Grade {
  return score >= 90 ? 'A' : score >= 80 ? 'B' : score >= 70 ? 'C' : score >= 60 ? 'D' : 'F';
}

function tally(checks: readonly CheckResult[]): AreaScore & { earned: number } {
  let earned = 0;
  let weight = 0;
  const n = { pass: 0, warn: 0, fail: 0, notApplicable: 0 };
  for (const c of checks) {
    const k = credit[c.status];
    if (c.status === 'not_applicable') n.notApplicable++;
    else n[c.status]++;
    if (k === undefined) continue;
    earned += c.weight * k;
    weight += c.weight;
  }
  return { score: weight === 0 ? null : Math.round((100 * earned) / weight), weight, earned, ...n };
}

export function scoreOf(checks: readonly CheckResult[]): Score {
  const areas = {} as Record<ReportArea, AreaScore>;
  for (const area of reportAreas) {
    const { earned: _earned, ...a } = tally(checks.filter((c) => c.area === area));
    void _earned;
    areas[area] = a;
  }
  const all = tally(checks);
  const value = all.score ?? 0;
  return { value, grade: gradeOf(value), areas };
}
