import { z } from 'zod';
import { compileProblem, globLengthProblem, globPattern } from '../core/glob-pattern.js';
import { detectorIds } from './redaction/detectors.js';
import { parsePath } from './redaction/paths.js';
import { redactionToolGlob } from './redaction/tool-glob.js';

/** Zod schema of the `audit:` config section (validated when the config loads, never per event). */

const mode = z.enum(['mask', 'hmac', 'drop']);
const modeOrOff = z.enum(['mask', 'hmac', 'drop', 'off']);

export const redactionConfigSchema = z
  .object({
    detectors: z
      .partialRecord(z.enum(detectorIds), modeOrOff)
      .optional()
      .describe('Per detector (card numbers, tokens, ...): mask, hmac, drop or off'),
    sensitiveKeys: modeOrOff
      .optional()
      .describe('Values under sensitive key names (password, token, ...): mask, hmac, drop or off'),
    secretValues: mode.optional().describe('Live secret values found anywhere: mask, hmac or drop'),
    tools: z
      .record(
        globPattern((p) => globLengthProblem(p) ?? compileProblem(() => redactionToolGlob(p))),
        z.array(
          z.strictObject({
            path: z
              .string()
              .min(1)
              .superRefine((path, ctx) => {
                // The redactor parses each path when the audit log opens: one it cannot parse is refused here.
                try {
                  parsePath(path);
                } catch (e) {
                  ctx.addIssue({ code: 'custom', message: (e as Error).message.replace(/^redaction: /, '') });
                }
              })
              .describe('JSON path in the arguments'),
            mode: mode.describe('mask, hmac or drop'),
          }),
        ),
      )
      .optional()
      .describe('Per tool: JSON paths in the arguments and how to redact them'),
    /** File holding the HMAC key for mode "hmac"; default <dataDir>/audit-hmac.key (created 0600). */
    hmacKeyPath: z.string().optional().describe('HMAC key file for mode hmac (default <dataDir>/audit-hmac.key, 0600)'),
  })
  .strict();

const sinkCommon = {
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/)
    .optional()
    .describe('Sink name (in status and metrics); default: its type'),
  bufferSize: z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(10_000)
    .describe('Records buffered while the sink is slow or down; older ones are dropped and counted'),
  batchSize: z.number().int().min(1).max(10_000).default(200).describe('Records sent per batch'),
};

export const sinkConfigSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('stdout').describe('stdout: one JSON line per record'), ...sinkCommon }),
  z.strictObject({
    type: z.literal('file').describe('file: JSON lines, rotated by size'),
    ...sinkCommon,
    path: z.string().min(1).describe('File path (relative to the config file)'),
    maxBytes: z
      .number()
      .int()
      .min(1024)
      .default(100 * 1024 * 1024)
      .describe('Rotate when the file reaches this size'),
    maxFiles: z.number().int().min(1).max(1000).default(5).describe('Rotated files kept'),
  }),
  z.strictObject({
    type: z.literal('webhook').describe('webhook: batches POSTed as JSON'),
    ...sinkCommon,
    url: z.url({ protocol: /^https?$/ }).describe('Receiver URL (http or https)'),
    headers: z.record(z.string(), z.string()).optional().describe('Headers sent with each batch (e.g. authorization)'),
    timeoutMs: z.number().int().min(100).default(10_000).describe('Request timeout in milliseconds'),
  }),
  z.strictObject({
    type: z.literal('syslog').describe('syslog: RFC 5424 over TCP or TLS'),
    ...sinkCommon,
    host: z.string().min(1).describe('Syslog server host'),
    port: z.number().int().min(1).max(65535).describe('Syslog server port'),
    tls: z
      .union([
        z.boolean(),
        z.strictObject({
          ca: z.string().optional().describe('CA certificate file (PEM) to trust'),
          servername: z.string().optional().describe('Server name for SNI and certificate checks'),
          rejectUnauthorized: z.boolean().optional().describe('Refuse an unverified certificate (default true)'),
        }),
      ])
      .default(false)
      .describe('true, or TLS options; false: plain TCP'),
    facility: z
      .number()
      .int()
      .min(0)
      .max(23)
      .default(13)
      .describe('Syslog facility number (0-23; default 13, log audit)'),
    appName: z.string().default('portcullis').describe('APP-NAME field of each message'),
    connectTimeoutMs: z.number().int().min(100).default(5000).describe('Connection timeout in milliseconds'),
  }),
]);

export const retentionConfigSchema = z
  .strictObject({
    maxAgeDays: z
      .number()
      .positive()
      .optional()
      .describe('Prune records older than this many days (kept verifiable from a signed checkpoint)'),
    maxRecords: z.number().int().min(1).optional().describe('Keep at most this many records'),
    /** How often the policy is applied. Default hourly. */
    intervalMs: z.number().int().min(1000).default(3_600_000).describe('How often retention is applied'),
  })
  .refine((r) => r.maxAgeDays !== undefined || r.maxRecords !== undefined, { message: 'set maxAgeDays or maxRecords' });

export const auditConfigSchema = z.strictObject({
  /**
   * Ed25519 private key (PEM) for checkpoints; default <dataDir>/audit-signing-key.pem, created 0600 on first use.
   * Recommended: a path outside dataDir (another volume), or signingKeyEnv.
   */
  signingKeyPath: z
    .string()
    .optional()
    .describe('Ed25519 PEM key that signs checkpoints (default <dataDir>/audit-signing-key.pem; better elsewhere)'),
  /** Name of an environment variable holding the PEM private key (instead of a file). */
  signingKeyEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
    .optional()
    .describe('Environment variable holding the PEM signing key (instead of a file)'),
  /**
   * Append-only file outside dataDir that receives every signed checkpoint (default: next to dataDir,
   * `<dataDir>.audit-anchor.jsonl`). Put it on another volume, or make it append-only (chattr +a).
   */
  anchorPath: z.string().optional().describe('Append-only file outside dataDir receiving every signed checkpoint'),
  /** A signed checkpoint every N records or every `ms` with activity: the most that can go unnoticed if cut off. */
  checkpointEvery: z
    .strictObject({
      records: z.number().int().min(1).default(1000).describe('Records between checkpoints'),
      ms: z.number().int().min(1000).default(1000).describe('Milliseconds between checkpoints while records arrive'),
    })
    .default({ records: 1000, ms: 1000 })
    .describe('A signed checkpoint every N records or every ms with activity'),
  /** Where SQLite commits run: a writer thread (default; the event loop never waits for the disk or a lock) or the calling thread. */
  writer: z
    .enum(['main', 'worker'])
    .default('worker')
    .describe('worker (a writer thread, default) or main (the calling thread)'),
  /** How long a commit waits for a lock held by another process before its calls are refused (and spooled). */
  busyTimeoutMs: z
    .number()
    .int()
    .min(0)
    .max(5000)
    .default(250)
    .describe('How long a commit waits for another process’s lock before calls are refused'),
  /** closed (default): no audit, no call. open: calls proceed while the store is down, with a loud warning and a gap marker. */
  failMode: z
    .enum(['closed', 'open'])
    .default('closed')
    .describe('closed (default): no audit, no call; open: calls go on with a warning and a gap marker'),
  redaction: redactionConfigSchema
    .optional()
    .describe('What is redacted from arguments and results before they are recorded'),
  sinks: z
    .array(sinkConfigSchema)
    .default([])
    .describe('Where records are copied besides the chain: stdout, file, webhook, syslog'),
  retention: retentionConfigSchema.optional().describe('How long records are kept'),
});

export type AuditConfig = z.output<typeof auditConfigSchema>;
export type RedactionSettings = z.output<typeof redactionConfigSchema>;
export type SinkConfig = z.input<typeof sinkConfigSchema>;
export type RetentionConfig = z.input<typeof retentionConfigSchema>;
