import { z } from 'zod';

/** An Ed25519 public key as a JWK (what `/.well-known/portcullis/tool-signing-keys` publishes). */
export const ed25519JwkSchema = z
  .object({
    kty: z.literal('OKP').describe('Key type: OKP'),
    crv: z.literal('Ed25519').describe('Curve: Ed25519'),
    x: z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/, 'must be the 32-byte public key, base64url without padding')
      .describe('The 32-byte public key, base64url without padding'),
    kid: z.string().min(1).optional().describe('Key id (signatures name it)'),
    alg: z.literal('EdDSA').optional().describe('Algorithm: EdDSA'),
    use: z.literal('sig').optional().describe('Key use: sig'),
  })
  .passthrough();

/** `pins:` — pinned tool and prompt definitions, quarantine on change, and signed tool descriptions. */
export const pinsConfigSchema = z
  .object({
    /** Pin every tool and prompt definition on first sight; quarantine it when it changes until an admin accepts it. */
    enabled: z
      .boolean()
      .default(true)
      .describe('Pin tool and prompt definitions; quarantine changed ones until accepted'),
    /**
     * A tool that appears on a backend that already has pins: `trust` pins it on first use (as at first start);
     * `quarantine` withholds it until `portcullis tools accept`.
     */
    newTools: z
      .enum(['trust', 'quarantine'])
      .default('trust')
      .describe('New tools on an already pinned backend: trust on first use, or quarantine until accepted'),
    /** How often a running gateway looks for pins another process changed (an accept from the CLI or a replica). */
    refreshMs: z
      .number()
      .int()
      .min(100)
      .max(60_000)
      .default(2000)
      .describe('How often a running gateway picks up pins changed elsewhere (an accept from the CLI), in ms'),
    /** Served tool definitions carry an Ed25519 signature under `_meta["io.portcullis/signature"]`. */
    signing: z
      .object({
        enabled: z.boolean().default(true).describe('Sign served tool and prompt definitions (Ed25519)'),
        /** The private key as a vault reference `${secret:NAME}` holding a PKCS#8 PEM; wins over keyFile. */
        key: z
          .string()
          .regex(
            /^\$\{secret:[^}]+\}$/,
            'must be a secret reference "${secret:NAME}" (keep keys out of the config file)',
          )
          .optional()
          .describe(
            'Signing key as a vault reference "${secret:NAME}" holding an Ed25519 PKCS#8 PEM; wins over keyFile',
          ),
        /** PKCS#8 PEM Ed25519 private key; default `<dataDir>/tool-signing-key.pem`, created on first start (0600). */
        keyFile: z
          .string()
          .min(1)
          .optional()
          .describe(
            'Ed25519 PKCS#8 PEM key file (0600); default <dataDir>/tool-signing-key.pem, created on first start',
          ),
        /** After a rotation, how long the previous public key stays published (clients holding old listings). */
        retiredKeyDays: z
          .number()
          .int()
          .min(0)
          .max(3650)
          .default(30)
          .describe('Days a retired signing key stays published at /.well-known/portcullis/tool-signing-keys'),
      })
      .strict()
      .default({ enabled: true, retiredKeyDays: 30 })
      .describe('Signed tool descriptions: Ed25519 over canonical JSON under _meta["io.portcullis/signature"]'),
    /**
     * Upstreams that sign their tool definitions (Portcullis format): a definition without a valid signature by one
     * of these keys is quarantined, and no acceptance releases it.
     */
    upstreamKeys: z
      .record(z.string(), z.array(ed25519JwkSchema).min(1))
      .default({})
      .describe(
        'Per upstream: Ed25519 public keys (JWK) its definitions must be signed with; a bad signature quarantines',
      ),
  })
  .strict();

export type PinsConfig = z.infer<typeof pinsConfigSchema>;
export const pinsDefaults: PinsConfig = pinsConfigSchema.parse({});
