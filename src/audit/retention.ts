import type { RetentionConfig } from './config-schema.js';
import type { AuditStore } from './store.js';

export interface RetentionResult {
  /** Records with seq < prunedBefore are gone; the record at prunedBefore is a signed checkpoint (the new anchor). */
  prunedBefore: number;
  deleted: number;
  reason: 'age' | 'records' | 'none';
}

const DAY_MS = 86_400_000;

/**
 * Prunes by age and/or count, but only up to a signed checkpoint: the oldest retained record is always a
 * checkpoint record, whose signature vouches for its hash and therefore for its link to the pruned past, so
 * `verify` can still check the whole retained chain. Records newer than the latest eligible checkpoint stay
 * even if the policy would allow removing them.
 */
export async function applyRetention(store: AuditStore, policy: RetentionConfig, now: Date): Promise<RetentionResult> {
  const none: RetentionResult = { prunedBefore: 0, deleted: 0, reason: 'none' };
  const first = await store.first();
  const head = await store.head();
  if (!first || !head) return none;
  let cutoff = 0;
  let reason: RetentionResult['reason'] = 'none';
  if (policy.maxRecords !== undefined && head.seq - policy.maxRecords + 1 > cutoff) {
    cutoff = head.seq - policy.maxRecords + 1;
    reason = 'records';
  }
  if (policy.maxAgeDays !== undefined) {
    const old = await store.lastSeqBefore(new Date(now.getTime() - policy.maxAgeDays * DAY_MS).toISOString());
    if (old !== undefined && old + 1 > cutoff) {
      cutoff = old + 1;
      reason = 'age';
    }
  }
  if (cutoff <= first.seq) return none;
  const candidates = await store.checkpoints(first.seq + 1, cutoff);
  const anchor = candidates[candidates.length - 1];
  if (!anchor) return none;
  const deleted = await store.prune(anchor.seq);
  return { prunedBefore: anchor.seq, deleted, reason };
}
