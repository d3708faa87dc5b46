/**
 * Administrator overrides of risk assessments and accepted poisoning findings, as a config section:
 *
 * ```yaml
 * risk:
 *   overrides:
 *     - tools: "stripe.*refund*"       # glob over namespaced tool names
 *       level: high
 *       categories: [financial]
 *       reason: "refunds need finance approval"
 *   accept:
 *     - tool: "docs.search"
 *       reason: "long description reviewed by security on 2026-11-02"
 * ```
 */
import picomatch from 'picomatch';
import { z } from 'zod';
import { compileProblem, globLengthProblem, globPattern } from '../core/glob-pattern.js';
import { levelFor, riskCategories, type RiskAssessment } from './types.js';

const reason = z.string().trim().min(1, 'a reason is required');

export const riskOverrideSchema = z
  .object({
    tools: globPattern((p) => globLengthProblem(p) ?? compileProblem(() => overrideGlob(p))).describe(
      'Glob over namespaced tool names this override applies to',
    ),
    level: z.enum(['low', 'medium', 'high']).optional().describe('Risk level to pin: low, medium or high'),
    categories: z.array(z.enum(riskCategories)).optional().describe('Risk categories to pin'),
    sideEffect: z
      .enum(['none', 'external', 'data-change', 'irreversible'])
      .optional()
      .describe('Side effect to pin: none, external, data-change or irreversible'),
    reason: reason.describe('Why (shown in scans, the audit and the security report)'),
  })
  .strict()
  .refine((o) => o.level !== undefined || o.categories !== undefined || o.sideEffect !== undefined, {
    message: 'an override must pin at least one of level, categories, sideEffect',
  });

export const riskAcceptSchema = z
  .object({
    tool: z.string().min(1).describe('Tool whose poisoning findings are accepted (namespaced name)'),
    reason: reason.describe('Why the findings are accepted (the security report lists it)'),
  })
  .strict();

export const riskConfigSchema = z
  .object({
    overrides: z
      .array(riskOverrideSchema)
      .default([])
      .describe('Administrator overrides of risk assessments, applied in order (later wins per field)'),
    accept: z.array(riskAcceptSchema).default([]).describe('Poisoning findings reviewed and accepted, per tool'),
  })
  .strict();

export type RiskConfig = z.infer<typeof riskConfigSchema>;
export type RiskOverride = z.infer<typeof riskOverrideSchema>;

export const emptyRiskConfig: RiskConfig = { overrides: [], accept: [] };

/** An override's glob as it is matched (the config schema compiles each one with this too). */
function overrideGlob(glob: string): (name: string) => boolean {
  return picomatch(glob, { dot: true });
}

const matcherCache = new Map<string, (name: string) => boolean>();
function matches(glob: string, name: string): boolean {
  let m = matcherCache.get(glob);
  if (!m) {
    m = overrideGlob(glob);
    matcherCache.set(glob, m);
  }
  return m(name);
}

/**
 * Apply every override whose glob matches `name`, in config order (later ones win per field).
 * The result carries `override.reason`; when only categories or side effect are pinned, the level is
 * recomputed from them so that it stays consistent with the taxonomy.
 */
export function applyOverrides(name: string, assessment: RiskAssessment, config: RiskConfig): RiskAssessment {
  const hits = config.overrides.filter((o) => matches(o.tools, name));
  if (hits.length === 0) return assessment;
  let { level, categories, sideEffect } = assessment;
  let levelPinned = false;
  const reasons = [...assessment.reasons];
  for (const o of hits) {
    if (o.categories !== undefined) categories = riskCategories.filter((c) => o.categories?.includes(c));
    if (o.sideEffect !== undefined) sideEffect = o.sideEffect;
    if (o.level !== undefined) {
      level = o.level;
      levelPinned = true;
    }
    reasons.push(`override '${o.tools}': ${o.reason}`);
  }
  if (!levelPinned) level = levelFor(sideEffect, categories);
  const result: RiskAssessment = {
    level,
    categories,
    sideEffect,
    reasons,
    override: { reason: hits.map((o) => o.reason).join('; ') },
  };
  if (assessment.hints) result.hints = assessment.hints;
  return result;
}

/** The acceptance entry for a tool, if an administrator accepted its findings. */
export function acceptanceFor(name: string, config: RiskConfig): { reason: string } | undefined {
  const hit = config.accept.find((a) => matches(a.tool, name));
  return hit ? { reason: hit.reason } : undefined;
}
