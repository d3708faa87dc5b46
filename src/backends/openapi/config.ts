/** Config of one entry of the `openapi:` map (the map key is the backend name). */
import { z } from 'zod';
import { onBehalfOfSchema } from './on-behalf-of.js';
import { openApiHeadersSchema } from './extra-headers.js';

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
    credential: credentialRef,
    /** OAuth2 client credentials: the client id (the credential is the client secret). */
    clientId: z.string().min(1).optional(),
    /** OAuth2 client credentials: token URL (defaults to the spec's). */
    tokenUrl: z.url().optional(),
    scopes: z.array(z.string()).optional(),
    /** Defines an API key placement that the spec does not declare (e.g. Slack's `token` parameter). */
    in: z.enum(['header', 'query', 'cookie']).optional(),
    name: z.string().min(1).optional(),
  })
  .strict()
  .refine((a) => (a.in === undefined) === (a.name === undefined), { message: '"in" and "name" go together' });

export const openApiBackendConfigSchema = z
  .object({
    /** Path (relative to the config file's directory) or http(s) URL of the OpenAPI document. */
    spec: z.string().min(1),
    /** Replaces the spec's server URLs; requests go only to this origin. */
    baseUrl: z.url({ protocol: /^https?$/ }).optional(),
    include: z.array(z.string().min(1)).optional(),
    exclude: z.array(z.string().min(1)).optional(),
    timeoutMs: z.number().int().positive().max(600_000).default(30_000),
    connectTimeoutMs: z.number().int().positive().max(120_000).default(10_000),
    maxResponseBytes: z
      .number()
      .int()
      .positive()
      .max(100 * 1024 * 1024)
      .default(1024 * 1024),
    /** Allow loopback, link-local and private-network targets (never cloud metadata addresses). */
    allowPrivateNetwork: z.boolean().default(false),
    /** Security scheme name (from the spec) -> credential. */
    auth: z.record(z.string().min(1), openApiAuthSchema).optional(),
    /** Headers sent on every request (values may hold `${secret:NAME}`, resolved per request); see extra-headers.ts. */
    headers: openApiHeadersSchema.optional(),
    /** Forward the user the agent acts for: as headers, and/or by RFC 8693 token exchange (docs/authentication.md). */
    onBehalfOf: onBehalfOfSchema.optional(),
  })
  .strict();

export type OpenApiBackendConfig = z.input<typeof openApiBackendConfigSchema>;
export type ResolvedOpenApiBackendConfig = z.output<typeof openApiBackendConfigSchema>;
export type OpenApiAuthConfig = z.output<typeof openApiAuthSchema>;
