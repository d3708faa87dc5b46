/** The `vault:` section of portcullis.yaml: where `${secret:NAME}` references are resolved, and the master key. */
import { z } from 'zod';

const envVar = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name');

export const vaultConfigSchema = z
  .object({
    /**
     * Where `${secret:NAME}` is looked up: `vault` (the built-in encrypted vault, `portcullis secrets`),
     * `env` (environment variable NAME) or `file` (file NAME in `dir`, e.g. a mounted Kubernetes secret).
     */
    provider: z
      .enum(['vault', 'env', 'file'])
      .default('vault')
      .describe(
        'Where ${secret:NAME} is looked up: vault (built-in, encrypted), env (variable NAME) or file (dir/NAME)',
      ),
    /** Environment variable holding the master key (built-in vault). */
    masterKeyEnv: envVar.default('PORTCULLIS_MASTER_KEY').describe('Environment variable holding the master key'),
    /** Key file (keyring, 0600, outside the data directory); takes precedence over masterKeyEnv. */
    masterKeyFile: z
      .string()
      .min(1)
      .optional()
      .describe('Key file (0600, outside dataDir); takes precedence over masterKeyEnv'),
    /** Directory of secret files for the `file` provider. */
    dir: z
      .string()
      .min(1)
      .optional()
      .describe('Directory of secret files for the file provider (e.g. a mounted Kubernetes secret)'),
  })
  .strict()
  .refine((v) => v.provider !== 'file' || v.dir !== undefined, {
    message: 'the file provider needs "dir"',
    path: ['dir'],
  })
  .meta({ if: { required: ['provider'], properties: { provider: { const: 'file' } } }, then: { required: ['dir'] } });

export type VaultConfig = z.output<typeof vaultConfigSchema>;
