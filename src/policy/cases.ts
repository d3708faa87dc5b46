import { z } from 'zod';
import type { Decision, Effect, Target } from '../core/decision.js';
import type { Principal } from '../core/principal.js';
import type { PolicyEngine } from './engine.js';

/** One row of a `portcullis policy test` table. */
export const policyCaseSchema = z
  .object({
    name: z.string().optional(),
    agent: z.string().min(1),
    user: z.string().optional(),
    groups: z.array(z.string()).optional(),
    claims: z.record(z.string(), z.unknown()).optional(),
    tool: z.string().optional(),
    args: z.record(z.string(), z.unknown()).optional(),
    /** Risk of a tool that is not in the live catalog (CI without backends). */
    risk: z
      .object({
        level: z.enum(['low', 'medium', 'high']),
        categories: z.array(z.string()).default([]),
        sideEffect: z.string().default('none'),
      })
      .strict()
      .optional(),
    backend: z.string().optional(),
    resource: z.string().optional(),
    server: z.string().optional(),
    prompt: z.string().optional(),
    /** Decide completion/complete against the prompt or resource the case names, instead of using it. */
    completion: z.boolean().optional(),
    expect: z.union([
      z.enum(['allow', 'deny', 'hold']),
      z.object({ effect: z.enum(['allow', 'deny', 'hold']), rule: z.string().optional() }).strict(),
    ]),
  })
  .strict()
  .refine((c) => [c.tool, c.resource, c.prompt].filter((x) => x !== undefined).length === 1, {
    message: 'each case names exactly one of tool, resource, prompt',
  })
  .refine((c) => !c.completion || c.tool === undefined, {
    message: 'completion: true needs a prompt or resource reference, not a tool',
  });

export const policyCasesSchema = z.object({ cases: z.array(policyCaseSchema).min(1) }).strict();
export type PolicyCase = z.infer<typeof policyCaseSchema>;

export function principalOf(c: {
  agent: string;
  user?: string;
  groups?: string[];
  claims?: Record<string, unknown>;
}): Principal {
  return {
    agent: c.agent,
    method: c.user ? 'oauth' : 'api-key',
    ...(c.user ? { user: c.user } : {}),
    ...(c.groups ? { groups: c.groups } : {}),
    ...(c.claims ? { claims: c.claims } : {}),
  };
}

export interface CaseResult {
  name: string;
  ok: boolean;
  want: { effect: Effect; rule?: string };
  got: Decision;
}

/** Runs cases through the real engine; `targetOf` resolves a case to its target (live catalog, or the case's risk). */
export function runCases(
  engine: PolicyEngine,
  cases: readonly PolicyCase[],
  targetOf: (c: PolicyCase) => Target,
): CaseResult[] {
  return cases.map((c, i) => {
    const got = engine.evaluate(principalOf(c), targetOf(c));
    const want = typeof c.expect === 'string' ? { effect: c.expect } : c.expect;
    const ok = got.effect === want.effect && (want.rule === undefined || want.rule === got.rule);
    const what = `${c.completion ? 'completion of ' : ''}${c.tool ?? c.prompt ?? c.resource}`;
    return { name: c.name ?? `#${i + 1} ${c.agent} → ${what}`, ok, want, got };
  });
}
