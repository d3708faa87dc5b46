import type { AuditStore } from '../audit/store.js';
import type { VerifyRange, VerifyResult } from '../audit/types.js';

export interface VerifyCacheDeps {
  verify: (range?: VerifyRange) => Promise<VerifyResult>;
  /** The log verified: where it starts is read on every run, to notice that records were pruned. */
  store: Pick<AuditStore, 'first' | 'getMeta'>;
}

export interface VerifyCacheOptions {
  /** How often the whole chain is walked again (default 5 minutes); in between only new records are. */
  fullEveryMs?: number;
  now?: () => number;
}

/**
 * Where the log starts: its first record and the prune point retention records before deleting. Both only move
 * forward, and only when records at the start of the log go (a retention run here or on another replica sharing the
 * database, whole or interrupted).
 */
async function startOf(store: VerifyCacheDeps['store']): Promise<string> {
  const [first, prunedBefore] = await Promise.all([store.first(), store.getMeta('retention.prunedBefore')]);
  return `${first?.seq ?? 'empty'}/${prunedBefore ?? 0}`;
}

/**
 * Chain verification for the security report, cheap enough to run on every report request: the whole chain is
 * verified at most every `fullEveryMs`; in between, only the records appended since the last verified one (linked to
 * it by their `prev` hash) are, and the results are combined. A broken chain is always verified whole again.
 * Concurrent requests share one run. (`POST /api/v1/audit/verify` and `portcullis audit verify` always walk
 * everything.) The gateway appends while a run is under way: a run covers the records up to the head it read
 * first, and what is committed meanwhile (a checkpoint included) is left to the next run, never reported as a break.
 *
 * Combining is only true while the records already verified are all still there. Records leave the log only from its
 * start (retention pruning up to a signed checkpoint, by this process or by another replica on the shared database),
 * so every run reads where the log starts after its incremental walk: if that moved since the last whole walk, the
 * carried-over counts (records, first seq, checkpoints) would include deleted records, and the chain is walked whole
 * at once instead. Reading it after the walk also covers a prune that lands during the walk.
 */
export function createVerifyCache(
  deps: VerifyCacheDeps,
  options: VerifyCacheOptions = {},
): () => Promise<VerifyResult> {
  const { verify, store } = deps;
  const fullEvery = options.fullEveryMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  let base: { result: VerifyResult; fullAt: number; start: string } | undefined;
  let running: Promise<VerifyResult> | undefined;

  const full = async (t: number): Promise<VerifyResult> => {
    // Read before the walk: a prune during it makes the next run walk whole again (never the reverse).
    const start = await startOf(store);
    const result = await verify();
    base = { result, fullAt: t, start };
    return result;
  };

  const run = async (): Promise<VerifyResult> => {
    const t = now();
    if (!base || !base.result.ok || base.result.lastSeq === undefined || t - base.fullAt >= fullEvery) return full(t);
    const prev = base.result;
    const inc = await verify({ fromSeq: prev.lastSeq! + 1 });
    if ((await startOf(store)) !== base.start) return full(t);
    const result: VerifyResult = {
      ...prev,
      ok: inc.ok,
      records: prev.records + inc.records,
      ...(inc.lastSeq !== undefined ? { lastSeq: inc.lastSeq } : {}),
      checkpoints: prev.checkpoints + inc.checkpoints,
      issues: inc.issues,
      keySource: inc.keySource,
      ...(inc.anchors ? { anchors: inc.anchors } : {}),
      durationMs: inc.durationMs,
    };
    base = { ...base, result };
    return result;
  };

  return () => {
    running ??= run().finally(() => (running = undefined));
    return running;
  };
}
