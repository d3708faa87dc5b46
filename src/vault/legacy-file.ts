/**
 * Moving a vault file (`<dataDir>/vault/secrets.json`, the vault's store before it went behind the storage seam)
 * into `Stores.secrets`. Runs whenever the vault is opened (gateway start, any `portcullis secrets|keys` command):
 * each sealed record is copied as it is (its associated data binds it to its name and version, not to a file), a
 * name the store already has is left as the store holds it, and the file is then removed, so no copy of the
 * ciphertexts stays behind to be opened by a retired master key. A record the store holds differently keeps the
 * file in place and is reported on every open until an operator settles it.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretRow, SecretStore } from '../storage/repositories.js';
import { splitSealed } from './envelope.js';

export function legacyVaultFile(dataDir: string): string {
  return join(dataDir, 'vault', 'secrets.json');
}

export interface LegacyImport {
  file: string;
  imported: string[];
  /** Names the store already held with exactly these contents. */
  present: string[];
  /** Names the store holds differently: the file is kept. */
  conflicting: string[];
}

interface FileRecord {
  name: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  sealed: string;
}

function readRecords(file: string): FileRecord[] {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown; secrets?: unknown };
  const ok = (r: unknown): r is FileRecord => {
    const x = r as FileRecord;
    return (
      typeof x === 'object' &&
      x !== null &&
      typeof x.name === 'string' &&
      Number.isInteger(x.version) &&
      typeof x.sealed === 'string' &&
      typeof x.createdAt === 'string' &&
      typeof x.updatedAt === 'string'
    );
  };
  if (doc.format !== 1 || !Array.isArray(doc.secrets) || !doc.secrets.every(ok))
    throw new Error(`${file}: not a Portcullis vault file (format ${String(doc.format)})`);
  return doc.secrets;
}

const same = (a: SecretRow, b: SecretRow): boolean =>
  a.version === b.version && a.kekId === b.kekId && a.wrappedKey === b.wrappedKey && a.ciphertext === b.ciphertext;

/** Imports the vault file under `dataDir` into `store`; undefined when there is none. */
export async function importLegacyVaultFile(store: SecretStore, dataDir: string): Promise<LegacyImport | undefined> {
  const file = legacyVaultFile(dataDir);
  if (!existsSync(file)) return undefined;
  const out: LegacyImport = { file, imported: [], present: [], conflicting: [] };
  for (const r of readRecords(file)) {
    const row: SecretRow = {
      name: r.name,
      version: r.version,
      createdAt: r.createdAt,
      rotatedAt: r.updatedAt,
      ...splitSealed(r.sealed, r.name),
    };
    if (await store.put(row, 0)) out.imported.push(r.name);
    else {
      const held = await store.get(r.name);
      (held && same(held, row) ? out.present : out.conflicting).push(r.name);
    }
  }
  if (out.conflicting.length === 0) {
    rmSync(file, { force: true });
    rmSync(`${file}.lock`, { force: true });
  }
  return out;
}

/** One line for logs and the CLI (names, never values). */
export function describeImport(r: LegacyImport): string {
  const parts = [`imported ${r.imported.length} secret(s) from ${r.file} into the store`];
  if (r.present.length > 0) parts.push(`${r.present.length} already there`);
  if (r.conflicting.length > 0)
    parts.push(
      `kept the file: the store already holds ${r.conflicting.join(', ')} differently (the store's version is used; delete the file once settled)`,
    );
  else parts.push('file removed');
  return `vault: ${parts.join('; ')}`;
}
