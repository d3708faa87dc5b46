import type { JsonObject } from '../core/tool.js';
import type { Tx } from '../storage/repositories.js';
import type { PinKind } from './definition.js';

/** A definition that differs from the accepted one (or a new one held back): what an admin reviews and accepts. */
export interface PendingDefinition {
  hash: string;
  definition: JsonObject;
  /** `changed`: differs from the accepted definition; `new`: appeared on a backend that was already pinned. */
  reason: 'changed' | 'new';
  since: string;
}

/** One pinned tool or prompt, by its namespaced name. */
export interface PinRecord {
  kind: PinKind;
  name: string;
  backend: string;
  /** SHA-256 of the accepted definition's pinned fields; absent while a new definition waits for acceptance. */
  hash?: string;
  definition?: JsonObject;
  pinnedAt?: string;
  /** Who accepted it; absent for a pin taken on first use. */
  acceptedBy?: string;
  acceptReason?: string;
  /** Set while the tool is quarantined. */
  pending?: PendingDefinition;
}

/** Pins behind the storage seam; every method accepts an optional transaction. */
export interface PinRepository {
  list(tx?: Tx): Promise<PinRecord[]>;
  get(kind: PinKind, name: string, tx?: Tx): Promise<PinRecord | undefined>;
  /** Records a first pin (trust on first use, or a new definition held back); false when one already exists. */
  insert(rec: PinRecord, tx?: Tx): Promise<boolean>;
  /** Records (or replaces) the pending definition of an existing pin; false when there is no such pin. */
  setPending(kind: PinKind, name: string, pending: PendingDefinition, tx?: Tx): Promise<boolean>;
  /** Drops the pending definition (the backend went back to the accepted one). */
  clearPending(kind: PinKind, name: string, tx?: Tx): Promise<boolean>;
  /**
   * Makes the pending definition the accepted one, only if its hash is `hash` (so an admin accepts exactly what they
   * reviewed). Returns the updated record, or undefined when nothing pending matched.
   */
  accept(
    kind: PinKind,
    name: string,
    accept: { hash: string; by: string; reason: string; at: string },
    tx?: Tx,
  ): Promise<PinRecord | undefined>;
  /** Changes whenever any pin changes (polled by running gateways to pick up another process's accept). */
  revision(tx?: Tx): Promise<string>;
  /** Public keys served definitions were signed with (src/signing/), newest first. Never private keys. */
  signingKeys(tx?: Tx): Promise<SigningKeyRecord[]>;
  /**
   * Makes `key` the active signing key: recorded when new (or made active again), every other active key retired
   * at `at` (it stays published for a while so clients holding older listings can still verify them).
   */
  activateSigningKey(key: { kid: string; jwk: JsonObject }, at: string, tx?: Tx): Promise<void>;
  /** Writes a key record exactly as given, times included (`storage copy`); false when the kid exists. */
  restoreSigningKey(key: SigningKeyRecord, tx?: Tx): Promise<boolean>;
}

/** A public signing key as stored: the JWK, when it was first used, and when it was replaced. */
export interface SigningKeyRecord {
  kid: string;
  jwk: JsonObject;
  createdAt: string;
  retiredAt?: string;
}

export interface SigningKeyRow {
  kid: string;
  jwk: string;
  created_at: string;
  retired_at: string | null;
}

export const toSigningKey = (r: SigningKeyRow): SigningKeyRecord => ({
  kid: r.kid,
  jwk: JSON.parse(r.jwk) as JsonObject,
  createdAt: r.created_at,
  ...(r.retired_at ? { retiredAt: r.retired_at } : {}),
});

/** The row both back ends store. */
export interface PinRow {
  kind: string;
  name: string;
  backend: string;
  hash: string | null;
  definition: string | null;
  pinned_at: string | null;
  accepted_by: string | null;
  accept_reason: string | null;
  pending_hash: string | null;
  pending_definition: string | null;
  pending_reason: string | null;
  pending_since: string | null;
}

export function toPin(r: PinRow): PinRecord {
  return {
    kind: r.kind as PinKind,
    name: r.name,
    backend: r.backend,
    ...(r.hash ? { hash: r.hash } : {}),
    ...(r.definition ? { definition: JSON.parse(r.definition) as JsonObject } : {}),
    ...(r.pinned_at ? { pinnedAt: r.pinned_at } : {}),
    ...(r.accepted_by ? { acceptedBy: r.accepted_by } : {}),
    ...(r.accept_reason ? { acceptReason: r.accept_reason } : {}),
    ...(r.pending_hash && r.pending_definition
      ? {
          pending: {
            hash: r.pending_hash,
            definition: JSON.parse(r.pending_definition) as JsonObject,
            reason: r.pending_reason === 'new' ? 'new' : 'changed',
            since: r.pending_since ?? '',
          },
        }
      : {}),
  };
}

/** Column values of a record, in the order of the INSERT statements of both back ends. */
export function pinValues(p: PinRecord): (string | null)[] {
  return [
    p.kind,
    p.name,
    p.backend,
    p.hash ?? null,
    p.definition ? JSON.stringify(p.definition) : null,
    p.pinnedAt ?? null,
    p.acceptedBy ?? null,
    p.acceptReason ?? null,
    p.pending?.hash ?? null,
    p.pending ? JSON.stringify(p.pending.definition) : null,
    p.pending?.reason ?? null,
    p.pending?.since ?? null,
  ];
}
