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
  /**
   * Ed25519 private key (PEM) for checkpoints; default <dataDir>/audit-signing-key.pem, created 0600 on first use.
   * Recommended: a path outside dataDir (another volume), or signingKeyEnv.
   */
  signingKeyPath: z.string().optional(),
  /** Name of an environment variable holding the PEM private key (instead of a file). */
  signingKeyEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
    .optional(),
  /**
   * Append-only file outside dataDir that receives every signed checkpoint (default: next to dataDir,
   * `<dataDir>.audit-anchor.jsonl`). Put it on another volume, or make it append-only (chattr +a).
   */
  anchorPath: z.string().optional(),
  /** A signed checkpoint every N records or every `ms` with activity: the most that can go unnoticed if cut off. */
  checkpointEvery: z
    .strictObject({ records: z.number().int().min(1).default(1000), ms: z.number().int().min(1000).default(1000) })
    .default({ records: 1000, ms: 1000 }),
  /** Where SQLite commits run: a writer thread (default; the event loop never waits for the disk or a lock) or the calling thread. */
  writer: z.enum(['main', 'worker']).default('worker'),
  /** How long a commit waits for a lock held by another process before its calls are refused (and spooled). */
  busyTimeoutMs: z.number().int().min(0).max(5000).default(250),
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
