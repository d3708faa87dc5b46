import { isAbsolute, join, resolve } from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { LoadedConfig } from '../config/load.js';
import type { PinRepository } from '../pins/store.js';
import { loadOrCreateSigningKey, signingKeyFromPem } from './keys.js';
import { createDefinitionSigner, type DefinitionSigner } from './sign.js';
import type { Ed25519Jwk, JwkSet } from './verify.js';

/** The gateway's tool signing: the active signer and the public keys it publishes. */
export interface ToolSigning {
  /** The active signer, or undefined when `pins.signing.enabled` is false. */
  signer(): DefinitionSigner | undefined;
  /**
   * The published JWK set: the active key and the keys it replaced less than `pins.signing.retiredKeyDays` ago
   * (read from the store, so every replica publishes the same set; cached for a few seconds).
   */
  keys(): Promise<JwkSet>;
  /** After a config reload: re-reads the key (a rotated key becomes active; the one it replaces is retired). */
  reload(loaded: LoadedConfig): Promise<void>;
}

export interface ToolSigningDeps {
  store: Pick<PinRepository, 'signingKeys' | 'activateSigningKey'>;
  /** Resolves `pins.signing.key` (`${secret:NAME}`) through the vault. */
  secrets?: { resolve(text: string): Promise<string> };
  log(msg: string): void;
  /** Told when the active key changed from the one recorded before (`signing.key.rotated`). */
  onRotated?(info: { kid: string; previousKid: string }): void;
  now?: () => Date;
}

/** Where the tool signing key file lives: `pins.signing.keyFile` (relative to the config) or the data dir. */
export function signingKeyPath(loaded: LoadedConfig): string {
  const file = loaded.config.pins.signing.keyFile;
  if (!file) return join(loaded.dataDir, 'tool-signing-key.pem');
  return isAbsolute(file) ? file : resolve(loaded.baseDir, file);
}

/**
 * The private key: from the vault when `pins.signing.key` is a `${secret:NAME}` reference, else from the key file
 * (created with mode 0600 on first start). Errors name where the key was looked for, never its content.
 */
async function loadKey(loaded: LoadedConfig, deps: ToolSigningDeps): Promise<KeyObject> {
  const ref = loaded.config.pins.signing.key;
  if (ref) {
    if (!deps.secrets) throw new Error(`pins.signing.key: no secret provider to resolve ${ref}`);
    const pem = await deps.secrets.resolve(ref);
    try {
      return signingKeyFromPem(pem);
    } catch {
      throw new Error(`pins.signing.key: ${ref} does not hold an Ed25519 private key (PKCS#8 PEM)`);
    }
  }
  const path = signingKeyPath(loaded);
  const { key, created } = await loadOrCreateSigningKey(path);
  if (created) deps.log(`tool signing key created at ${path}; back it up with the data dir`);
  return key;
}

const publicOnly = (j: Record<string, unknown>): Ed25519Jwk => ({
  kty: 'OKP',
  crv: 'Ed25519',
  x: String(j.x),
  ...(typeof j.kid === 'string' ? { kid: j.kid } : {}),
  alg: 'EdDSA',
  use: 'sig',
});

const CACHE_MS = 5000;

/**
 * Opens the gateway's signing key and records it as the active key in the store (retiring the one it replaced).
 * Fails (and so does the start) when the key cannot be loaded: a gateway configured to sign never serves unsigned.
 */
export async function openToolSigning(loaded: LoadedConfig, deps: ToolSigningDeps): Promise<ToolSigning> {
  const now = deps.now ?? (() => new Date());
  let signer: DefinitionSigner | undefined;
  let retiredDays = loaded.config.pins.signing.retiredKeyDays;
  /**
   * The published set, read for the signer it was read for: a set read while a rotation was being activated (the
   * old signer still active) is not served once the new one is, or what the new key signs would not verify for up
   * to the cache time.
   */
  let cached: { at: number; signer: DefinitionSigner | undefined; keys: Promise<JwkSet> } | undefined;

  const activate = async (next: LoadedConfig): Promise<void> => {
    retiredDays = next.config.pins.signing.retiredKeyDays;
    cached = undefined;
    if (!next.config.pins.signing.enabled) {
      signer = undefined;
      return;
    }
    const s = createDefinitionSigner(await loadKey(next, deps));
    if (s.kid !== signer?.kid) {
      const previous = (await deps.store.signingKeys()).find((k) => k.retiredAt === undefined)?.kid;
      await deps.store.activateSigningKey({ kid: s.kid, jwk: { ...s.jwk } }, now().toISOString());
      if (previous && previous !== s.kid) {
        deps.log(`tool signing key rotated: ${previous} retired (still published), ${s.kid} active`);
        deps.onRotated?.({ kid: s.kid, previousKid: previous });
      }
    }
    signer = s;
  };
  await activate(loaded);

  const readKeys = async (): Promise<JwkSet> => {
    const active = signer;
    if (!active) return { keys: [] };
    const since = now().getTime() - retiredDays * 86_400_000;
    const stored = await deps.store.signingKeys();
    const retired = stored
      .filter((k) => k.kid !== active.kid && k.retiredAt !== undefined && Date.parse(k.retiredAt) > since)
      .map((k) => publicOnly(k.jwk));
    return { keys: [active.jwk, ...retired] };
  };

  return {
    signer: () => signer,
    keys() {
      const t = now().getTime();
      if (!cached || cached.signer !== signer || t - cached.at > CACHE_MS) {
        const entry = { at: t, signer, keys: readKeys() };
        cached = entry;
        entry.keys.catch(() => {
          if (cached === entry) cached = undefined;
        });
      }
      return cached.keys;
    },
    async reload(next) {
      try {
        await activate(next);
      } catch (e) {
        deps.log(`config reload: tool signing key not changed: ${(e as Error).message}`);
      }
    },
  };
}
