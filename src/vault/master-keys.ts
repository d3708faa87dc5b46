/**
 * Where master keys come from: an environment variable (one key, plus an optional previous key for a rolling
 * restart) or a key file holding a keyring, one key per line, the first line the primary (used to seal), the
 * others accepted for opening. The key file is re-read when it changes, so `portcullis keys rotate` can swap
 * the master key under a running gateway. Master keys are never stored beside the vault data.
 */
import { readFileSync, statSync } from 'node:fs';
import { relative, resolve, isAbsolute } from 'node:path';
import { deriveKek, parseMasterKey, VaultCryptoError, type Kek } from './envelope.js';

export interface MasterKeySource {
  /** Environment variable with the master key (default PORTCULLIS_MASTER_KEY). */
  env?: string;
  /** Key file (keyring): takes precedence over the environment when set. */
  file?: string;
}

export interface Keyring {
  /** The KEK new seals use. */
  primary(): Kek;
  /** Every KEK that may open a sealed value. */
  all(): readonly Kek[];
  /** Where the keys come from, for messages (never the keys). */
  describe(): string;
}

export const DEFAULT_MASTER_KEY_ENV = 'PORTCULLIS_MASTER_KEY';

/** Parses a keyring file's text: one key per line, `#` comments and blank lines ignored. */
export function parseKeyring(text: string, where: string): Kek[] {
  const keys = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l, i) => deriveKek(parseMasterKey(l, `${where} line ${i + 1}`)));
  if (keys.length === 0) throw new VaultCryptoError(`${where}: no master key in the file`);
  return keys;
}

export function formatKeyring(keys: readonly string[]): string {
  return `# Portcullis vault master keys: the first is the primary. Keep this file away from the vault data.\n${keys.join('\n')}\n`;
}

function inside(dir: string, file: string): boolean {
  const r = relative(resolve(dir), resolve(file));
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

export function createKeyring(source: MasterKeySource, opts: { dataDir: string; env?: NodeJS.ProcessEnv }): Keyring {
  const env = opts.env ?? process.env;
  if (source.file) {
    const file = source.file;
    if (inside(opts.dataDir, file))
      throw new VaultCryptoError(`master key file ${file} is inside the data directory: keep it apart from the vault`);
    let cached: { stamp: string; keys: Kek[] } | undefined;
    const load = (): Kek[] => {
      let st;
      try {
        st = statSync(file);
      } catch (e) {
        throw new VaultCryptoError(`master key file ${file}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`);
      }
      if (process.platform !== 'win32' && (st.mode & 0o077) !== 0)
        throw new VaultCryptoError(`master key file ${file} is readable by others: chmod 600 it`);
      const stamp = `${st.ino}:${st.mtimeMs}:${st.size}`;
      if (cached?.stamp !== stamp) cached = { stamp, keys: parseKeyring(readFileSync(file, 'utf8'), file) };
      return cached.keys;
    };
    return { primary: () => load()[0]!, all: load, describe: () => `key file ${file}` };
  }
  const name = source.env ?? DEFAULT_MASTER_KEY_ENV;
  const keys = (): Kek[] => {
    const v = env[name];
    if (!v) throw new VaultCryptoError(`no vault master key: set ${name} or configure a key file`);
    const out = [deriveKek(parseMasterKey(v, name))];
    const prev = env[`${name}_PREVIOUS`];
    if (prev) out.push(deriveKek(parseMasterKey(prev, `${name}_PREVIOUS`)));
    return out;
  };
  let cached: { text: string; keys: Kek[] } | undefined;
  const load = (): Kek[] => {
    const text = `${env[name] ?? ''}\u0000${env[`${name}_PREVIOUS`] ?? ''}`;
    if (cached?.text !== text) cached = { text, keys: keys() };
    return cached.keys;
  };
  return { primary: () => load()[0]!, all: load, describe: () => `environment variable ${name}` };
}
