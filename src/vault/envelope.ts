/**
 * Envelope encryption for vault secrets. Each secret version has its own random 256-bit data key; the value is
 * sealed with AES-256-GCM under the data key, and the data key is sealed (wrapped) with AES-256-GCM under a
 * key-encryption key (KEK) derived by HKDF-SHA256 from a master key that lives outside the vault (environment
 * variable or key file). The associated data of both seals binds them to the secret's name and version, so a
 * ciphertext copied to another name or version does not open. Every open checks the GCM tag; any failure throws
 * VaultCryptoError and nothing is returned.
 *
 * Sealed form (versioned, text): `pcv1.<kekId>.<wrapped key>.<ciphertext>`, each binary part base64url of
 * `iv(12) | tag(16) | bytes`. kekId is 16 hex digits of SHA-256 over the KEK (identifies the master key
 * without revealing it).
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export const SEALED_FORMAT = 'pcv1';
const IV = 12;
const TAG = 16;
const HKDF_SALT = Buffer.from('portcullis vault kek salt v1');
const HKDF_INFO = Buffer.from('portcullis vault key-encryption key v1');

/** A seal or open failed: tampered or swapped ciphertext, unknown format, wrong master key. */
export class VaultCryptoError extends Error {
  override readonly name = 'VaultCryptoError';
}

/** A key-encryption key derived from one master key. */
export interface Kek {
  readonly id: string;
  readonly key: Buffer;
}

/** Master keys are 32 random bytes, given as 64 hex digits or base64/base64url of 32 bytes. */
export function parseMasterKey(text: string, where: string): Buffer {
  const t = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(t)
    ? Buffer.from(t, 'hex')
    : /^[A-Za-z0-9+/_-]{43}=?$/.test(t)
      ? Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
      : undefined;
  if (!bytes || bytes.length !== 32)
    throw new VaultCryptoError(`${where}: a master key is 32 random bytes as 64 hex digits or base64`);
  return bytes;
}

export function generateMasterKey(): string {
  return randomBytes(32).toString('base64');
}

export function deriveKek(masterKey: Buffer): Kek {
  if (masterKey.length !== 32) throw new VaultCryptoError('a master key is 32 bytes');
  const key = Buffer.from(hkdfSync('sha256', masterKey, HKDF_SALT, HKDF_INFO, 32));
  const id = createHash('sha256').update('portcullis kek id').update(key).digest('hex').slice(0, 16);
  return { id, key };
}

function aad(name: string, version: number, part: 'value' | 'data-key'): Buffer {
  return Buffer.from(`portcullis-secret\u0000${SEALED_FORMAT}\u0000${name}\u0000${version}\u0000${part}`, 'utf8');
}

function seal(key: Buffer, plain: Buffer, ad: Buffer): string {
  const iv = randomBytes(IV);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(ad);
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url');
}

function open(key: Buffer, sealed: string, ad: Buffer, what: string): Buffer {
  const raw = Buffer.from(sealed, 'base64url');
  if (raw.length < IV + TAG || raw.toString('base64url') !== sealed)
    throw new VaultCryptoError(`${what}: malformed ciphertext`);
  const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV));
  d.setAAD(ad);
  d.setAuthTag(raw.subarray(IV, IV + TAG));
  try {
    return Buffer.concat([d.update(raw.subarray(IV + TAG)), d.final()]);
  } catch {
    throw new VaultCryptoError(`${what}: authentication tag does not match (tampered, moved or wrong key)`);
  }
}

interface Parts {
  kekId: string;
  wrapped: string;
  ciphertext: string;
}

function parse(sealed: string, name: string): Parts {
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== SEALED_FORMAT || !/^[0-9a-f]{16}$/.test(parts[1]!))
    throw new VaultCryptoError(`secret ${name}: unknown sealed format`);
  return { kekId: parts[1]!, wrapped: parts[2]!, ciphertext: parts[3]! };
}

/** A sealed value in the columns the storage seam keeps (src/storage/repositories.ts `SecretRow`). */
export interface SealedParts {
  format: string;
  kekId: string;
  /** The wrapped data key: base64url of `iv | tag | bytes`. */
  wrappedKey: string;
  /** The value's nonce, tag and ciphertext, each base64url. */
  nonce: string;
  tag: string;
  ciphertext: string;
}

/** Splits a sealed value into its stored columns (the value part into nonce, tag and ciphertext). */
export function splitSealed(sealed: string, name: string): SealedParts {
  const p = parse(sealed, name);
  const raw = Buffer.from(p.ciphertext, 'base64url');
  if (raw.length < IV + TAG || raw.toString('base64url') !== p.ciphertext)
    throw new VaultCryptoError(`secret ${name}: malformed ciphertext`);
  return {
    format: SEALED_FORMAT,
    kekId: p.kekId,
    wrappedKey: p.wrapped,
    nonce: raw.subarray(0, IV).toString('base64url'),
    tag: raw.subarray(IV, IV + TAG).toString('base64url'),
    ciphertext: raw.subarray(IV + TAG).toString('base64url'),
  };
}

/** The sealed text of stored columns; anything malformed fails when it is opened. */
export function joinSealed(p: SealedParts): string {
  const value = Buffer.concat([
    Buffer.from(p.nonce, 'base64url'),
    Buffer.from(p.tag, 'base64url'),
    Buffer.from(p.ciphertext, 'base64url'),
  ]).toString('base64url');
  return `${p.format}.${p.kekId}.${p.wrappedKey}.${value}`;
}

/** Seals `value` for secret `name` at `version` under a fresh data key wrapped by `kek`. */
export function sealSecret(kek: Kek, name: string, version: number, value: string): string {
  const dataKey = randomBytes(32);
  try {
    const wrapped = seal(kek.key, dataKey, aad(name, version, 'data-key'));
    const ciphertext = seal(dataKey, Buffer.from(value, 'utf8'), aad(name, version, 'value'));
    return `${SEALED_FORMAT}.${kek.id}.${wrapped}.${ciphertext}`;
  } finally {
    dataKey.fill(0);
  }
}

/** The id of the key-encryption key a sealed value was wrapped with. */
export function sealedKekId(sealed: string, name: string): string {
  return parse(sealed, name).kekId;
}

function findKek(keks: readonly Kek[], id: string, name: string): Kek {
  const kek = keks.find((k) => timingSafeEqual(Buffer.from(k.id), Buffer.from(id)));
  if (!kek) throw new VaultCryptoError(`secret ${name}: sealed under a master key that is not configured (${id})`);
  return kek;
}

function unwrap(
  keks: readonly Kek[],
  sealed: string,
  name: string,
  version: number,
): { parts: Parts; dataKey: Buffer } {
  const parts = parse(sealed, name);
  const kek = findKek(keks, parts.kekId, name);
  const dataKey = open(kek.key, parts.wrapped, aad(name, version, 'data-key'), `secret ${name} v${version} data key`);
  if (dataKey.length !== 32) throw new VaultCryptoError(`secret ${name}: data key has the wrong length`);
  return { parts, dataKey };
}

/** Opens a sealed value; throws VaultCryptoError on any mismatch (never returns a partial value). */
export function openSecret(keks: readonly Kek[], name: string, version: number, sealed: string): string {
  const { parts, dataKey } = unwrap(keks, sealed, name, version);
  try {
    return open(dataKey, parts.ciphertext, aad(name, version, 'value'), `secret ${name} v${version}`).toString('utf8');
  } finally {
    dataKey.fill(0);
  }
}

/**
 * Re-wraps the data key of a sealed value under `to` (the value itself is not decrypted; the data key exists in
 * memory only while it is re-wrapped). The value's ciphertext is checked first, so a tampered record is not
 * carried over silently.
 */
export function rewrapSecret(keks: readonly Kek[], to: Kek, name: string, version: number, sealed: string): string {
  const { parts, dataKey } = unwrap(keks, sealed, name, version);
  try {
    const check = open(dataKey, parts.ciphertext, aad(name, version, 'value'), `secret ${name} v${version}`);
    check.fill(0);
    const wrapped = seal(to.key, dataKey, aad(name, version, 'data-key'));
    return `${SEALED_FORMAT}.${to.id}.${wrapped}.${parts.ciphertext}`;
  } finally {
    dataKey.fill(0);
  }
}
