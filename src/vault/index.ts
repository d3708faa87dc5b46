/** The vault's public face: the resolver the gateway uses on the outbound path, built from the `vault:` section. */
import { isAbsolute, resolve } from 'node:path';
import type { VaultConfig } from './config-schema.js';
import type { SecretStore } from '../storage/repositories.js';
import { describeImport, importLegacyVaultFile } from './legacy-file.js';
import { createKeyring, type MasterKeySource } from './master-keys.js';
import { envProvider, fileProvider, vaultProvider, type SecretProvider } from './providers.js';
import { createSecretResolver, type SecretResolver } from './references.js';
import { createVault, type Vault } from './vault.js';

export { vaultConfigSchema, type VaultConfig } from './config-schema.js';
export { createLeakScanner, scanJson, type LeakScanner, type LeakEncoding } from './leak-scan.js';
export { hasSecretRef, createSecretResolver, SecretReferenceError, type SecretResolver } from './references.js';
export type { SecretProvider } from './providers.js';
export { createSecretAccessRecorder, type SecretAccessRecorder } from './access-recorder.js';

export interface VaultPaths {
  dataDir: string;
  baseDir: string;
  env?: NodeJS.ProcessEnv;
  /** Where the import of a vault file left by an older version is reported (default: stderr). */
  log?: (message: string) => void;
}

const abs = (baseDir: string, p: string): string => (isAbsolute(p) ? p : resolve(baseDir, p));

export function masterKeySourceOf(cfg: VaultConfig, baseDir: string): MasterKeySource {
  return cfg.masterKeyFile ? { file: abs(baseDir, cfg.masterKeyFile) } : { env: cfg.masterKeyEnv };
}

/**
 * The built-in vault over the storage seam's secret store (master key from the configured source). A vault file
 * left by an older version under `dataDir` is imported first (legacy-file.ts).
 */
export async function openVault(cfg: VaultConfig, paths: VaultPaths, store: SecretStore): Promise<Vault> {
  const keyring = createKeyring(masterKeySourceOf(cfg, paths.baseDir), {
    dataDir: paths.dataDir,
    ...(paths.env ? { env: paths.env } : {}),
  });
  const imported = await importLegacyVaultFile(store, paths.dataDir);
  if (imported) (paths.log ?? ((m: string) => process.stderr.write(`${m}\n`)))(describeImport(imported));
  return createVault({ store, keyring });
}

export async function openSecretProvider(
  cfg: VaultConfig,
  paths: VaultPaths,
  store: SecretStore,
): Promise<SecretProvider> {
  if (cfg.provider === 'env') return envProvider(paths.env);
  if (cfg.provider === 'file') return fileProvider(abs(paths.baseDir, cfg.dir!));
  return vaultProvider(await openVault(cfg, paths, store));
}

/** `onAccess` is told each secret name resolved on the outbound path (for `secret.accessed`, access-recorder.ts). */
export async function openSecretResolver(
  cfg: VaultConfig,
  paths: VaultPaths,
  store: SecretStore,
  onAccess?: (name: string) => void,
): Promise<SecretResolver> {
  return createSecretResolver(await openSecretProvider(cfg, paths, store), onAccess ? { onAccess } : {});
}
