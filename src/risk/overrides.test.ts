import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { acceptanceFor, applyOverrides, riskConfigSchema } from './overrides.js';

const refund = classifyTool({ name: 'create_refund', inputSchema: { type: 'object' } }, { kind: 'mcp', server: 's' });
const search = classifyTool({ name: 'search_docs', inputSchema: { type: 'object' } }, { kind: 'mcp', server: 's' });

describe('riskConfigSchema', () => {
  it('accepts overrides and acceptances with reasons, defaulting to empty lists', () => {
    expect(riskConfigSchema.parse({})).toEqual({ overrides: [], accept: [] });
    const cfg = riskConfigSchema.parse({
      overrides: [{ tools: 'stripe.*', level: 'high', categories: ['financial'], reason: 'money' }],
      accept: [{ tool: 'docs.search', reason: 'reviewed' }],
    });
    expect(cfg.overrides[0]?.categories).toEqual(['financial']);
  });

  it.each([
    ['missing reason', { overrides: [{ tools: 'a', level: 'low' }] }],
    ['blank reason', { overrides: [{ tools: 'a', level: 'low', reason: '   ' }] }],
    ['nothing pinned', { overrides: [{ tools: 'a', reason: 'why' }] }],
    ['unknown category', { overrides: [{ tools: 'a', categories: ['spooky'], reason: 'why' }] }],
    ['unknown key', { overrides: [{ tools: 'a', level: 'low', reason: 'why', extra: 1 }] }],
    ['accept without reason', { accept: [{ tool: 'a' }] }],
  ])('rejects %s', (_t, input) => {
    expect(riskConfigSchema.safeParse(input).success).toBe(false);
  });
});

describe('applyOverrides', () => {
  const config = riskConfigSchema.parse({
    overrides: [
      { tools: 'billing.*refund*', level: 'medium', reason: 'refunds are capped at 50 EUR upstream' },
      { tools: 'docs.*', categories: ['personal-data'], reason: 'docs index contains staff names' },
    ],
  });

  it('pins the level and marks the assessment as overridden, with the reason', () => {
    const a = applyOverrides('billing.create_refund', refund, config);
    expect(a.level).toBe('medium');
    expect(a.categories).toEqual(refund.categories);
    expect(a.override).toEqual({ reason: 'refunds are capped at 50 EUR upstream' });
    expect(a.reasons.at(-1)).toBe("override 'billing.*refund*': refunds are capped at 50 EUR upstream");
  });

  it('recomputes the level when only categories are pinned', () => {
    const a = applyOverrides('docs.search_docs', search, config);
    expect(a.categories).toEqual(['personal-data']);
    // search_docs alone is low; with personal-data pinned the recomputed level is medium (issue 14).
    expect(search.level).toBe('low');
    expect(a.level).toBe('medium');
    expect(a.override?.reason).toBe('docs index contains staff names');
  });

  it('leaves non-matching tools untouched (same object, no override)', () => {
    expect(applyOverrides('other.create_refund', refund, config)).toBe(refund);
  });

  it('finds acceptances by glob', () => {
    const cfg = riskConfigSchema.parse({ accept: [{ tool: 'docs.*', reason: 'reviewed by security' }] });
    expect(acceptanceFor('docs.search', cfg)).toEqual({ reason: 'reviewed by security' });
    expect(acceptanceFor('billing.search', cfg)).toBeUndefined();
  });
});
