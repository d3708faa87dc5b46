import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The shortest HMAC key taken (bytes): a shorter one (an empty file, a typo) would make pseudonyms guessable. */
export const MIN_HMAC_KEY_BYTES = 16;

/**
 * The HMAC key in a key file's text (hex, as the gateway writes it), or why there is none: a predicate for "redaction
 * HMAC key <file> ..." that never quotes the contents. Before, text that was not hex decoded to an empty key without
 * a word, and every pseudonym was an HMAC under it.
 */
export function readHmacKey(text: string): { key: Buffer } | { problem: string } {
  const hex = text.trim();
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex))
    return { problem: 'does not hold a hex-encoded key (the gateway writes 64 hex digits: openssl rand -hex 32)' };
  const key = Buffer.from(hex, 'hex');
  if (key.length < MIN_HMAC_KEY_BYTES)
    return { problem: `holds a ${key.length}-byte key; at least ${MIN_HMAC_KEY_BYTES} bytes (openssl rand -hex 32)` };
  return { key };
}

function hmacKeyIn(path: string, text: string): Buffer {
  const r = readHmacKey(text);
  if ('problem' in r) throw new Error(`redaction HMAC key ${path} ${r.problem}`);
  return r.key;
}

/** Loads the HMAC key used by redaction mode "hmac", creating 32 random bytes (hex, mode 0600) on first use. */
export async function loadOrCreateHmacKey(path: string): Promise<Buffer> {
  let existing: string | undefined;
  try {
    existing = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (existing !== undefined) return hmacKeyIn(path, existing);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  try {
    await writeFile(path, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return hmacKeyIn(path, await readFile(path, 'utf8'));
    throw e;
  }
  return key;
}
