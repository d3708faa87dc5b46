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
    agent: z
      .array(z.string().min(1))
      .min(1)
      .default(['client_id', 'azp'])
      .describe('Claims naming the OAuth client, tried in order; the first present one maps to an agent'),
    /** Claim with the user id (`sub`). Not taken as a user when it equals the client id (client-credentials). */
    user: z
      .string()
      .min(1)
      .default('sub')
      .describe('Claim with the user id; not taken as a user when it equals the client id (client credentials)'),
    email: z.string().min(1).default('email').describe("Claim with the user's e-mail address"),
    /**
     * Claim that must be `true` for the e-mail claim to name a person (OpenID Connect's `email_verified`); `false`
     * trusts the e-mail claim as it is, only for an IdP where nobody can set their own address.
     */
    emailVerified: z
      .union([z.string().min(1), z.literal(false)])
      .default('email_verified')
      .describe(
        'Claim that must be true for the e-mail claim to name a person; false trusts the e-mail claim as it is (only for an IdP where nobody can set their own address)',
      ),
    /** Claim with the user's groups (array of strings, or one string). */
    groups: z
      .string()
      .min(1)
      .default('groups')
      .describe("Claim with the user's groups (a list of strings, or one string)"),
  })
  .strict()
  .describe('Which token claims name the agent, the user, the e-mail and the groups');

export const oauthConfigSchema = z
  .object({
    /** The authorization server's issuer identifier; tokens must carry exactly this `iss`. */
    issuer: z.url().describe("The authorization server's issuer identifier; tokens must carry exactly this iss"),
    /**
     * This gateway's resource identifier(s) (RFC 8707): tokens must name one in `aud`. The first one is advertised
     * as `resource` in the Protected Resource Metadata, so make it the public URL of `/mcp`.
     */
    audience: z
      .union([z.url(), z.array(z.url()).min(1)])
      .transform((a) => (Array.isArray(a) ? a : [a]))
      .describe(
        "This gateway's resource identifier(s) (RFC 8707), required in aud; the first is advertised: use the public URL of /mcp",
      ),
    /** Where the issuer's signing keys are; discovered from the issuer's metadata when absent. */
    jwksUri: z.url().optional().describe("The issuer's signing keys (JWKS); discovered from its metadata when absent"),
    algorithms: z
      .array(z.enum(asymmetricAlgs))
      .min(1)
      .default(['RS256', 'PS256', 'ES256', 'EdDSA'])
      .describe('Accepted token signature algorithms (asymmetric only)'),
    /** Tolerance for `exp`, `nbf` and `iat`, in seconds. */
    clockSkewSeconds: z
      .number()
      .int()
      .min(0)
      .max(300)
      .default(30)
      .describe('Tolerance for exp, nbf and iat, in seconds'),
    /**
     * How long the fetched JWKS is trusted before the next token makes the gateway fetch it again: the longest a key
     * the IdP withdrew (a compromised one) is still accepted. A token naming an unknown key id refetches sooner.
     */
    jwksMaxAgeSeconds: z
      .number()
      .int()
      .min(5)
      .max(3600)
      .default(60)
      .describe('Seconds a fetched JWKS is trusted: the longest a key withdrawn at the IdP is still accepted'),
    /** Scopes every token must carry to use the gateway (403 insufficient_scope otherwise). */
    requiredScopes: z
      .array(z.string().min(1))
      .default([])
      .describe('Scopes every token must carry (403 insufficient_scope otherwise)'),
    /** Scopes advertised in the Protected Resource Metadata (defaults to requiredScopes). */
    scopesSupported: z
      .array(z.string().min(1))
      .optional()
      .describe('Scopes advertised in the Protected Resource Metadata (default: requiredScopes)'),
    claims: claimNames.default(claimNames.parse({})),
    /** OAuth client id → agent name. A token from a client not listed here uses defaultAgent, or is refused. */
    clients: z
      .record(z.string().min(1), z.string().min(1))
      .default({})
      .describe('OAuth client id → agent name; tokens of other clients use defaultAgent or are refused'),
    /** Agent for tokens of any other client of this issuer (e.g. dynamically registered ones). */
    defaultAgent: z
      .string()
      .min(1)
      .optional()
      .describe('Agent for tokens of any other client of this issuer (e.g. dynamically registered ones)'),
    /** RFC 7662 introspection for opaque (non-JWT) tokens; the gateway authenticates as this client. */
    introspection: z
      .object({
        endpoint: z.url().describe('RFC 7662 introspection endpoint'),
        clientId: z.string().min(1).describe('Client id the gateway authenticates with at the endpoint'),
        clientSecret: z.string().min(1).describe('Its client secret (use ${ENV}; never written in the file)'),
        /** How long an answer is reused (bounded by the token's own `exp`). */
        cacheSeconds: z
          .number()
          .int()
          .min(0)
          .max(300)
          .default(30)
          .describe("How long an answer is reused, in seconds (bounded by the token's own exp)"),
      })
      .strict()
      .optional()
      .describe('Introspection for opaque (non-JWT) tokens'),
  })
  .strict()
  .describe('OAuth 2.1 resource server (MCP authorization spec): bearer JWTs, or opaque tokens with introspection');

const sha256Fingerprint = z
  .string()
  .transform((s) => s.replace(/:/g, '').toUpperCase())
  .pipe(z.string().regex(/^[0-9A-F]{64}$/, 'must be a SHA-256 fingerprint (64 hex digits, ":" allowed)'));

const certIdentity = z
  .object({
    agent: z.string().min(1).describe('Agent this certificate authenticates as'),
    /** Match the subject common name. */
    commonName: z.string().min(1).optional().describe('Match the subject common name'),
    /** Match a subject alternative name, written as in the certificate (`DNS:bot.example`, `URI:spiffe://...`). */
    san: z
      .string()
      .min(1)
      .optional()
      .describe('Match a subject alternative name, as in the certificate (DNS:bot.example, URI:spiffe://…)'),
    /** Match the certificate's SHA-256 fingerprint. */
    fingerprint: sha256Fingerprint.optional().describe("Match the certificate's SHA-256 fingerprint"),
  })
  .strict()
  .refine((m) => [m.commonName, m.san, m.fingerprint].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of commonName, san, fingerprint',
  })
  .meta({ oneOf: [{ required: ['commonName'] }, { required: ['san'] }, { required: ['fingerprint'] }] });

export const mtlsConfigSchema = z
  .object({
    /** Refuse requests without a verified client certificate even if they carry another credential. */
    required: z
      .boolean()
      .default(false)
      .describe('Refuse requests without a verified client certificate, even with another credential'),
    /** Which certificate is which agent; a verified certificate that matches none is refused (403). */
    identities: z
      .array(certIdentity)
      .min(1)
      .describe('Which certificate is which agent (exactly one of commonName, san, fingerprint each)'),
    /** Revoked certificates, in addition to the CRL file (server.tls.crl). */
    revoked: z
      .object({
        fingerprints: z.array(sha256Fingerprint).default([]).describe('SHA-256 fingerprints of revoked certificates'),
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
          .default([])
          .describe('Serial numbers of revoked certificates, in hex as OpenSSL prints them'),
      })
      .strict()
      .default({ fingerprints: [], serials: [] })
      .describe('Revoked certificates, in addition to the CRL file (server.tls.crl)'),
  })
  .strict()
  .describe('Client certificates on the HTTPS listener (needs server.tls.clientCa)');

/** `auth:` — how agents (MCP) and people (REST API) prove who they are. */
export const authConfigSchema = z
  .object({
    /** Portcullis API keys (`portcullis agents create`, `portcullis users create`). */
    apiKeys: z
      .object({ enabled: z.boolean().default(true).describe('Accept Portcullis API keys (Bearer pcl_…)') })
      .strict()
      .default({ enabled: true })
      .describe('Portcullis API keys (portcullis agents create, portcullis users create)'),
    /** OAuth 2.1 resource server (MCP authorization spec): bearer JWTs, or opaque tokens with introspection. */
    oauth: oauthConfigSchema.optional(),
    /** Client certificates on the HTTPS listener (server.tls.clientCa). */
    mtls: mtlsConfigSchema.optional(),
  })
  .strict();

export type AuthConfig = z.infer<typeof authConfigSchema>;
export type OAuthConfig = z.infer<typeof oauthConfigSchema>;
export type MtlsConfig = z.infer<typeof mtlsConfigSchema>;
