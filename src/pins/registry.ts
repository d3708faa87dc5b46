import type { JsonObject } from '../core/tool.js';
import { diffDefinitions, pinOf, type DefinitionChange, type PinKind } from './definition.js';
import type { PendingDefinition, PinRecord, PinRepository } from './store.js';
import { foldName } from '../policy/glob.js';

/** What the registry says about a definition a backend offers now. */
export type PinVerdict =
  | { state: 'pinned'; hash: string; definition: JsonObject }
  | { state: 'quarantined'; hash?: string; pendingHash: string; reason: string };

export interface PinEvent {
  type: 'pinned' | 'quarantined' | 'accepted' | 'restored';
  kind: PinKind;
  name: string;
  backend: string;
  hash: string;
  /** For quarantines: the hash of the accepted definition, if any. */
  previousHash?: string;
  reasons: string[];
  user?: string;
  changes?: DefinitionChange[];
}

export interface PinRegistryOptions {
  /** `trust` (default): a tool that appears later is pinned on first use, like at first start. `quarantine`: once a backend has pins, a new tool on it waits for acceptance. */
  newTools: 'trust' | 'quarantine';
  /** How often the store is polled for changes another process made (an accept from the CLI or another replica). */
  refreshMs: number;
}

export interface PinRegistryDeps {
  store: PinRepository;
  /** Audit events (tool.pinned, tool.quarantined, tool.accepted ...). Never throws. */
  onEvent(e: PinEvent): void;
  /** The set of pins or verdicts changed: the catalog must be rebuilt. */
  onChange(): void;
  log(msg: string): void;
}

export interface PinRegistry {
  /** Loads every pin from the store (before the first catalog is built) and starts polling for changes. */
  load(): Promise<void>;
  /**
   * The verdict for a definition offered now. Synchronous (catalog rebuilds are): first sight pins it in memory at
   * once and writes it behind; a change quarantines it at once (fail closed) and records the pending definition.
   */
  check(kind: PinKind, name: string, backend: string, definition: JsonObject): PinVerdict;
  get(kind: PinKind, name: string): PinRecord | undefined;
  list(): PinRecord[];
  /** Accepts the pending definition (exactly `hash` when given). Throws PinError when there is nothing to accept. */
  accept(kind: PinKind, name: string, by: string, reason: string, hash?: string): Promise<PinRecord>;
  /** Writes still in flight (tests and shutdown). */
  flush(): Promise<void>;
  close(): void;
}

export class PinError extends Error {
  override readonly name = 'PinError';
  constructor(
    readonly code: 'not_found' | 'nothing_pending' | 'hash_mismatch',
    message: string,
  ) {
    super(message);
  }
}

const keyOf = (kind: PinKind, name: string) => `${kind}\u0000${name}`;

/** Pinning with trust on first use, backed by the store, decided from memory. One per gateway. */
export function createPinRegistry(deps: PinRegistryDeps, options: () => PinRegistryOptions): PinRegistry {
  const pins = new Map<string, PinRecord>();
  /** Pins whose write failed: quarantined (fail closed) until a later write succeeds. */
  const unrecorded = new Set<string>();
  let revision = '';
  let writes: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  /** Counts changes made here (each is written behind, or already stored by an accept); see `reload`. */
  let localChanges = 0;

  /** Store writes run one after another; a failed write is logged, and what depends on it fails closed. */
  const behind = (what: string, key: string, fn: () => Promise<unknown>) => {
    localChanges++;
    writes = writes
      .then(fn)
      .then(() => {
        if (unrecorded.delete(key)) deps.onChange();
      })
      .catch((e: unknown) => {
        deps.log(`pins: ${what} not recorded (${(e as Error).message}); withheld until it is`);
        if (key) unrecorded.add(key);
        deps.onChange();
      });
  };

  /**
   * Replaces the pins in memory with the store's. A listing read while this registry changed a pin (a first sight
   * whose write is still in flight) would forget that change, and the next definition offered under the name would
   * be trusted as if first seen: such a listing is dropped, and the next refresh reads again.
   */
  const reload = async (): Promise<boolean> => {
    const seen = localChanges;
    await writes;
    const rev = await deps.store.revision();
    if (rev === revision) return false;
    const all = await deps.store.list();
    if (localChanges !== seen) return false;
    pins.clear();
    for (const p of all) pins.set(keyOf(p.kind, p.name), p);
    revision = rev;
    return true;
  };

  const poll = () => {
    if (closed) return;
    timer = setTimeout(() => {
      reload()
        .then((changed) => changed && deps.onChange())
        .catch((e: unknown) => deps.log(`pins: refresh failed: ${(e as Error).message}`))
        .finally(poll);
    }, options().refreshMs);
    timer.unref();
  };

  const backendKnown = (backend: string) => [...pins.values()].some((p) => p.backend === backend && p.hash);

  /**
   * A known definition of the same kind whose name differs from `name` only by case or Unicode compatibility form
   * (`read_file` for `Read_File`, `ｒｅａｄ_file`): a look-alike that shadows a known tool or prompt in a person's or a
   * model's reading. Deny and hold rules already treat such names as one (policy/glob.ts foldName); pinning waits for
   * a person instead of trusting one on first use.
   */
  const lookalikeOf = (kind: PinKind, name: string): string | undefined => {
    const folded = foldName(name);
    for (const p of pins.values()) if (p.kind === kind && p.name !== name && foldName(p.name) === folded) return p.name;
    return undefined;
  };

  const newReason = (kind: PinKind, name: string): string => {
    const like = lookalikeOf(kind, name);
    return like
      ? `new ${kind} whose name differs from "${like}" only by case or Unicode form; waits for acceptance`
      : `new ${kind} on a pinned backend; waits for acceptance`;
  };

  const quarantine = (rec: PinRecord, pending: PendingDefinition): PinVerdict => {
    rec.pending = pending;
    const reason =
      pending.reason === 'new'
        ? newReason(rec.kind, rec.name)
        : `definition changed since it was pinned (${rec.hash?.slice(0, 12)} → ${pending.hash.slice(0, 12)})`;
    deps.onEvent({
      type: 'quarantined',
      kind: rec.kind,
      name: rec.name,
      backend: rec.backend,
      hash: pending.hash,
      ...(rec.hash ? { previousHash: rec.hash } : {}),
      reasons: [reason],
      changes: diffDefinitions(rec.definition ?? {}, pending.definition),
    });
    return { state: 'quarantined', ...(rec.hash ? { hash: rec.hash } : {}), pendingHash: pending.hash, reason };
  };

  return {
    async load() {
      await reload();
      poll();
    },
    check(kind, name, backend, definition) {
      const key = keyOf(kind, name);
      const { hash, fields } = pinOf(kind, definition);
      const now = new Date().toISOString();
      let rec = pins.get(key);
      if (!rec) {
        // A look-alike of a known name waits for a person whatever `newTools` says: trust on first use would let an
        // upstream add `Delete_Repo` beside a reviewed `delete_repo`.
        if (lookalikeOf(kind, name) !== undefined || (options().newTools === 'quarantine' && backendKnown(backend))) {
          rec = { kind, name, backend };
          pins.set(key, rec);
          const pending: PendingDefinition = { hash, definition: fields, reason: 'new', since: now };
          const snapshot = { ...rec, pending };
          behind(`quarantine of new ${kind} ${name}`, '', () => deps.store.insert(snapshot));
          return quarantine(rec, pending);
        }
        rec = { kind, name, backend, hash, definition: fields, pinnedAt: now };
        pins.set(key, rec);
        const snapshot = { ...rec };
        behind(`pin of ${kind} ${name}`, key, async () => {
          // Another replica pinned it first: its pin wins; the next refresh brings it here.
          if (!(await deps.store.insert(snapshot))) revision = '';
        });
        deps.onEvent({ type: 'pinned', kind, name, backend, hash, reasons: ['first seen: pinned on first use'] });
      }
      if (rec.hash === hash) {
        if (rec.pending) {
          const was = rec.pending.hash;
          delete rec.pending;
          behind(`release of ${kind} ${name}`, '', () => deps.store.clearPending(kind, name));
          deps.onEvent({
            type: 'restored',
            kind,
            name,
            backend,
            hash,
            reasons: [`the backend offers the accepted definition again (pending ${was.slice(0, 12)} dropped)`],
          });
        }
        if (unrecorded.has(key))
          return { state: 'quarantined', hash, pendingHash: hash, reason: 'its pin could not be recorded' };
        return { state: 'pinned', hash, definition: rec.definition ?? fields };
      }
      if (rec.pending?.hash === hash) {
        const reason =
          rec.pending.reason === 'new'
            ? newReason(kind, name)
            : `definition changed since it was pinned (${rec.hash?.slice(0, 12)} → ${hash.slice(0, 12)})`;
        return { state: 'quarantined', ...(rec.hash ? { hash: rec.hash } : {}), pendingHash: hash, reason };
      }
      const pending: PendingDefinition = {
        hash,
        definition: fields,
        reason: rec.hash ? 'changed' : 'new',
        since: now,
      };
      behind(`quarantine of ${kind} ${name}`, '', () => deps.store.setPending(kind, name, pending));
      return quarantine(rec, pending);
    },
    get: (kind, name) => pins.get(keyOf(kind, name)),
    list: () => [...pins.values()],
    async accept(kind, name, by, reason, hash) {
      await writes;
      const { before, after } = await acceptPending(deps.store, kind, name, by, reason, hash);
      localChanges++;
      pins.set(keyOf(kind, name), after);
      revision = '';
      deps.onEvent(acceptedEvent(before, after, by, reason));
      deps.onChange();
      return after;
    },
    flush: async () => {
      await writes;
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/**
 * Makes the pending definition of a quarantined tool or prompt the accepted one, in the store (used by the gateway's
 * REST API and by the CLI, which a running gateway then picks up from the store).
 */
export async function acceptPending(
  store: PinRepository,
  kind: PinKind,
  name: string,
  by: string,
  reason: string,
  hash?: string,
): Promise<{ before: PinRecord & { pending: PendingDefinition }; after: PinRecord }> {
  const rec = await store.get(kind, name);
  if (!rec) throw new PinError('not_found', `no pinned ${kind} named "${name}"`);
  const pending = rec.pending;
  if (!pending) throw new PinError('nothing_pending', `${kind} "${name}" is not quarantined: nothing to accept`);
  if (hash && hash !== pending.hash)
    throw new PinError(
      'hash_mismatch',
      `${kind} "${name}" waits with definition ${pending.hash}, not ${hash}: review the diff again`,
    );
  const at = new Date().toISOString();
  const after = await store.accept(kind, name, { hash: pending.hash, by, reason, at });
  if (!after)
    throw new PinError('hash_mismatch', `${kind} "${name}" changed while it was being accepted: review it again`);
  return { before: { ...rec, pending }, after };
}

/** The audit event of an acceptance. */
export function acceptedEvent(
  before: PinRecord & { pending: PendingDefinition },
  after: PinRecord,
  by: string,
  reason: string,
): PinEvent {
  return {
    type: 'accepted',
    kind: after.kind,
    name: after.name,
    backend: after.backend,
    hash: after.hash ?? before.pending.hash,
    ...(before.hash ? { previousHash: before.hash } : {}),
    reasons: [reason],
    user: by,
    changes: diffDefinitions(before.definition ?? {}, before.pending.definition),
  };
}
