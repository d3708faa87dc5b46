import { z } from 'zod';
import { openApiBackendConfigSchema } from '../backends/openapi/config.js';
import { riskConfigSchema } from '../risk/overrides.js';
import { auditConfigSchema } from '../audit/config-schema.js';
import { limitsConfigSchema, limitsDefaults } from '../limits/config.js';
import { backendName, baseConfigShape } from './schema.js';

/**
 * The whole `portcullis.yaml` model. Each capability owns its section's schema;
 * this file only composes them.
 */
export const configSchema = z
  .object({
    ...baseConfigShape,
    /** HTTP APIs imported from OpenAPI specs, served as tools `<name>_<operation>`. */
    openapi: z.record(backendName, openApiBackendConfigSchema).default({}),
    /** Pinned risk assessments and accepted poisoning findings, each with a required reason. */
    risk: riskConfigSchema.default({ overrides: [], accept: [] }),
    /** Tamper-evident audit log: checkpoints, redaction, sinks, retention, fail mode. */
    audit: auditConfigSchema.default(auditConfigSchema.parse({})),
    /** Rate limits, quotas and the failed-authentication budget per source address. */
    limits: limitsConfigSchema.default(limitsDefaults),
  })
  .strict()
  .superRefine((c, ctx) => {
    // Upstream and OpenAPI backend names share one namespace: a clash would let one shadow the other.
    for (const name of Object.keys(c.openapi)) {
      if (Object.hasOwn(c.upstreams, name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['openapi', name],
          message: `backend name "${name}" is also used under upstreams; names must be unique`,
        });
      }
    }
  });

export type PortcullisConfig = z.infer<typeof configSchema>;
