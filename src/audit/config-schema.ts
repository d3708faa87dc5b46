import { z } from 'zod';
import { detectorIds } from './redaction/detectors.js';

/** Zod schema of the `audit:` config section (validated when the config loads, never per event). */

const mode = z.enum(['mask', 'hmac', 'drop']);
const modeOrOff = z.enum(['mask', 'hmac', 'drop', 'off']);

export const redactionConfigSchema = z
  .object({
    detectors: z.partialRecord(z.enum(detectorIds), modeOrOff).optional(),
    sensitiveKeys: modeOrOff.optional(),
    secretValues: mode.optional(),
    tools: z.record(z.string().min(1), z.array(z.strictObject({ path: z.string().min(1), mode }))).optional(),
    /** File holding the HMAC key for mode "hmac"; default <dataDir>/audit-hmac.key (created 0600). */
    hmacKeyPath: z.string().optional(),
  })
  .strict();

const sinkCommon = {
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/)
    .optional(),
  bufferSize: z.number().int().min(1).max(1_000_000).default(10_000),
  batchSize: z.number().int().min(1).max(10_000).default(200),
};

export const sinkConfigSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('stdout'), ...sinkCommon }),
  z.strictObject({
    type: z.literal('file'),
    ...sinkCommon,
    path: z.string().min(1),
    maxBytes: z
      .number()
      .int()
      .min(1024)
      .default(100 * 1024 * 1024),
    maxFiles: z.number().int().min(1).max(1000).default(5),
  }),
  z.strictObject({
    type: z.literal('webhook'),
    ...sinkCommon,
    url: z.url({ protocol: /^https?$/ }),
    headers: z.record(z.string(), z.string()).optional(),
    timeoutMs: z.number().int().min(100).default(10_000),
  }),
  z.strictObject({
    type: z.literal('syslog'),
    ...sinkCommon,
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535),
    tls: z
      .union([
        z.boolean(),
        z.strictObject({
          ca: z.string().optional(),
          servername: z.string().optional(),
          rejectUnauthorized: z.boolean().optional(),
        }),
      ])
      .default(false),
    facility: z.number().int().min(0).max(23).default(13),
    appName: z.string().default('portcullis'),
    connectTimeoutMs: z.number().int().min(100).default(5000),
  }),
]);

export const retentionConfigSchema = z
  .strictObject({
    maxAgeDays: z.number().positive().optional(),
    maxRecords: z.number().int().min(1).optional(),
    /** How often the policy is applied. Default hourly. */
    intervalMs: z.number().int().min(1000).default(3_600_000),
  })
  .refine((r) => r.maxAgeDays !== undefined || r.maxRecords !== undefined, { message: 'set maxAgeDays or maxRecords' });

export const auditConfigSchema = z.strictObject({
  /** Ed25519 private key (PEM) for checkpoints; default <dataDir>/audit-signing-key.pem, created 0600 on first use. */
  signingKeyPath: z.string().optional(),
  checkpointEvery: z
    .strictObject({ records: z.number().int().min(1).default(1000), ms: z.number().int().min(1000).default(60_000) })
    .default({ records: 1000, ms: 60_000 }),
  /** Where SQLite commits run: the calling thread (default) or a writer thread, so a slow fsync never blocks requests. */
  writer: z.enum(['main', 'worker']).default('main'),
  /** closed (default): no audit, no call. open: calls proceed while the store is down, with a loud warning and a gap marker. */
  failMode: z.enum(['closed', 'open']).default('closed'),
  redaction: redactionConfigSchema.optional(),
  sinks: z.array(sinkConfigSchema).default([]),
  retention: retentionConfigSchema.optional(),
});

export type AuditConfig = z.output<typeof auditConfigSchema>;
export type RedactionSettings = z.output<typeof redactionConfigSchema>;
export type SinkConfig = z.input<typeof sinkConfigSchema>;
export type RetentionConfig = z.input<typeof retentionConfigSchema>;
