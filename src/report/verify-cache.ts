import type { VerifyRange, VerifyResult } from '../audit/types.js';

export interface VerifyCacheOptions {
  /** How often the whole chain is walked again (default 5 minutes); in between only new records are. */
  fullEveryMs?: number;
  now?: () => number;
}

/**
 * Chain verification for the security report, cheap enough to run on every report request: the whole chain is
 * verified at most every `fullEveryMs`; in between, only the records appended since the last verified one (linked to
 * it by their `prev` hash) are, and the results are combined. A broken chain is always verified whole again.
 * Concurrent requests share one run. (`POST /api/v1/audit/verify` and `portcullis audit verify` always walk
 * everything.) The gateway appends while a run is under way: a run covers the records up to the head it read
 * first, and what is committed meanwhile (a checkpoint included) is left to the next run, never reported as a break.
 */
export function createVerifyCache(
  verify: (range?: VerifyRange) => Promise<VerifyResult>,
  options: VerifyCacheOptions = {},
): () => Promise<VerifyResult> {
  const fullEvery = options.fullEveryMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  let base: { result: VerifyResult; fullAt: number } | undefined;
  let running: Promise<VerifyResult> | undefined;

  const run = async (): Promise<VerifyResult> => {
    const t = now();
    if (!base || !base.result.ok || base.result.lastSeq === undefined || t - base.fullAt >= fullEvery) {
      const result = await verify();
      base = { result, fullAt: t };
      return result;
    }
    const prev = base.result;
    const inc = await verify({ fromSeq: prev.lastSeq! + 1 });
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
    base = { result, fullAt: base.fullAt };
    return result;
  };

  return () => {
    running ??= run().finally(() => (running = undefined));
    return running;
  };
}
