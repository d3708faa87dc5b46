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
  /**
   * A config reload, before it changes anything: loads the key the new config names and returns what makes it active
   * (a rotated key becomes active; the one it replaces is retired). Throws, changing nothing, when the key cannot be
   * loaded: the reload fails whole, and a gateway that signs keeps its signer (one that does not sign is never left
   * serving unsigned what the new config says to sign).
   */
  prepare(next: LoadedConfig): Promise<() => Promise<void>>;
  /** `prepare` and its activation in one step (throws, changing nothing, when the key cannot be loaded). */
  reload(next: LoadedConfig): Promise<void>;
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

  /**
   * Loads the key `next` names (the part that can fail); the returned step makes it active. After a reload's point
   * of no return (`atReload`) a store that cannot record the activation does not stop it: the new key signs (it is
   * published from memory); at start-up the store's error fails the start.
   */
  const prepare = async (next: LoadedConfig, atReload: boolean): Promise<() => Promise<void>> => {
    const s = next.config.pins.signing.enabled ? createDefinitionSigner(await loadKey(next, deps)) : undefined;
    return () => activate(next, s, atReload);
  };
  const activate = async (next: LoadedConfig, s: DefinitionSigner | undefined, atReload: boolean): Promise<void> => {
    retiredDays = next.config.pins.signing.retiredKeyDays;
    cached = undefined;
    if (!s) {
      signer = undefined;
      return;
    }
    if (s.kid !== signer?.kid) {
      try {
        const previous = (await deps.store.signingKeys()).find((k) => k.retiredAt === undefined)?.kid;
        await deps.store.activateSigningKey({ kid: s.kid, jwk: { ...s.jwk } }, now().toISOString());
        if (previous && previous !== s.kid) {
          deps.log(`tool signing key rotated: ${previous} retired (still published), ${s.kid} active`);
          deps.onRotated?.({ kid: s.kid, previousKid: previous });
        }
      } catch (e) {
        if (!atReload) throw e;
        deps.log(
          `config reload: tool signing key ${s.kid} active, but not recorded in the store (the key it replaces is not published as retired): ${(e as Error).message}`,
        );
      }
    }
    signer = s;
  };
  const activateFirst = await prepare(loaded, false);
  await activateFirst();

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
    prepare: (next) => prepare(next, true),
    async reload(next) {
      const activateNext = await prepare(next, true);
      await activateNext();
    },
  };
}
