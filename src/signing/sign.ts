import { createHash, sign, type KeyObject } from 'node:crypto';
import { publicJwkOf } from './keys.js';
import { SIGNATURE_KEY, signedPayload, type Ed25519Jwk } from './verify.js';

export interface DefinitionSigner {
  readonly kid: string;
  readonly jwk: Ed25519Jwk;
  /** A copy of the definition with `_meta["io.portcullis/signature"]` set (any earlier signature replaced). */
  sign<T extends object>(definition: T): T;
}

const MAX_CACHED = 10_000;

/**
 * Signs served definitions with Ed25519 (node:crypto). Signatures are cached by the SHA-256 of the signed bytes, so a
 * catalog rebuild signs only definitions that changed; nothing is signed per request.
 */
export function createDefinitionSigner(key: KeyObject): DefinitionSigner {
  const jwk = publicJwkOf(key);
  const kid = jwk.kid!;
  const cache = new Map<string, string>();
  return {
    kid,
    jwk,
    sign(definition) {
      const payload = signedPayload(definition as Record<string, unknown>);
      const digest = createHash('sha256').update(payload).digest('base64url');
      let sig = cache.get(digest);
      if (!sig) {
        sig = sign(null, payload, key).toString('base64url');
        if (cache.size >= MAX_CACHED) cache.clear();
        cache.set(digest, sig);
      }
      const meta = (definition as { _meta?: Record<string, unknown> })._meta ?? {};
      return { ...definition, _meta: { ...meta, [SIGNATURE_KEY]: { kid, alg: 'EdDSA', sig } } };
    },
  };
}
