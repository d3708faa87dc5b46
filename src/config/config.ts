import { z } from 'zod';
import { openApiBackendConfigSchema } from '../backends/openapi/config.js';
import { riskConfigSchema } from '../risk/overrides.js';
import { auditConfigSchema } from '../audit/config-schema.js';
import { policyConfigSchema } from '../policy/config-schema.js';
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
    /** Roles and rules (tool/prompt/resource globs, backend, risk, CEL conditions) on top of per-agent globs. */
    policy: policyConfigSchema.default({ roles: {}, rules: [] }),
    /** Tamper-evident audit log: checkpoints, redaction, sinks, retention, fail mode. */
    audit: auditConfigSchema.default(auditConfigSchema.parse({})),
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
