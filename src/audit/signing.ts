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
import { dirname } from 'node:path';
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
  sign(seq: number, hash: string, ts: string): SignedCheckpoint;
}

export function createCheckpointSigner(privateKey: KeyObject): CheckpointSigner {
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

/** Loads the PEM private key at `path`, creating a new Ed25519 key (mode 0600) on first use. */
export async function loadOrCreateSigningKey(path: string): Promise<KeyObject> {
  try {
    return createPrivateKey(await readFile(path));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  try {
    await writeFile(path, pem, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    // Another process created it first: use theirs.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return createPrivateKey(await readFile(path));
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
