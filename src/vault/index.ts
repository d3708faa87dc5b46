/** The vault's public face: the resolver the gateway uses on the outbound path, built from the `vault:` section. */
import { isAbsolute, resolve } from 'node:path';
import type { VaultConfig } from './config-schema.js';
import { createFileSecretRepository } from './file-secret-repository.js';
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
}

const abs = (baseDir: string, p: string): string => (isAbsolute(p) ? p : resolve(baseDir, p));

export function masterKeySourceOf(cfg: VaultConfig, baseDir: string): MasterKeySource {
  return cfg.masterKeyFile ? { file: abs(baseDir, cfg.masterKeyFile) } : { env: cfg.masterKeyEnv };
}

/** The built-in vault over the file repository (master key from the configured source). */
export function openVault(cfg: VaultConfig, paths: VaultPaths): Vault {
  const keyring = createKeyring(masterKeySourceOf(cfg, paths.baseDir), {
    dataDir: paths.dataDir,
    ...(paths.env ? { env: paths.env } : {}),
  });
  return createVault({ repo: createFileSecretRepository(paths.dataDir), keyring });
}

export function openSecretProvider(cfg: VaultConfig, paths: VaultPaths): SecretProvider {
  if (cfg.provider === 'env') return envProvider(paths.env);
  if (cfg.provider === 'file') return fileProvider(abs(paths.baseDir, cfg.dir!));
  return vaultProvider(openVault(cfg, paths));
}

/** `onAccess` is told each secret name resolved on the outbound path (for `secret.accessed`, access-recorder.ts). */
export function openSecretResolver(
  cfg: VaultConfig,
  paths: VaultPaths,
  onAccess?: (name: string) => void,
): SecretResolver {
  return createSecretResolver(openSecretProvider(cfg, paths), onAccess ? { onAccess } : {});
}
