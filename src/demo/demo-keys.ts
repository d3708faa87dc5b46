/**
 * The demo's credentials, kept in its directory so that every start (and a second demo beside the first) shows
 * keys that work: agent keys in `demo-keys.json`, the billing API key in `secrets/BILLING_API_KEY`, both 0600.
 * Only the demo keeps plaintext keys on disk; `portcullis agents create` shows a key once and stores its hash.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApiKeyAuthenticator, generateApiKey } from '../authn/api-key.js';
import type { LoadedConfig } from '../config/load.js';
import { openStores } from '../storage/open-stores.js';

/** The value of file `name` in `dir`, created (random, 0600 in a 0700 directory) when missing. */
export function readOrCreateSecret(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, name);
  if (existsSync(file)) {
    const v = readFileSync(file, 'utf8').trim();
    if (v) return v;
  }
  const value = randomBytes(24).toString('base64url');
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return value;
}

/** A working key per configured agent and user: the saved one while the store still accepts it, else a new one. */
export async function demoKeys(loaded: LoadedConfig, file: string): Promise<Record<string, string>> {
  let saved: Record<string, unknown> = {};
  try {
    saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // First start, or an unreadable file: new keys below.
  }
  const store = await openStores(loaded);
  const keys: Record<string, string> = {};
  try {
    for (const [kind, names] of [
      ['agent', Object.keys(loaded.config.agents)],
      ['user', Object.keys(loaded.config.users)],
    ] as const) {
      const check = createApiKeyAuthenticator(store.apiKeys, () => true, kind);
      for (const name of names) {
        const old = saved[name];
        if (typeof old === 'string') {
          const r = await check.authenticate(old);
          if (r.ok && r.principal.agent === name) {
            keys[name] = old;
            continue;
          }
        }
        const { key, record } = generateApiKey(name, kind);
        await store.apiKeys.rotate(record);
        keys[name] = key;
      }
    }
  } finally {
    await store.close();
  }
  writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return keys;
}
