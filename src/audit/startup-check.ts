import { newestCheckpoint, type Anchors } from './anchor.js';
import type { AuditStore } from './store.js';

/**
 * What the store must show, given what was anchored outside it: the newest anchored checkpoint's record, with the
 * same hash (unless retention pruned it), signed by the same key. Returns the problem, or undefined when the store is
 * consistent with its anchors. A log that does not match is never opened silently: the operator restores it or
 * starts a new log.
 */
export async function checkAgainstAnchors(
  store: AuditStore,
  anchors: Anchors,
  keyId: string,
): Promise<string | undefined> {
  const newest = newestCheckpoint(anchors.checkpoints);
  if (!newest) return undefined;
  if (!anchors.keyIds.includes(keyId))
    return `the audit signing key (id ${keyId}) is not the key of the anchored checkpoints (id ${anchors.keyIds.join(', ')}): the key was replaced`;
  const head = await store.head();
  if (!head) return `the audit log is empty, but the anchor holds a signed checkpoint at seq ${newest.seq}`;
  if (head.seq < newest.seq)
    return `the audit log ends at seq ${head.seq}, but the anchor holds a signed checkpoint at seq ${newest.seq}: records were removed`;
  const row = (await store.readRange(newest.seq, newest.seq, 1))[0];
  // Retention (of another replica sharing the log) may have pruned it: verify then starts at the prune point's
  // signed checkpoint. Gone without a prune covering it, or there but different, is tampering.
  if (!row && newest.seq < Number((await store.getMeta('retention.prunedBefore')) ?? 0)) return undefined;
  if (!row || row.hash !== newest.hash)
    return `record ${newest.seq} of the audit log does not match its anchored checkpoint: the log was rewritten or replaced`;
  return undefined;
}
