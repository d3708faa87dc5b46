/** The `vault:` section of portcullis.yaml: where `${secret:NAME}` references are resolved, and the master key. */
import { z } from 'zod';

const envVar = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name');

export const vaultConfigSchema = z
  .object({
    /**
     * Where `${secret:NAME}` is looked up: `vault` (the built-in encrypted vault, `portcullis secrets`),
     * `env` (environment variable NAME) or `file` (file NAME in `dir`, e.g. a mounted Kubernetes secret).
     */
    provider: z.enum(['vault', 'env', 'file']).default('vault'),
    /** Environment variable holding the master key (built-in vault). */
    masterKeyEnv: envVar.default('PORTCULLIS_MASTER_KEY'),
    /** Key file (keyring, 0600, outside the data directory); takes precedence over masterKeyEnv. */
    masterKeyFile: z.string().min(1).optional(),
    /** Directory of secret files for the `file` provider. */
    dir: z.string().min(1).optional(),
  })
  .strict()
  .refine((v) => v.provider !== 'file' || v.dir !== undefined, {
    message: 'the file provider needs "dir"',
    path: ['dir'],
  });

export type VaultConfig = z.output<typeof vaultConfigSchema>;
