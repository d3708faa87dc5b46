import { z } from 'zod';

/** Zod schema of the `limits:` config section (validated when the config loads, never per call). */

const period = z.enum(['second', 'minute', 'hour', 'day']);
export const periodMs = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
const globs = z.array(z.string().min(1)).min(1).optional();
const ruleName = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, ".", "_" or "-"');

/** A token bucket: `limit` tokens per `per`, holding at most `burst` (default `limit`). */
const bucketShape = {
  limit: z.number().int().positive(),
  per: period,
  burst: z.number().int().positive().optional(),
};

export const rateRuleSchema = z
  .object({
    name: ruleName,
    /** Which calls the rule applies to (each an optional glob list; all must match). */
    agents: globs,
    users: globs,
    tools: globs,
    risk: z
      .array(z.enum(['low', 'medium', 'high']))
      .min(1)
      .optional(),
    /** What gets its own bucket. `user` falls back to the agent when a call carries no user. */
    key: z.enum(['agent', 'user', 'tool', 'agent+tool', 'global']).default('agent'),
    ...bucketShape,
  })
  .strict();

export const quotaSchema = z
  .object({
    name: ruleName,
    agents: globs,
    tools: globs,
    /** Calls per agent per UTC day / calendar month (UTC). */
    daily: z.number().int().positive().optional(),
    monthly: z.number().int().positive().optional(),
  })
  .strict()
  .refine((q) => q.daily !== undefined || q.monthly !== undefined, { message: 'set daily, monthly or both' });

export const failedAuthSchema = z
  .object({
    /** Failed authentication attempts per source address; when spent, the source gets 429 until it refills. */
    enabled: z.boolean().default(true),
    ...bucketShape,
  })
  .strict();

const breakerFields = {
  enabled: z.boolean(),
  /** Opens after this many backend failures in a row... */
  consecutiveFailures: z.number().int().positive(),
  /** ...or when this share of the last `window` calls failed, once `minimumCalls` are in the window. */
  failureRate: z.number().gt(0).max(1),
  window: z.number().int().positive().max(10_000),
  minimumCalls: z.number().int().positive(),
  /** Stays open (calls fail fast) this long, then lets `halfOpenProbes` calls through. */
  openMs: z.number().int().positive(),
  halfOpenProbes: z.number().int().positive().max(100),
};
export const BREAKER_DEFAULT = {
  enabled: true,
  consecutiveFailures: 5,
  failureRate: 0.5,
  window: 20,
  minimumCalls: 10,
  openMs: 30_000,
  halfOpenProbes: 1,
};
export const breakersSchema = z
  .object({
    /** For every backend (upstream MCP server or OpenAPI backend, i.e. per OpenAPI host). */
    default: z.object(breakerFields).partial().strict().default({}),
    /** Per backend name: overrides of the default. */
    backends: z.record(z.string(), z.object(breakerFields).partial().strict()).default({}),
  })
  .strict();

const concurrencyFields = {
  /** Calls in flight to one backend from all agents together. */
  perBackend: z.number().int().positive(),
  /** Calls in flight to one backend from one agent. */
  perAgent: z.number().int().positive(),
};
export const CONCURRENCY_DEFAULT = { perBackend: 256, perAgent: 32 };
export const concurrencySchema = z
  .object({
    default: z.object(concurrencyFields).partial().strict().default({}),
    backends: z.record(z.string(), z.object(concurrencyFields).partial().strict()).default({}),
  })
  .strict();
export const sessionsSchema = z
  .object({
    /** Open MCP sessions (2025-11-25 era) per agent. */
    perAgent: z.number().int().positive().default(512),
    /** Open MCP sessions in this process. */
    total: z.number().int().positive().default(10_000),
  })
  .strict();

const FAILED_AUTH_DEFAULT = { enabled: true, limit: 30, per: 'minute' as const };

export const limitsConfigSchema = z
  .object({
    rate: z.array(rateRuleSchema).default([]),
    quotas: z.array(quotaSchema).default([]),
    failedAuth: failedAuthSchema.default(FAILED_AUTH_DEFAULT),
    /** Circuit breakers per backend. */
    breakers: breakersSchema.default({ default: {}, backends: {} }),
    /** Bulkheads: calls in flight per backend and per agent on a backend. */
    concurrency: concurrencySchema.default({ default: {}, backends: {} }),
    /** Caps on open sessions. */
    sessions: sessionsSchema.default({ perAgent: 512, total: 10_000 }),
  })
  .strict()
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    for (const [list, rules] of [
      ['rate', c.rate],
      ['quotas', c.quotas],
    ] as const) {
      rules.forEach((r, i) => {
        if (seen.has(r.name))
          ctx.addIssue({ code: 'custom', path: [list, i, 'name'], message: `duplicate limit name "${r.name}"` });
        seen.add(r.name);
      });
    }
  });

export type LimitsConfig = z.infer<typeof limitsConfigSchema>;
export type RateRule = z.infer<typeof rateRuleSchema>;
export type QuotaRule = z.infer<typeof quotaSchema>;
export const limitsDefaults: LimitsConfig = limitsConfigSchema.parse({});

/** Token bucket parameters of a rule. */
export const bucketOf = (b: { limit: number; per: keyof typeof periodMs; burst?: number | undefined }) => ({
  capacity: b.burst ?? b.limit,
  refillPerMs: b.limit / periodMs[b.per],
});

/** The breaker options of one backend: built-in defaults < `breakers.default` < `breakers.backends.<name>`. */
export const breakerOptionsFor = (cfg: LimitsConfig, backend: string) => ({
  ...BREAKER_DEFAULT,
  ...cfg.breakers.default,
  ...cfg.breakers.backends[backend],
});

/** The concurrency caps of one backend: built-in defaults < `concurrency.default` < `concurrency.backends.<name>`. */
export const concurrencyFor = (cfg: LimitsConfig, backend: string) => ({
  ...CONCURRENCY_DEFAULT,
  ...cfg.concurrency.default,
  ...cfg.concurrency.backends[backend],
});
