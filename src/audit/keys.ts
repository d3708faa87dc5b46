import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Loads the HMAC key used by redaction mode "hmac", creating 32 random bytes (hex, mode 0600) on first use. */
export async function loadOrCreateHmacKey(path: string): Promise<Buffer> {
  try {
    return Buffer.from((await readFile(path, 'utf8')).trim(), 'hex');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  try {
    await writeFile(path, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST')
      return Buffer.from((await readFile(path, 'utf8')).trim(), 'hex');
    throw e;
  }
  return key;
}
