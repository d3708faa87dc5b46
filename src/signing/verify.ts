/**
 * Verifies Portcullis-signed tool definitions: what a client (an agent, or `portcullis tools verify`) uses to check
 * that the definitions it was served are the ones the gateway signed, byte for byte. Depends only on node:crypto and
 * the canonical JSON of src/audit/ — importable from the package as `portcullis/verify` (also `portcullis`).
 *
 * Scheme: `_meta["io.portcullis/signature"] = { kid, alg: "EdDSA", sig }`, where `sig` is the base64url Ed25519
 * signature over the RFC 8785 canonical JSON of the definition without that key (and without `_meta` when the key
 * was its only member). Keys are published as a JWK set at `/.well-known/portcullis/tool-signing-keys`.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { canonicalize } from '../audit/canonical-json.js';

export const SIGNATURE_KEY = 'io.portcullis/signature';
export const SIGNING_KEYS_PATH = '/.well-known/portcullis/tool-signing-keys';

export interface Ed25519Jwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid?: string;
  alg?: 'EdDSA';
  use?: 'sig';
}

export interface JwkSet {
  keys: Ed25519Jwk[];
}

export interface DefinitionSignature {
  kid: string;
  alg: 'EdDSA';
  sig: string;
}

export type VerifyResult = { ok: true; kid: string } | { ok: false; reason: string };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The bytes a signature covers: the definition without its signature, canonicalised. */
export function signedPayload(definition: Json): Buffer {
  const meta = isObject(definition._meta) ? definition._meta : undefined;
  let unsigned: Json = definition;
  if (meta && SIGNATURE_KEY in meta) {
    const { [SIGNATURE_KEY]: _drop, ...rest } = meta;
    const { _meta: _m, ...withoutMeta } = definition;
    unsigned = Object.keys(rest).length > 0 ? { ...withoutMeta, _meta: rest } : withoutMeta;
  }
  return Buffer.from(canonicalize(unsigned), 'utf8');
}

/** The signature a definition carries, if it is well formed. */
export function signatureOf(definition: Json): DefinitionSignature | undefined {
  const s = isObject(definition._meta) ? definition._meta[SIGNATURE_KEY] : undefined;
  if (!isObject(s) || typeof s.kid !== 'string' || s.alg !== 'EdDSA' || typeof s.sig !== 'string') return undefined;
  return { kid: s.kid, alg: 'EdDSA', sig: s.sig };
}

const keyCache = new WeakMap<object, KeyObject>();
function publicKeyOf(jwk: Ed25519Jwk): KeyObject | undefined {
  const hit = keyCache.get(jwk);
  if (hit) return hit;
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') return undefined;
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
    keyCache.set(jwk, key);
    return key;
  } catch {
    return undefined;
  }
}

const keysOf = (keys: JwkSet | readonly Ed25519Jwk[]): readonly Ed25519Jwk[] => (isKeyList(keys) ? keys : keys.keys);
const isKeyList = (k: JwkSet | readonly Ed25519Jwk[]): k is readonly Ed25519Jwk[] => Array.isArray(k);

/**
 * Checks one definition against a key set. Fails (never throws) when the signature is missing or malformed, names a
 * key that is not in the set, or does not verify: any change to any byte of the signed content fails it.
 */
export function verifyToolDefinition(definition: unknown, keys: JwkSet | readonly Ed25519Jwk[]): VerifyResult {
  if (!isObject(definition)) return { ok: false, reason: 'not a JSON object' };
  const s = signatureOf(definition);
  if (!s) return { ok: false, reason: `no signature under _meta["${SIGNATURE_KEY}"]` };
  const set = keysOf(keys);
  // A key id must match; a key without one is tried only when the set holds that single key.
  const jwk = set.find((k) => k.kid === s.kid) ?? (set.length === 1 && !set[0]!.kid ? set[0] : undefined);
  if (!jwk) return { ok: false, reason: `signed by unknown key ${s.kid}` };
  const key = publicKeyOf(jwk);
  if (!key) return { ok: false, reason: `key ${s.kid} is not an Ed25519 JWK` };
  // Node's base64url decoder is lenient (it skips stray characters and ignores the unused low bits of the last one),
  // so the text must be exactly the canonical encoding of 64 bytes: one signature has one spelling.
  const sig = Buffer.from(s.sig, 'base64url');
  if (sig.length !== 64) return { ok: false, reason: 'signature is not 64 bytes' };
  if (sig.toString('base64url') !== s.sig) return { ok: false, reason: 'signature is not canonical base64url' };
  let payload: Buffer;
  try {
    payload = signedPayload(definition);
  } catch (e) {
    return { ok: false, reason: `definition cannot be canonicalised: ${(e as Error).message}` };
  }
  return verify(null, payload, key, sig)
    ? { ok: true, kid: s.kid }
    : { ok: false, reason: 'signature does not verify' };
}

/**
 * Checks every definition of a listing: a `tools/list` result (`{ tools }`), a `prompts/list` result (`{ prompts }`),
 * both (`{ tools, prompts }`), or an array of definitions. `ok` only when there is at least one and all verify.
 */
export function verifyDefinitionList(
  list: unknown,
  keys: JwkSet | readonly Ed25519Jwk[],
): { ok: boolean; definitions: ({ kind: 'tool' | 'prompt'; name: string } & VerifyResult)[] } {
  const groups: ['tool' | 'prompt', unknown[]][] = Array.isArray(list)
    ? [['tool', list]]
    : isObject(list)
      ? (['tool', 'prompt'] as const).flatMap((k) => {
          const v = list[`${k}s`];
          return Array.isArray(v) ? [[k, v] as ['tool' | 'prompt', unknown[]]] : [];
        })
      : [];
  if (groups.length === 0)
    return {
      ok: false,
      definitions: [{ kind: 'tool', name: '(input)', ok: false, reason: 'not a tools/list or prompts/list result' }],
    };
  const definitions = groups.flatMap(([kind, defs]) =>
    defs.map((d: unknown) => ({
      kind,
      name: isObject(d) && typeof d.name === 'string' ? d.name : '(unnamed)',
      ...verifyToolDefinition(d, keys),
    })),
  );
  return { ok: definitions.length > 0 && definitions.every((r) => r.ok), definitions };
}

/** Checks every definition of a `tools/list` result (or an array of tools). */
export function verifyToolList(
  list: unknown,
  keys: JwkSet | readonly Ed25519Jwk[],
): { ok: boolean; tools: ({ name: string } & VerifyResult)[] } {
  const tools = Array.isArray(list) ? list : isObject(list) && Array.isArray(list.tools) ? list.tools : undefined;
  if (!tools) return { ok: false, tools: [{ name: '(input)', ok: false, reason: 'not a tools/list result' }] };
  const r = verifyDefinitionList(tools, keys);
  return { ok: r.ok, tools: r.definitions.map(({ kind: _k, ...rest }) => rest) };
}

/** Fetches a gateway's public signing keys (`<gateway origin>/.well-known/portcullis/tool-signing-keys`). */
export async function fetchSigningKeys(gatewayUrl: string | URL, init?: RequestInit): Promise<JwkSet> {
  const url = new URL(SIGNING_KEYS_PATH, gatewayUrl);
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${url.href}: HTTP ${res.status}`);
  const body = await res.json();
  if (!isObject(body) || !Array.isArray(body.keys)) throw new Error(`${url.href}: not a JWK set`);
  return body as unknown as JwkSet;
}
