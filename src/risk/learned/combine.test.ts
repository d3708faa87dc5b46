import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { levelRank, riskCategories, sideEffectRank, type RiskAssessment, type SideEffect } from '../types.js';
import { applyLearned } from './combine.js';
import { learnedTargets, type LearnedTarget, type TargetScore } from './model.js';

const scores = (p: Partial<Record<LearnedTarget, number>>): Record<LearnedTarget, TargetScore> =>
  Object.fromEntries(
    learnedTargets.map((t) => [t, { probability: p[t] ?? 0.01, strongest: [`path segment word 'x${t}' (+1.20)`] }]),
  ) as Record<LearnedTarget, TargetScore>;
const read: RiskAssessment = { level: 'low', categories: [], sideEffect: 'none', reasons: ["verb 'get' in name"] };
const change: RiskAssessment = {
  level: 'medium',
  categories: [],
  sideEffect: 'data-change',
  reasons: ["verb 'update' in name"],
  hints: { additive: true, idempotent: true, openWorld: true },
};
const off = { threshold: 0.7, changesThreshold: null };

describe('applyLearned (raise only)', () => {
  it('adds a category at or above the threshold, with a reason naming the signal and its strongest features', () => {
    const out = applyLearned(change, scores({ infrastructure: 0.7 }), off);
    expect(out.categories).toEqual(['infrastructure']);
    expect(out.level).toBe('high');
    expect(out.reasons.at(-1)).toBe(
      "learned model: infrastructure (p=0.70; path segment word 'xinfrastructure' (+1.20))",
    );
    expect(out.hints).toEqual({ additive: false, idempotent: true, openWorld: true });
    expect(applyLearned(change, scores({ infrastructure: 0.69 }), off)).toBe(change);
  });

  it('adds categories of changes only to tools that change state; reads may gain secrets, code, personal data', () => {
    const out = applyLearned(read, scores({ destructive: 0.99, financial: 0.99, 'credential-access': 0.9 }), off);
    expect(out.categories).toEqual(['credential-access']);
    expect([out.level, out.sideEffect]).toEqual(['high', 'none']);
    expect(applyLearned(read, scores({ 'personal-data': 0.8 }), off).level).toBe('medium');
  });

  it('raises a read to a change only when the model file enables it', () => {
    expect(applyLearned(read, scores({ changes: 0.99 }), off)).toBe(read);
    const raised = applyLearned(read, scores({ changes: 0.95, administrative: 0.8 }), {
      threshold: 0.7,
      changesThreshold: 0.9,
    });
    expect([raised.sideEffect, raised.level, raised.categories]).toEqual(['data-change', 'high', ['administrative']]);
    expect(raised.reasons).toContain("learned model: changes state (p=0.95; path segment word 'xchanges' (+1.20))");
  });

  it('never removes a category and never lowers a side effect or a level (any scores, any thresholds)', () => {
    const sideEffects: SideEffect[] = ['none', 'external', 'data-change', 'irreversible'];
    fc.assert(
      fc.property(
        fc.constantFrom(...sideEffects),
        fc.subarray([...riskCategories]),
        fc.constantFrom('low' as const, 'medium' as const, 'high' as const),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 9, maxLength: 9 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
        (sideEffect, categories, level, ps, threshold, changesThreshold) => {
          const a: RiskAssessment = { level, categories, sideEffect, reasons: ['rules'] };
          const s = scores(Object.fromEntries(learnedTargets.map((t, i) => [t, ps[i]!])));
          const out = applyLearned(a, s, { threshold, changesThreshold });
          expect(categories.every((c) => out.categories.includes(c))).toBe(true);
          expect(sideEffectRank[out.sideEffect]).toBeGreaterThanOrEqual(sideEffectRank[sideEffect]);
          expect(levelRank[out.level]).toBeGreaterThanOrEqual(levelRank[level]);
          expect(out.reasons.slice(0, 1)).toEqual(['rules']);
          expect(out.reasons.length - 1).toBe(
            out.categories.length - categories.length + (out.sideEffect !== sideEffect ? 1 : 0),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
