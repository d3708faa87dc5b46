/** Config of one entry of the `openapi:` map (the map key is the backend name). */
import { z } from 'zod';
import { onBehalfOfSchema } from './on-behalf-of.js';
import { openApiHeadersSchema } from './extra-headers.js';
import { compileProblem, globLengthProblem, globPattern } from '../../core/glob-pattern.js';
import { foldName } from '../../policy/glob.js';
import { compileFilter } from './filters.js';

/**
 * An include or exclude pattern: compiled here as the importer compiles it (an exclude folded), so a pattern the
 * importer would throw on is refused when the config loads.
 */
const filterPattern = globPattern((p) => {
  const subject = { method: 'GET', path: '/x', operationId: 'x', tags: ['x'], name: 'x' };
  return (
    globLengthProblem(p, foldName(p)) ??
    compileProblem(() => {
      const include = compileFilter(p);
      const exclude = compileFilter(p, true);
      return () => include(subject) || exclude(subject);
    })
  );
});

const credentialRef = z
  .string()
  .regex(
    /^(?:[A-Za-z_][A-Za-z0-9_]*|\$\{secret:[A-Za-z_][A-Za-z0-9_.-]{0,127}\})$/,
    'must be an environment variable name or a ${secret:NAME} reference',
  );

export const openApiAuthSchema = z
  .object({
    /**
     * The secret value: `${secret:NAME}` (resolved through the `vault:` provider at call time) or, as before,
     * the name of an environment variable.
     */
    credential: credentialRef.describe(
      'The secret: ${secret:NAME} (vault provider, resolved per call) or an environment variable name',
    ),
    /** OAuth2 client credentials: the client id (the credential is the client secret). */
    clientId: z
      .string()
      .min(1)
      .optional()
      .describe(
        'OAuth2 client credentials: the client id (credential is the client secret); tokens are fetched and refreshed',
      ),
    /** OAuth2 client credentials: token URL (defaults to the spec's). */
    tokenUrl: z.url().optional().describe('OAuth2 token endpoint (default: the spec’s tokenUrl)'),
    scopes: z.array(z.string()).optional().describe('OAuth2 scopes to request'),
    /** Defines an API key placement that the spec does not declare (e.g. Slack's `token` parameter). */
    in: z
      .enum(['header', 'query', 'cookie'])
      .optional()
      .describe('Where a credential the spec does not declare goes: header, query or cookie (with name)'),
    name: z.string().min(1).optional().describe('Parameter name of that credential (with in); agents can never set it'),
  })
  .strict()
  .refine((a) => (a.in === undefined) === (a.name === undefined), { message: '"in" and "name" go together' })
  .meta({ dependentRequired: { in: ['name'], name: ['in'] } });

export const openApiBackendConfigSchema = z
  .object({
    /** Path (relative to the config file's directory) or http(s) URL of the OpenAPI document. */
    spec: z
      .string()
      .min(1)
      .describe('Path (relative to this file) or http(s) URL of the OpenAPI 3.x / Swagger 2.0 document'),
    /** Replaces the spec's server URLs; requests go only to this origin. */
    baseUrl: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('Replaces the spec’s server URLs; requests go only to this origin and path'),
    include: z
      .array(filterPattern)
      .optional()
      .describe('Only these operations become tools (operationId, method:path or tag globs)'),
    exclude: z.array(filterPattern).optional().describe('Operations left out (same patterns as include)'),
    timeoutMs: z
      .number()
      .int()
      .positive()
      .max(600_000)
      .default(30_000)
      .describe('Whole-request timeout in milliseconds'),
    connectTimeoutMs: z
      .number()
      .int()
      .positive()
      .max(120_000)
      .default(10_000)
      .describe('Connection timeout in milliseconds'),
    maxResponseBytes: z
      .number()
      .int()
      .positive()
      .max(100 * 1024 * 1024)
      .default(1024 * 1024)
      .describe('Largest response body read; more is cut off and marked truncated'),
    /** Allow loopback, link-local and private-network targets (never cloud metadata addresses). */
    allowPrivateNetwork: z
      .boolean()
      .default(false)
      .describe('Allow loopback and private-network targets (cloud metadata addresses stay refused)'),
    /** Security scheme name (from the spec) -> credential. */
    auth: z
      .record(z.string().min(1), openApiAuthSchema)
      .optional()
      .describe('Security scheme name (from the spec) -> its credential'),
    /** Headers sent on every request (values may hold `${secret:NAME}`, resolved per request); see extra-headers.ts. */
    headers: openApiHeadersSchema.optional(),
    /** Forward the user the agent acts for: as headers, and/or by RFC 8693 token exchange (docs/authentication.md). */
    onBehalfOf: onBehalfOfSchema
      .optional()
      .describe('Call the API for the user the agent acts for: forwarded headers and/or RFC 8693 token exchange'),
  })
  .strict();

export type OpenApiBackendConfig = z.input<typeof openApiBackendConfigSchema>;
export type ResolvedOpenApiBackendConfig = z.output<typeof openApiBackendConfigSchema>;
export type OpenApiAuthConfig = z.output<typeof openApiAuthSchema>;
