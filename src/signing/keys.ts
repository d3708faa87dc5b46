import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { canonicalize } from '../audit/canonical-json.js';
import type { Ed25519Jwk } from './verify.js';

/** An Ed25519 private key from PKCS#8 PEM; refuses any other key type. */
export function signingKeyFromPem(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('tool signing key: must be an Ed25519 private key');
  return key;
}

/** The public JWK of a key, with its RFC 7638 thumbprint as `kid`. */
export function publicJwkOf(key: KeyObject): Ed25519Jwk {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  const { x } = pub.export({ format: 'jwk' }) as { x: string };
  // RFC 7638: SHA-256 over the required members in lexicographic order, no whitespace (= canonical JSON).
  const kid = createHash('sha256')
    .update(canonicalize({ crv: 'Ed25519', kty: 'OKP', x }))
    .digest('base64url');
  return { kty: 'OKP', crv: 'Ed25519', x, kid, alg: 'EdDSA', use: 'sig' };
}

/** The key in a key file's text; the error names the file, never its content. */
function keyIn(path: string, pem: string): KeyObject {
  try {
    return signingKeyFromPem(pem);
  } catch {
    throw new Error(`tool signing key ${path} ${NOT_A_KEY}`);
  }
}

const NOT_A_KEY = 'does not hold an Ed25519 private key (PKCS#8 PEM)';

/** Why a key file's mode is refused (readable by others), or undefined. */
const modeProblem = (mode: number) =>
  (mode & 0o077) !== 0 ? `is readable by others (mode ${(mode & 0o777).toString(8)}); chmod 600 it` : undefined;

/**
 * Why an existing key file would be refused by `loadOrCreateSigningKey` (a predicate for "tool signing key <file>
 * ..."), or undefined: the check a config load runs, so `validate` refuses what `serve` and a reload would.
 */
export function signingKeyFileProblem(path: string): string | undefined {
  const mode = modeProblem(statSync(path).mode);
  if (mode) return mode;
  try {
    signingKeyFromPem(readFileSync(path, 'utf8'));
    return undefined;
  } catch {
    return NOT_A_KEY;
  }
}

/**
 * Loads the gateway's tool signing key, creating it on first start: PKCS#8 PEM, mode 0600, created exclusively (two
 * processes starting at once end up with the same key). A key file readable by others is refused.
 */
export async function loadOrCreateSigningKey(path: string): Promise<{ key: KeyObject; created: boolean }> {
  try {
    const s = await stat(path);
    const mode = modeProblem(s.mode);
    if (mode) throw new Error(`tool signing key ${path} ${mode}`);
    return { key: keyIn(path, await readFile(path, 'utf8')), created: false };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  try {
    await writeFile(path, pem, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST')
      return { key: keyIn(path, await readFile(path, 'utf8')), created: false };
    throw e;
  }
  return { key: privateKey, created: true };
}
