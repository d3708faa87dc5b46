import { z } from 'zod';
import { storageConfigSchema } from '../storage/config.js';
import { globProblem } from '../policy/glob.js';

/** Backend and agent names become tool-name prefixes: no `_` so `<server>_<tool>` splits unambiguously. */
export const backendName = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,32}$/, 'must be 1-32 letters, digits or "-" (no "_": it separates server and tool)');

const stringMap = z.record(z.string(), z.string());

const reconnect = z
  .object({
    initialDelayMs: z.number().int().positive().default(500),
    maxDelayMs: z.number().int().positive().default(30_000),
  })
  .strict();

const upstreamCommon = {
  /** Per-call timeout towards this upstream. */
  timeoutMs: z.number().int().positive().default(60_000),
  /**
   * Largest message (a call's result) read from this upstream, enforced while reading: a larger result fails its own
   * call with a clear error and the connection stays up for everyone else. stdio upstreams; default 4 MiB.
   */
  maxResultBytes: z
    .number()
    .int()
    .min(1024)
    .default(4 * 1024 * 1024),
  reconnect: reconnect.default({ initialDelayMs: 500, maxDelayMs: 30_000 }),
};

export const stdioUpstreamSchema = z
  .object({
    transport: z.literal('stdio'),
    command: z.string().min(1),
    args: z.array(z.string()).default([]),
    env: stringMap.default({}),
    cwd: z.string().optional(),
    ...upstreamCommon,
  })
  .strict();

export const httpUpstreamSchema = z
  .object({
    transport: z.enum(['http', 'sse']),
    url: z.url(),
    headers: stringMap.default({}),
    ...upstreamCommon,
  })
  .strict();

export const upstreamSchema = z.discriminatedUnion('transport', [stdioUpstreamSchema, httpUpstreamSchema]);

const globList = z
  .array(
    z
      .string()
      .min(1)
      .superRefine((p, ctx) => {
        const problem = globProblem(p);
        if (problem) ctx.addIssue({ code: 'custom', message: `pattern "${p}": ${problem}` });
      }),
  )
  .default([]);

export const agentSchema = z
  .object({
    description: z.string().optional(),
    /**
     * Tool permissions: glob patterns over namespaced tool names. Default deny; deny beats allow. Sensitive by
     * default: a glob never grants a `high` risk tool; name it exactly (or write a policy rule with risk: [high]).
     */
    tools: z.object({ allow: globList, deny: globList }).strict().default({ allow: [], deny: [] }),
    /** Prompts: globs over namespaced prompt names (`<server>_<prompt>`). Default deny. */
    prompts: z.object({ allow: globList, deny: globList }).strict().default({ allow: [], deny: [] }),
    /** Resources: globs over `<server>:<normalised uri>` (`*` stays within a path segment, `**` crosses). Default deny. */
    resources: z.object({ allow: globList, deny: globList }).strict().default({ allow: [], deny: [] }),
  })
  .strict();

/** People who use the REST API (and, later, the dashboard). Keys: `portcullis users create NAME`. */
export const userSchema = z
  .object({
    roles: z.array(z.enum(['admin', 'auditor', 'approver'])).min(1),
    /** Groups this person belongs to (approval rules name groups; OAuth sign-ins take groups from the token). */
    groups: z.array(z.string().min(1)).default([]),
  })
  .strict();

/** HTTPS listener. Paths are relative to the config file. */
export const tlsSchema = z
  .object({
    /** Server certificate chain (PEM). */
    cert: z.string().min(1),
    /** Server private key (PEM). */
    key: z.string().min(1),
    /** CA certificate(s) (PEM) that client certificates must chain to; enables mTLS (see auth.mtls). */
    clientCa: z.string().min(1).optional(),
    /** Certificate revocation list(s) (PEM) from that CA; a revoked client certificate is refused. */
    crl: z.string().min(1).optional(),
  })
  .strict();

export const serverSchema = z
  .object({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(8080),
    /** Host header values accepted (DNS-rebinding protection). Defaults to loopback names when bound to loopback. */
    allowedHosts: z.array(z.string()).optional(),
    /** Origin header values accepted from browsers. Requests without Origin are allowed. */
    allowedOrigins: z.array(z.string()).optional(),
    maxBodyBytes: z
      .number()
      .int()
      .positive()
      .default(1024 * 1024),
    requestTimeoutMs: z.number().int().positive().default(120_000),
    /** Serve Prometheus metrics at GET /metrics on this listener (no authentication: expose it only to the scraper). */
    metrics: z
      .boolean()
      .default(false)
      .describe('Serve Prometheus metrics at GET /metrics (unauthenticated: reachable by whoever reaches this port)'),
    /** Serve HTTPS (and accept client certificates) instead of plain HTTP. */
    tls: tlsSchema.optional(),
  })
  .strict();

export const baseConfigShape = {
  /** Where the embedded store lives; relative paths are relative to the config file. */
  dataDir: z.string().default('.portcullis'),
  /** Where keys, the audit chain and other state live: embedded SQLite under dataDir (default) or PostgreSQL. */
  storage: storageConfigSchema.default('sqlite'),
  server: serverSchema.default(serverSchema.parse({})),
  upstreams: z.record(backendName, upstreamSchema).default({}),
  agents: z.record(z.string().regex(/^[A-Za-z0-9._-]{1,64}$/), agentSchema).default({}),
  users: z.record(z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/), userSchema).default({}),
};

export type StdioUpstreamConfig = z.infer<typeof stdioUpstreamSchema>;
export type HttpUpstreamConfig = z.infer<typeof httpUpstreamSchema>;
export type UpstreamConfig = z.infer<typeof upstreamSchema>;
export type AgentConfig = z.infer<typeof agentSchema>;
export type ServerConfig = z.infer<typeof serverSchema>;
export type TlsConfig = z.infer<typeof tlsSchema>;
export type UserConfig = z.infer<typeof userSchema>;
