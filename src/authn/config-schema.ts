import { z } from 'zod';

/**
 * Signature algorithms a token may use. Only asymmetric ones: `none` and HMAC (`HS*`) are not representable,
 * so a token signed with an issuer's public key used as an HMAC secret can never verify.
 */
export const asymmetricAlgs = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
] as const;

const claimNames = z
  .object({
    /** Claims naming the OAuth client, tried in order; the first present one maps to an agent. */
    agent: z.array(z.string().min(1)).min(1).default(['client_id', 'azp']),
    /** Claim with the user id (`sub`). Not taken as a user when it equals the client id (client-credentials). */
    user: z.string().min(1).default('sub'),
    email: z.string().min(1).default('email'),
    /** Claim with the user's groups (array of strings, or one string). */
    groups: z.string().min(1).default('groups'),
  })
  .strict();

export const oauthConfigSchema = z
  .object({
    /** The authorization server's issuer identifier; tokens must carry exactly this `iss`. */
    issuer: z.url(),
    /**
     * This gateway's resource identifier(s) (RFC 8707): tokens must name one in `aud`. The first one is advertised
     * as `resource` in the Protected Resource Metadata, so make it the public URL of `/mcp`.
     */
    audience: z.union([z.url(), z.array(z.url()).min(1)]).transform((a) => (Array.isArray(a) ? a : [a])),
    /** Where the issuer's signing keys are; discovered from the issuer's metadata when absent. */
    jwksUri: z.url().optional(),
    algorithms: z.array(z.enum(asymmetricAlgs)).min(1).default(['RS256', 'PS256', 'ES256', 'EdDSA']),
    /** Tolerance for `exp`, `nbf` and `iat`, in seconds. */
    clockSkewSeconds: z.number().int().min(0).max(300).default(30),
    /** Scopes every token must carry to use the gateway (403 insufficient_scope otherwise). */
    requiredScopes: z.array(z.string().min(1)).default([]),
    /** Scopes advertised in the Protected Resource Metadata (defaults to requiredScopes). */
    scopesSupported: z.array(z.string().min(1)).optional(),
    claims: claimNames.default(claimNames.parse({})),
    /** OAuth client id → agent name. A token from a client not listed here uses defaultAgent, or is refused. */
    clients: z.record(z.string().min(1), z.string().min(1)).default({}),
    /** Agent for tokens of any other client of this issuer (e.g. dynamically registered ones). */
    defaultAgent: z.string().min(1).optional(),
    /** RFC 7662 introspection for opaque (non-JWT) tokens; the gateway authenticates as this client. */
    introspection: z
      .object({
        endpoint: z.url(),
        clientId: z.string().min(1),
        clientSecret: z.string().min(1),
        /** How long an answer is reused (bounded by the token's own `exp`). */
        cacheSeconds: z.number().int().min(0).max(300).default(30),
      })
      .strict()
      .optional(),
  })
  .strict();

const sha256Fingerprint = z
  .string()
  .transform((s) => s.replace(/:/g, '').toUpperCase())
  .pipe(z.string().regex(/^[0-9A-F]{64}$/, 'must be a SHA-256 fingerprint (64 hex digits, ":" allowed)'));

const certIdentity = z
  .object({
    agent: z.string().min(1),
    /** Match the subject common name. */
    commonName: z.string().min(1).optional(),
    /** Match a subject alternative name, written as in the certificate (`DNS:bot.example`, `URI:spiffe://...`). */
    san: z.string().min(1).optional(),
    /** Match the certificate's SHA-256 fingerprint. */
    fingerprint: sha256Fingerprint.optional(),
  })
  .strict()
  .refine((m) => [m.commonName, m.san, m.fingerprint].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of commonName, san, fingerprint',
  });

export const mtlsConfigSchema = z
  .object({
    /** Refuse requests without a verified client certificate even if they carry another credential. */
    required: z.boolean().default(false),
    /** Which certificate is which agent; a verified certificate that matches none is refused (403). */
    identities: z.array(certIdentity).min(1),
    /** Revoked certificates, in addition to the CRL file (server.tls.crl). */
    revoked: z
      .object({
        fingerprints: z.array(sha256Fingerprint).default([]),
        /** Serial numbers in hex, as OpenSSL prints them. */
        serials: z
          .array(
            z.string().transform((s) =>
              s
                .replace(/:/g, '')
                .toUpperCase()
                .replace(/^0+(?=.)/, ''),
            ),
          )
          .default([]),
      })
      .strict()
      .default({ fingerprints: [], serials: [] }),
  })
  .strict();

/** `auth:` — how agents (MCP) and people (REST API) prove who they are. */
export const authConfigSchema = z
  .object({
    /** Portcullis API keys (`portcullis agents create`, `portcullis users create`). */
    apiKeys: z
      .object({ enabled: z.boolean().default(true) })
      .strict()
      .default({ enabled: true }),
    /** OAuth 2.1 resource server (MCP authorization spec): bearer JWTs, or opaque tokens with introspection. */
    oauth: oauthConfigSchema.optional(),
    /** Client certificates on the HTTPS listener (server.tls.clientCa). */
    mtls: mtlsConfigSchema.optional(),
  })
  .strict();

export type AuthConfig = z.infer<typeof authConfigSchema>;
export type OAuthConfig = z.infer<typeof oauthConfigSchema>;
export type MtlsConfig = z.infer<typeof mtlsConfigSchema>;
