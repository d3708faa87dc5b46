import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  createHash,
  type KeyObject,
} from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, isAbsolute } from 'node:path';
import { isEncryptedKeyReason, opensslReason } from '../core/tls-material.js';
import { canonicalize } from './canonical-json.js';
import type { SignedCheckpoint } from './types.js';

/** Ed25519 checkpoint signing (node:crypto). The signed payload is the JCS form of the checkpoint minus its signature. */

export function checkpointPayload(cp: Omit<SignedCheckpoint, 'signature'>): string {
  return canonicalize({ v: cp.v, seq: cp.seq, hash: cp.hash, ts: cp.ts, keyId: cp.keyId });
}

export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

export interface CheckpointSigner {
  readonly keyId: string;
  readonly publicKey: KeyObject;
  readonly publicKeyPem: string;
  sign(seq: number, hash: string, ts: string): SignedCheckpoint | Promise<SignedCheckpoint>;
}

/**
 * A signer whose private key never enters this process (KMS, HSM, a signing service): it is given the bytes to
 * sign and returns a raw Ed25519 signature. `publicKeyPem` is the SPKI PEM of its key.
 */
export interface ExternalSigner {
  readonly publicKeyPem: string;
  sign(payload: Buffer): Promise<Buffer | Uint8Array>;
}

/** Wraps an external signer; every signature it returns is checked against its public key (fail closed). */
export function createExternalCheckpointSigner(ext: ExternalSigner): CheckpointSigner {
  const publicKey = createPublicKey(ext.publicKeyPem);
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error('audit signer: the public key must be Ed25519');
  const keyId = keyIdOf(publicKey);
  return {
    keyId,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    async sign(seq, hash, ts) {
      const unsigned = { v: 1 as const, seq, hash, ts, keyId };
      const payload = Buffer.from(checkpointPayload(unsigned));
      const raw = Buffer.from(await ext.sign(payload));
      if (!verify(null, payload, publicKey, raw)) throw new Error('audit signer returned an invalid signature');
      return { ...unsigned, signature: raw.toString('base64') };
    },
  };
}

/** Reads an Ed25519 private key (PEM) from an environment variable. */
export function signingKeyFromEnv(name: string, env: NodeJS.ProcessEnv = process.env): KeyObject {
  const pem = env[name];
  if (!pem) throw new Error(`audit signing key: environment variable ${name} is not set`);
  try {
    return createPrivateKey(pem.includes('\\n') ? pem.replace(/\\n/g, '\n') : pem);
  } catch (e) {
    throw new Error(`audit signing key: ${name} does not hold a PEM private key (${(e as Error).message})`, {
      cause: e,
    });
  }
}

/** A signer holding its key in this process: signs synchronously. */
export interface LocalCheckpointSigner extends CheckpointSigner {
  sign(seq: number, hash: string, ts: string): SignedCheckpoint;
}

export function createCheckpointSigner(privateKey: KeyObject): LocalCheckpointSigner {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('audit signing key must be an Ed25519 private key');
  const publicKey = createPublicKey(privateKey);
  const keyId = keyIdOf(publicKey);
  return {
    keyId,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign(seq, hash, ts) {
      const unsigned = { v: 1 as const, seq, hash, ts, keyId };
      const signature = sign(null, Buffer.from(checkpointPayload(unsigned)), privateKey).toString('base64');
      return { ...unsigned, signature };
    },
  };
}

export function verifyCheckpointSignature(cp: SignedCheckpoint, publicKey: KeyObject): boolean {
  try {
    return verify(null, Buffer.from(checkpointPayload(cp)), publicKey, Buffer.from(cp.signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * The Ed25519 private key in a key file's contents, or why there is none: a predicate for "audit signing key <file>
 * ..." that never quotes the contents (what `validate` reports and `serve` stops with, from the same function).
 */
export function readSigningKey(pem: Buffer): { key: KeyObject } | { problem: string } {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (e) {
    return isEncryptedKeyReason(opensslReason(e))
      ? { problem: 'holds an encrypted private key; the gateway takes no passphrase (decrypt it)' }
      : { problem: 'does not hold a PEM private key (an Ed25519 key in PKCS#8 PEM)' };
  }
  if (key.asymmetricKeyType !== 'ed25519')
    return {
      problem: `holds a private key of type ${String(key.asymmetricKeyType).toUpperCase()}; checkpoints are signed with Ed25519 (openssl genpkey -algorithm ed25519)`,
    };
  return { key };
}

/** The key of `path` (contents `pem`); throws naming the file and what is wrong, never the contents. */
function signingKeyIn(path: string, pem: Buffer): KeyObject {
  const r = readSigningKey(pem);
  if ('problem' in r) throw new Error(`audit signing key ${path} ${r.problem}`);
  return r.key;
}

/** Loads the PEM private key at `path`, creating a new Ed25519 key (mode 0600) on first use. */
export async function loadOrCreateSigningKey(path: string): Promise<KeyObject> {
  let existing: Buffer | undefined;
  try {
    existing = await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (existing) return signingKeyIn(path, existing);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  try {
    await writeFile(path, pem, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    // Another process created it first: use theirs.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return signingKeyIn(path, await readFile(path));
    throw e;
  }
  await writeFile(`${path}.pub`, createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(), {
    mode: 0o644,
  });
  return privateKey;
}

/** Reads a public key for verification: accepts a public key PEM or a private key PEM (its public half is used). */
export async function loadVerificationKey(path: string): Promise<KeyObject> {
  const pem = await readFile(path);
  const text = pem.toString('utf8');
  return text.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
}

export interface SignerSource {
  dataDir: string;
  /** PEM private key file (default <dataDir>/audit-signing-key.pem, created 0600 on first use). */
  signingKeyPath?: string;
  /** Environment variable holding the PEM private key (takes precedence over the path). */
  signingKeyEnv?: string;
  /** A signer whose key never enters this process (KMS/HSM); takes precedence over both. */
  signer?: ExternalSigner;
}

/** The checkpoint signer, from (in this order) an external signer, an environment variable, or a key file. */
export async function resolveCheckpointSigner(
  src: SignerSource,
): Promise<{ signer: CheckpointSigner; insideDataDir: boolean; where: string }> {
  if (src.signer) return { signer: createExternalCheckpointSigner(src.signer), insideDataDir: false, where: 'signer' };
  if (src.signingKeyEnv)
    return {
      signer: createCheckpointSigner(signingKeyFromEnv(src.signingKeyEnv)),
      insideDataDir: false,
      where: `$${src.signingKeyEnv}`,
    };
  const path = src.signingKeyPath ?? join(src.dataDir, 'audit-signing-key.pem');
  const rel = relative(src.dataDir, path);
  return {
    signer: createCheckpointSigner(await loadOrCreateSigningKey(path)),
    insideDataDir: !rel.startsWith('..') && !isAbsolute(rel),
    where: path,
  };
}
