import { generateKeyPairSync } from 'node:crypto';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { createDefinitionSigner, loadOrCreateSigningKey, signingKeyPath } from '../../signing/index.js';
import { CliError, configPath, loadConfigOrThrow, openStore } from '../context.js';
import { audited } from './keys.js';

/**
 * `portcullis tools rotate-key`: replaces the tool signing key file with a new Ed25519 key (0600, written beside it
 * and renamed into place) and records the new public key as active; the old one stays published for
 * `pins.signing.retiredKeyDays`. A running gateway signs with the new key after a reload (SIGHUP) or restart.
 */
export function registerRotateKey(group: Command): void {
  group
    .command('rotate-key')
    .description(
      'Replace the tool signing key file with a new Ed25519 key; the old public key stays published for pins.signing.retiredKeyDays (reload or restart the gateway to sign with the new key)',
    )
    .option('-c, --config <file>', 'config file (default: $PORTCULLIS_CONFIG or ./portcullis.yaml)')
    .action(async (opts: { config?: string }) => {
      const loaded = loadConfigOrThrow(configPath(opts.config));
      const signing = loaded.config.pins.signing;
      if (!signing.enabled) throw new CliError('tool signing is off (pins.signing.enabled: false)');
      if (signing.key)
        throw new CliError(
          `the signing key comes from the vault (pins.signing.key: ${signing.key}): store a new Ed25519 PKCS#8 PEM in that secret (e.g. from "openssl genpkey -algorithm ed25519"), then reload the gateway`,
        );
      const path = signingKeyPath(loaded);
      const previous = existsSync(path) ? createDefinitionSigner((await loadOrCreateSigningKey(path)).key) : undefined;
      const { privateKey } = generateKeyPairSync('ed25519');
      const next = createDefinitionSigner(privateKey);
      const store = await openStore(loaded);
      try {
        mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
        const tmp = `${path}.${process.pid}.new`;
        writeFileSync(tmp, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
        try {
          renameSync(tmp, path);
        } catch (e) {
          rmSync(tmp, { force: true });
          throw e;
        }
        if (previous)
          await store.pins.activateSigningKey(
            { kid: previous.kid, jwk: { ...previous.jwk } },
            new Date().toISOString(),
          );
        await store.pins.activateSigningKey({ kid: next.kid, jwk: { ...next.jwk } }, new Date().toISOString());
        await audited(
          loaded,
          {
            type: 'signing.key.rotated',
            detail: { kid: next.kid, ...(previous ? { previousKid: previous.kid } : {}), via: 'cli' },
          },
          store,
        );
      } finally {
        await store.close();
      }
      process.stdout.write(
        `New tool signing key ${next.kid} in ${path}${previous ? `; ${previous.kid} retired (published for ${signing.retiredKeyDays} more days)` : ''}.\nReload (SIGHUP) or restart the gateway to sign with it.\n`,
      );
    });
}
