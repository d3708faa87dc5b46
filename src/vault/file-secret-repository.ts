/**
 * SecretRepository in one JSON file (`<dataDir>/vault/secrets.json`, mode 0600, directory 0700). Every write
 * goes to a temporary file that is fsynced and renamed over the old one (then the directory is fsynced), so a
 * reader sees the old or the new file, never a mix. Writers from several processes take an exclusive lock file.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import { SecretConflictError, type SecretRecord, type SecretRepository } from './secret-repository.js';

const FORMAT = 1;
const LOCK_STALE_MS = 30_000;

interface FileShape {
  format: number;
  secrets: SecretRecord[];
}

function isRecord(v: unknown): v is SecretRecord {
  const r = v as SecretRecord;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.name === 'string' &&
    Number.isInteger(r.version) &&
    typeof r.sealed === 'string' &&
    typeof r.createdAt === 'string' &&
    typeof r.updatedAt === 'string'
  );
}

export function vaultFilePath(dataDir: string): string {
  return join(dataDir, 'vault', 'secrets.json');
}

export function createFileSecretRepository(dataDir: string): SecretRepository {
  const dir = join(dataDir, 'vault');
  const file = vaultFilePath(dataDir);
  const lockPath = `${file}.lock`;
  let cache: { stamp: string; records: SecretRecord[] } | undefined;

  function read(): SecretRecord[] {
    let st;
    try {
      st = statSync(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const stamp = `${st.ino}:${st.mtimeMs}:${st.size}`;
    if (cache?.stamp === stamp) return cache.records;
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as FileShape;
    if (parsed.format !== FORMAT || !Array.isArray(parsed.secrets) || !parsed.secrets.every(isRecord))
      throw new Error(`${file}: not a Portcullis vault file (format ${String(parsed.format)})`);
    cache = { stamp, records: parsed.secrets };
    return parsed.secrets;
  }

  function write(records: SecretRecord[]): void {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileAtomic(file, JSON.stringify({ format: FORMAT, secrets: records } satisfies FileShape, null, 1));
    cache = undefined;
  }

  /** Serialises writers in this process and across processes (lock file created exclusively). */
  let chain: Promise<unknown> = Promise.resolve();
  function locked<T>(fn: () => T): Promise<T> {
    const run = async (): Promise<T> => {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      for (let i = 0; ; i++) {
        try {
          closeSync(openSync(lockPath, 'wx', 0o600));
          break;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
          try {
            if (Date.now() - statSync(lockPath).mtimeMs > LOCK_STALE_MS) rmSync(lockPath, { force: true });
          } catch {
            // gone already
          }
          if (i > 400) throw new Error(`${lockPath}: vault is locked by another writer`, { cause: e });
          await new Promise((r) => setTimeout(r, 25));
        }
      }
      try {
        return fn();
      } finally {
        rmSync(lockPath, { force: true });
      }
    };
    const p = chain.then(run, run);
    chain = p.catch(() => undefined);
    return p;
  }

  return {
    list: () => Promise.resolve(read().map((r) => ({ ...r }))),
    get: (name) => Promise.resolve(read().find((r) => r.name === name)),
    put: (record, expectVersion) =>
      locked(() => {
        const records = read();
        const current = records.find((r) => r.name === record.name);
        if ((current?.version ?? 0) !== expectVersion)
          throw new SecretConflictError(
            `secret ${record.name}: expected version ${expectVersion}, found ${current?.version ?? 0}`,
          );
        write([...records.filter((r) => r.name !== record.name), record]);
      }),
    delete: (name) =>
      locked(() => {
        const records = read();
        if (!records.some((r) => r.name === name)) return false;
        write(records.filter((r) => r.name !== name));
        return true;
      }),
    replaceAll: (update) => locked(() => write(update(read()))),
  };
}
