import { describe, expect, it } from 'vitest';
import { formatMetrics, labelMetrics, type Scored } from './label-metrics.js';
import type { RiskAssessment } from './types.js';

const predicted = (
  level: RiskAssessment['level'],
  sideEffect: RiskAssessment['sideEffect'],
  categories: RiskAssessment['categories'] = [],
): RiskAssessment => ({
  level,
  sideEffect,
  categories,
  reasons: ['x'],
});
const label = (
  name: string,
  level: RiskAssessment['level'],
  sideEffect: RiskAssessment['sideEffect'],
  categories: RiskAssessment['categories'] = [],
) => ({
  origin: 'test',
  name,
  level,
  sideEffect,
  categories,
});

describe('labelMetrics', () => {
  const scored: Scored[] = [
    {
      label: label('delete_vm', 'high', 'irreversible', ['destructive', 'infrastructure']),
      predicted: predicted('high', 'irreversible', ['destructive']),
    },
    { label: label('read_secret', 'high', 'none', ['credential-access']), predicted: predicted('low', 'none') },
    { label: label('list_items', 'low', 'none'), predicted: predicted('low', 'none') },
    { label: label('web_search', 'medium', 'external'), predicted: predicted('low', 'none') },
  ];
  const m = labelMetrics(scored);

  it('counts recall on side-effecting, read-only and high tools', () => {
    expect(m.sideEffectingRecall).toEqual({ hit: 1, total: 2, value: 0.5 });
    expect(m.readOnlyRecall).toEqual({ hit: 2, total: 2, value: 1 });
    expect(m.highRecall).toEqual({ hit: 1, total: 2, value: 0.5 });
    expect(m.highRatedLow).toEqual(['test read_secret']);
    expect(m.levelAccuracy.value).toBe(0.5);
  });

  it('F1 per category and the macro over critical categories present', () => {
    expect(m.categoryF1.destructive).toBe(1);
    expect(m.categoryF1.infrastructure).toBe(0);
    expect(m.categoryF1['credential-access']).toBe(0);
    expect(m.categoryF1.financial).toBeUndefined();
    expect(m.criticalMacroF1).toBeCloseTo(1 / 3);
    expect(m.misses).toHaveLength(3);
    expect(formatMetrics('t', m)).toContain('| `high` rated `low` | 1 |');
  });
});
