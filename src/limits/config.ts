import { z } from 'zod';
import { compileProblem, globLengthProblem, globPattern } from '../core/glob-pattern.js';
import { foldName } from '../policy/glob.js';
import { limitGlob } from './glob.js';

/** Zod schema of the `limits:` config section (validated when the config loads, never per call). */

const period = z.enum(['second', 'minute', 'hour', 'day']);
export const periodMs = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
/** Compiled as the limiter compiles it (folded: `picomatch(foldName(p))`, so that form is bounded too). */
const globs = z
  .array(globPattern((p) => globLengthProblem(p, foldName(p)) ?? compileProblem(() => limitGlob(p))))
  .min(1)
  .optional();
const globsFor = (what: string) => globs.describe(`Globs over ${what}; the rule applies only to matching calls`);
const ruleName = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, ".", "_" or "-"')
  .describe('Unique name of the rule (shown in denials and the audit log)');

/** A token bucket: `limit` tokens per `per`, holding at most `burst` (default `limit`). */
const bucketShape = {
  limit: z.number().int().positive().describe('Tokens (calls) added per period'),
  per: period.describe('The period: second, minute, hour or day'),
  burst: z.number().int().positive().optional().describe('Most tokens the bucket holds (default: limit)'),
};

export const rateRuleSchema = z
  .object({
    name: ruleName,
    /** Which calls the rule applies to (each an optional glob list; all must match). */
    agents: globsFor('agent names'),
    users: globsFor('user names'),
    tools: globsFor('namespaced tool names'),
    risk: z
      .array(z.enum(['low', 'medium', 'high']))
      .min(1)
      .optional()
      .describe('Risk levels the rule applies to'),
    /** What gets its own bucket. `user` falls back to the agent when a call carries no user. */
    key: z
      .enum(['agent', 'user', 'tool', 'agent+tool', 'global'])
      .default('agent')
      .describe('What gets its own bucket; user falls back to the agent when a call carries no user'),
    ...bucketShape,
  })
  .strict();

export const quotaSchema = z
  .object({
    name: ruleName,
    agents: globsFor('agent names'),
    tools: globsFor('namespaced tool names'),
    /** Calls per agent per UTC day / calendar month (UTC). */
    daily: z.number().int().positive().optional().describe('Calls per agent per UTC day'),
    monthly: z.number().int().positive().optional().describe('Calls per agent per calendar month (UTC)'),
  })
  .strict()
  .refine((q) => q.daily !== undefined || q.monthly !== undefined, { message: 'set daily, monthly or both' })
  .meta({ anyOf: [{ required: ['daily'] }, { required: ['monthly'] }] });

export const failedAuthSchema = z
  .object({
    /** Failed authentication attempts per source address; when spent, the source gets 429 until it refills. */
    enabled: z
      .boolean()
      .default(true)
      .describe('Budget failed authentications per source address; when spent, the source gets 429 until it refills'),
    ...bucketShape,
  })
  .strict();

const breakerFields = {
  enabled: z.boolean().describe('Use a circuit breaker (default true)'),
  /** Opens after this many backend failures in a row... */
  consecutiveFailures: z.number().int().positive().describe('Opens after this many backend failures in a row (5)'),
  /** ...or when this share of the last `window` calls failed, once `minimumCalls` are in the window. */
  failureRate: z
    .number()
    .gt(0)
    .max(1)
    .describe('...or when this share of the last `window` calls failed, once minimumCalls are in it (0.5)'),
  window: z.number().int().positive().max(10_000).describe('Calls in the failure-rate window (20)'),
  minimumCalls: z.number().int().positive().describe('Calls needed in the window before the rate counts (10)'),
  /** Stays open (calls fail fast) this long, then lets `halfOpenProbes` calls through. */
  openMs: z.number().int().positive().describe('How long it stays open (calls fail fast), in ms (30000)'),
  halfOpenProbes: z.number().int().positive().max(100).describe('Probe calls let through when half-open (1)'),
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
    default: z
      .object(breakerFields)
      .partial()
      .strict()
      .default({})
      .describe('For every backend (an upstream MCP server, or an OpenAPI backend)'),
    /** Per backend name: overrides of the default. */
    backends: z
      .record(z.string(), z.object(breakerFields).partial().strict())
      .default({})
      .describe('Per backend name: overrides of the default'),
  })
  .strict();

const concurrencyFields = {
  /** Calls in flight to one backend from all agents together. */
  perBackend: z.number().int().positive().describe('Calls in flight to one backend from all agents together (256)'),
  /** Calls in flight to one backend from one agent. */
  perAgent: z.number().int().positive().describe('Calls in flight to one backend from one agent (32)'),
};
export const CONCURRENCY_DEFAULT = { perBackend: 256, perAgent: 32 };
export const concurrencySchema = z
  .object({
    default: z.object(concurrencyFields).partial().strict().default({}).describe('For every backend'),
    backends: z
      .record(z.string(), z.object(concurrencyFields).partial().strict())
      .default({})
      .describe('Per backend name: overrides of the default'),
  })
  .strict();
export const sessionsSchema = z
  .object({
    /** Open MCP sessions (2025-11-25 era) per agent. */
    perAgent: z.number().int().positive().default(512).describe('Open MCP sessions per agent'),
    /** Open MCP sessions in this process. */
    total: z.number().int().positive().default(10_000).describe('Open MCP sessions in this process'),
  })
  .strict();

const FAILED_AUTH_DEFAULT = { enabled: true, limit: 30, per: 'minute' as const };

const redisUrl = z
  .string()
  .refine((s) => /^rediss?:\/\/.+/.test(s), {
    message: 'must be redis://[user:password@]host[:port][/db] or rediss://… (TLS); use ${ENV} for the password',
  })
  .meta({ pattern: '^rediss?://.' })
  .describe('redis://[user:password@]host[:port][/db] or rediss://… (use ${ENV} for the password)');

/** Where rate-limit buckets and quota counters live (read at start-up only). */
export const limitStoreSchema = z
  .union([
    z.literal('memory'),
    z
      .object({
        redis: z
          .object({
            url: redisUrl,
            keyPrefix: z
              .string()
              .min(1)
              .max(128)
              .default('portcullis:limits:')
              .describe('Prefix of every key (default portcullis:limits:)'),
            timeoutMs: z
              .number()
              .int()
              .positive()
              .max(60_000)
              .default(500)
              .describe('Longest wait for Redis before a limited call is refused, in ms (500)'),
          })
          .strict()
          .describe('A Redis shared by every replica: one budget per rule across them'),
      })
      .strict(),
  ])
  .describe('memory (default: per process) or { redis: { url } } (shared by replicas); read at start-up only');
export type LimitStoreConfig = z.infer<typeof limitStoreSchema>;

export const limitsConfigSchema = z
  .object({
    rate: z
      .array(rateRuleSchema)
      .default([])
      .describe('Rate limits: token buckets over matching calls; every matching rule must have a token'),
    quotas: z.array(quotaSchema).default([]).describe('Daily and monthly call quotas per agent'),
    failedAuth: failedAuthSchema
      .default(FAILED_AUTH_DEFAULT)
      .describe('Failed-authentication budget per source address (default 30 per minute)'),
    /** Circuit breakers per backend. */
    breakers: breakersSchema.default({ default: {}, backends: {} }).describe('Circuit breakers per backend'),
    /** Bulkheads: calls in flight per backend and per agent on a backend. */
    concurrency: concurrencySchema
      .default({ default: {}, backends: {} })
      .describe('Bulkheads: calls in flight per backend, and per agent on a backend'),
    /** Caps on open sessions. */
    sessions: sessionsSchema.default({ perAgent: 512, total: 10_000 }).describe('Caps on open MCP sessions'),
    /** Where rate limits and quotas are counted: this process (default) or a Redis shared by every replica. */
    store: limitStoreSchema.default('memory'),
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
