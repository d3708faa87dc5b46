/** The `owners:` and `report:` config sections: who owns which tools, and the report's thresholds. */
import { z } from 'zod';
import { globProblem } from '../policy/glob.js';
import { globPattern } from '../core/glob-pattern.js';

/**
 * Owner of the tools whose namespaced name matches the glob (`billing_*: finance-platform@example.com`). The
 * first matching entry, in file order, names a tool's owner.
 */
export const ownersConfigSchema = z.record(globPattern(globProblem), z.string().min(1).max(200));

export const reportConfigSchema = z
  .object({
    /** An active API key older than this many days fails `auth.key-age`. */
    keyMaxAgeDays: z.number().int().min(1).default(90).describe('An active API key older than this fails auth.key-age'),
    /** The audit window: calls, keys and grants unused for this many days are reported as unused. */
    windowDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(30)
      .describe('Calls, keys and grants unused for this many days are reported as unused'),
    /** A vault secret not rotated for this many days fails `credentials.rotation`. */
    secretMaxAgeDays: z
      .number()
      .int()
      .min(1)
      .default(90)
      .describe('A vault secret not rotated for this many days fails credentials.rotation'),
    /**
     * A running gateway stores the score in the history this often (src/report/recorder.ts); gateways sharing a
     * store record once between them. 0 turns it off.
     */
    recordEveryMinutes: z
      .number()
      .int()
      .min(0)
      .max(10_080)
      .refine((m) => m === 0 || m >= 5, 'at least 5 minutes (each recording generates the report), or 0 for off')
      .meta({ anyOf: [{ const: 0 }, { minimum: 5 }] })
      .default(60)
      .describe('A running gateway stores the score in the history this often, in minutes (0: off)'),
  })
  .strict();

export type OwnersConfig = z.infer<typeof ownersConfigSchema>;
export type ReportConfig = z.infer<typeof reportConfigSchema>;
export const reportDefaults: ReportConfig = reportConfigSchema.parse({});
