import { z } from 'zod';
import { storageConfigSchema } from '../storage/config.js';
import { globProblem } from '../policy/glob.js';
import { globPattern } from '../core/glob-pattern.js';
import { sharedPool, upstreamPoolSchema } from '../backends/mcp/pool-config.js';

/** Backend and agent names become tool-name prefixes: no `_` so `<server>_<tool>` splits unambiguously. */
export const backendName = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,32}$/, 'must be 1-32 letters, digits or "-" (no "_": it separates server and tool)');

const stringMap = z.record(z.string(), z.string());

const reconnect = z
  .object({
    initialDelayMs: z
      .number()
      .int()
      .positive()
      .default(500)
      .describe('First reconnect delay, in ms (doubles after each failure)'),
    maxDelayMs: z.number().int().positive().default(30_000).describe('Longest reconnect delay, in ms'),
  })
  .strict()
  .describe('Reconnect backoff after the upstream goes down');

const upstreamCommon = {
  /** Per-call timeout towards this upstream. */
  timeoutMs: z.number().int().positive().default(60_000).describe('Per-call timeout towards this upstream, in ms'),
  /**
   * Largest message (a call's result) read from this upstream, enforced while reading: a larger result fails its own
   * call with a clear error and the connection stays up for everyone else. stdio lines and Streamable HTTP bodies or
   * events (not legacy sse); default 4 MiB.
   */
  maxResultBytes: z
    .number()
    .int()
    .min(1024)
    .default(4 * 1024 * 1024)
    .describe(
      'Largest result read from this upstream (stdio line, HTTP body or event; not legacy sse), in bytes; a larger one fails only its own call (4 MiB)',
    ),
  reconnect: reconnect.default({ initialDelayMs: 500, maxDelayMs: 30_000 }),
};

export const stdioUpstreamSchema = z
  .object({
    transport: z.literal('stdio').describe('stdio: the gateway spawns the server as a child process'),
    command: z.string().min(1).describe('Program to run'),
    args: z.array(z.string()).default([]).describe('Its arguments'),
    env: stringMap
      .default({})
      .describe('Environment of the child (on top of a minimal default); values may be ${secret:NAME}'),
    cwd: z.string().optional().describe('Working directory (relative to the config file; default: its directory)'),
    pool: upstreamPoolSchema.default(sharedPool),
    ...upstreamCommon,
  })
  .strict();

export const httpUpstreamSchema = z
  .object({
    transport: z.enum(['http', 'sse']).describe('http: Streamable HTTP; sse: the legacy HTTP+SSE transport'),
    url: z.url().describe("The upstream's MCP endpoint"),
    headers: stringMap
      .default({})
      .describe('Headers sent with every request; values may be ${secret:NAME}, resolved per request'),
    ...upstreamCommon,
  })
  .strict();

export const upstreamSchema = z.discriminatedUnion('transport', [stdioUpstreamSchema, httpUpstreamSchema]);

const globList = z.array(globPattern(globProblem)).default([]);

const allowList = (what: string) => globList.describe(`Globs over ${what} this agent may use (default deny)`);
const denyList = (what: string) => globList.describe(`Globs over ${what} refused even if allowed (deny wins)`);

export const agentSchema = z
  .object({
    description: z.string().optional().describe('What this agent is for (shown by portcullis agents list)'),
    /**
     * Tool permissions: glob patterns over namespaced tool names. Default deny; deny beats allow. Sensitive by
     * default: a glob never grants a `high` risk tool; name it exactly (or write a policy rule with risk: [high]).
     */
    tools: z
      .object({ allow: allowList('namespaced tool names'), deny: denyList('namespaced tool names') })
      .strict()
      .default({ allow: [], deny: [] })
      .describe('Tool permissions (a glob never grants a high-risk tool: name it exactly)'),
    /** Prompts: globs over namespaced prompt names (`<server>_<prompt>`). Default deny. */
    prompts: z
      .object({ allow: allowList('namespaced prompt names'), deny: denyList('namespaced prompt names') })
      .strict()
      .default({ allow: [], deny: [] })
      .describe('Prompt permissions (<server>_<prompt>)'),
    /** Resources: globs over `<server>:<normalised uri>` (`*` stays within a path segment, `**` crosses). Default deny. */
    resources: z
      .object({ allow: allowList('<server>:<normalised uri>'), deny: denyList('<server>:<normalised uri>') })
      .strict()
      .default({ allow: [], deny: [] })
      .describe('Resource permissions (* stays within a path segment, ** crosses)'),
  })
  .strict();

/** People who use the REST API (and, later, the dashboard). Keys: `portcullis users create NAME`. */
export const userSchema = z
  .object({
    roles: z
      .array(z.enum(['admin', 'auditor', 'approver']))
      .min(1)
      .describe('admin (everything), auditor (read the audit log and reports), approver (decide held calls)'),
    groups: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Groups this person belongs to (approval rules name groups; OAuth sign-ins take groups from the token)',
      ),
    identities: z
      .array(z.string().min(1).max(320))
      .default([])
      .describe(
        'What the identity provider calls this person (token sub and/or email): OAuth sign-ins match them, and calls ' +
          "agents make for any of them are this person's own, which they can never approve. Approvers who use a user " +
          'key need them to decide on calls made for OAuth users.',
      ),
  })
  .strict();

/** HTTPS listener. Paths are relative to the config file. */
export const tlsSchema = z
  .object({
    /** Server certificate chain (PEM). */
    cert: z.string().min(1).describe('Server certificate chain (PEM file)'),
    /** Server private key (PEM). */
    key: z.string().min(1).describe('Server private key (PEM file)'),
    /** CA certificate(s) (PEM) that client certificates must chain to; enables mTLS (see auth.mtls). */
    clientCa: z
      .string()
      .min(1)
      .optional()
      .describe('CA certificate(s) (PEM) client certificates must chain to; enables mTLS (auth.mtls)'),
    /** Certificate revocation list(s) (PEM) from that CA; a revoked client certificate is refused. */
    crl: z.string().min(1).optional().describe('Certificate revocation list(s) (PEM) of that CA'),
  })
  .strict();

export const serverSchema = z
  .object({
    host: z.string().default('127.0.0.1').describe('Address to listen on (default loopback only)'),
    port: z.number().int().min(0).max(65535).default(8080).describe('Port to listen on (0: any free port)'),
    /** Host header values accepted (DNS-rebinding protection). Defaults to loopback names when bound to loopback. */
    allowedHosts: z
      .array(z.string())
      .optional()
      .describe('Host header values accepted (DNS-rebinding protection); default: loopback names on loopback'),
    /** Origin header values accepted from browsers. Requests without Origin are allowed. */
    allowedOrigins: z
      .array(z.string())
      .optional()
      .describe('Origin header values accepted from browsers; requests without Origin are allowed'),
    maxBodyBytes: z
      .number()
      .int()
      .positive()
      .default(1024 * 1024)
      .describe('Largest request body accepted, in bytes (1 MiB)'),
    requestTimeoutMs: z.number().int().positive().default(120_000).describe('Time allowed for one request, in ms'),
    /** Connections held open at once; past it a new one is closed as accepted (file descriptors are finite). */
    maxConnections: z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .default(4096)
      .describe(
        'Connections the listener holds open at once (default 4096, 1 to 1000000); past it a new connection is closed as it is accepted, before any work, counted in portcullis_connections_refused_total and logged at most once a minute',
      ),
    /** A 2025-11-25 MCP session unused this long ends (and lets go of its resource subscriptions). */
    sessionIdleTimeoutMs: z
      .number()
      .int()
      .min(1000)
      .default(30 * 60_000)
      .describe(
        'A 2025-11-25 MCP session with no request for this long ends and lets go of its subscriptions, in ms (default 30 minutes; at least 1000)',
      ),
    /** Serve Prometheus metrics at GET /metrics on this listener (Host-checked; a bearer token off loopback). */
    metrics: z
      .boolean()
      .default(false)
      .describe(
        'Serve Prometheus metrics at GET /metrics (Host/Origin-checked; a listener off loopback needs server.metricsToken)',
      ),
    /** Bearer token the scraper sends to GET /metrics (Prometheus `authorization.credentials_file`). */
    metricsToken: z
      .string()
      .min(32, 'at least 32 characters (e.g. openssl rand -hex 32)')
      .optional()
      .describe(
        'Bearer token the scraper must send to GET /metrics (at least 32 characters; use ${METRICS_TOKEN}); required when the listener is not loopback',
      ),
    /** Serve HTTPS (and accept client certificates) instead of plain HTTP. */
    tls: tlsSchema
      .optional()
      .describe(
        'Serve HTTPS (and accept client certificates) instead of plain HTTP; paths relative to the config file',
      ),
  })
  .strict();

export const baseConfigShape = {
  /** Where the embedded store lives; relative paths are relative to the config file. */
  dataDir: z
    .string()
    .default('.portcullis')
    .describe('Directory of the embedded store and vault (relative to the config file)'),
  /** Where keys, the audit chain and other state live: embedded SQLite under dataDir (default) or PostgreSQL. */
  storage: storageConfigSchema.default('sqlite'),
  server: serverSchema.default(serverSchema.parse({})).describe('The HTTP(S) listener: /mcp, REST API, health'),
  upstreams: z
    .record(backendName, upstreamSchema)
    .default({})
    .describe('Upstream MCP servers (stdio, Streamable HTTP, SSE); their tools are served as <name>_<tool>'),
  agents: z
    .record(z.string().regex(/^[A-Za-z0-9._-]{1,64}$/), agentSchema)
    .default({})
    .describe('Agent identities and their permissions; keys: portcullis agents create NAME'),
  users: z
    .record(z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/), userSchema)
    .default({})
    .describe('People who use the REST API and dashboard, with their roles; keys: portcullis users create NAME'),
};

export type StdioUpstreamConfig = z.infer<typeof stdioUpstreamSchema>;
export type HttpUpstreamConfig = z.infer<typeof httpUpstreamSchema>;
export type UpstreamConfig = z.infer<typeof upstreamSchema>;
export type AgentConfig = z.infer<typeof agentSchema>;
export type ServerConfig = z.infer<typeof serverSchema>;
export type TlsConfig = z.infer<typeof tlsSchema>;
export type UserConfig = z.infer<typeof userSchema>;
