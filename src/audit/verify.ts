import type { KeyObject } from 'node:crypto';
import { GENESIS_HASH, parseBody, sha256Hex } from './chain.js';
import { keyIdOf, verifyCheckpointSignature } from './signing.js';
import type { AuditStore, StoredRecord } from './store.js';
import type { SignedCheckpoint, VerifyIssue, VerifyRange, VerifyResult } from './types.js';

export interface VerifyOptions {
  /** Key the checkpoints must be signed with. */
  publicKey: KeyObject;
  keySource: VerifyResult['keySource'];
  range?: VerifyRange;
  /** Checkpoints kept outside the database (from `audit export --format checkpoints`). */
  externalCheckpoints?: SignedCheckpoint[];
  pageSize?: number;
  maxIssues?: number;
}

const CHECKPOINT_TYPE = 'audit.checkpoint.created';
const PREFIX_HEAD = '{"chain":{"prev":"';

/**
 * Walks the chain in seq order. Fast path per record: position, `chain` prefix (seq + link to the previous hash)
 * and SHA-256 of the canonical body, without parsing JSON. Anything off goes to `diagnose`, which names the kind
 * of break and its position, then re-synchronises on the stored record so later breaks are reported too.
 *
 * The log may be written while it is verified (a running gateway, other replicas): the walk covers the records up
 * to the head read at its start, and what a writer commits meanwhile is not a break (see `appendedSince`). A
 * retention run that moves the prune point during the walk deletes records the walk expected: a walk that found
 * breaks while the prune point moved is run again, once, from the new prune point.
 */
export async function verifyAuditChain(store: AuditStore, options: VerifyOptions): Promise<VerifyResult> {
  const prunePoint = () => store.getMeta('retention.prunedBefore');
  const before = await prunePoint();
  const result = await verifyOnce(store, options);
  if (result.ok || (await prunePoint()) === before) return result;
  return verifyOnce(store, options);
}

async function verifyOnce(store: AuditStore, options: VerifyOptions): Promise<VerifyResult> {
  const started = performance.now();
  const maxIssues = options.maxIssues ?? 1000;
  const pageSize = options.pageSize ?? 5000;
  const issues: VerifyIssue[] = [];
  const report = (i: VerifyIssue) => {
    if (issues.length < maxIssues) issues.push(i);
  };
  const keyId = keyIdOf(options.publicKey);
  const first = await store.first();
  const last = await store.head();
  const result = (records: number, checkpoints: number, firstSeq?: number, lastSeq?: number): VerifyResult => {
    // In log order: checkpoint problems are found first but belong where they point.
    issues.sort((a, b) => a.seq - b.seq);
    return {
      ok: issues.length === 0,
      records,
      ...(firstSeq !== undefined ? { firstSeq } : {}),
      ...(lastSeq !== undefined ? { lastSeq } : {}),
      checkpoints,
      issues,
      keySource: options.keySource,
      durationMs: Math.round(performance.now() - started),
    };
  };

  const headSeq = last?.seq ?? 0;
  // A retention run that stopped part-way leaves records below its (signed-checkpoint) prune point: they are
  // out of retention and about to go, so verification starts at the prune point.
  const prunedBefore = Number((await store.getMeta('retention.prunedBefore')) ?? 0);
  const start = first && prunedBefore > first.seq && prunedBefore <= headSeq ? prunedBefore : (first?.seq ?? 1);
  const from = Math.max(options.range?.fromSeq ?? 1, start);
  const to = Math.min(options.range?.toSeq ?? Number.MAX_SAFE_INTEGER, headSeq);
  const toEnd = options.range?.toSeq === undefined || options.range.toSeq >= headSeq;
  // A checkpoint beyond the head read above is either a cut-off tail or was committed (with its record, in one
  // transaction) after that read by a writer still appending: then its record is there now, with the signed hash,
  // and it belongs to the next verification, not to this one.
  const appendedSince = async (cp: SignedCheckpoint) => (await store.readRange(cp.seq, cp.seq, 1))[0]?.hash === cp.hash;

  // Checkpoints: signature first; a checkpoint beyond the head means the tail was cut off.
  const stored = await store.checkpoints(from, Number.MAX_SAFE_INTEGER);
  const valid = new Map<number, SignedCheckpoint>();
  for (const cp of stored) {
    if (cp.seq > to && !toEnd) continue;
    if (cp.keyId !== keyId || !verifyCheckpointSignature(cp, options.publicKey)) {
      report({
        kind: 'checkpoint-invalid',
        seq: cp.seq,
        message:
          cp.keyId !== keyId
            ? `checkpoint at seq ${cp.seq} is signed by another key (${cp.keyId}, expected ${keyId}): the log was re-signed, or the wrong key was given`
            : `checkpoint at seq ${cp.seq} has an invalid signature (forged or altered)`,
      });
      continue;
    }
    if (cp.seq > headSeq && (await appendedSince(cp))) continue;
    valid.set(cp.seq, cp);
    if (cp.seq > headSeq)
      report({
        kind: 'truncated',
        seq: headSeq + 1,
        message: `signed checkpoint at seq ${cp.seq} but the log ends at seq ${headSeq}: records ${headSeq + 1}..${cp.seq} were removed`,
      });
  }
  const seen = new Set<string>();
  for (const cp of options.externalCheckpoints ?? []) {
    if (cp.seq < from || (cp.seq > to && !toEnd)) continue;
    // The same checkpoint often comes from several places (anchor file, sinks, an export).
    if (seen.has(`${cp.seq}:${cp.signature}`)) continue;
    seen.add(`${cp.seq}:${cp.signature}`);
    if (cp.keyId !== keyId || !verifyCheckpointSignature(cp, options.publicKey)) {
      report({
        kind: 'checkpoint-invalid',
        seq: cp.seq,
        message:
          cp.keyId !== keyId
            ? `anchored checkpoint at seq ${cp.seq} is signed by key ${cp.keyId}, but the log verifies with key ${keyId}: the log was re-signed with another key`
            : `anchored checkpoint at seq ${cp.seq} has an invalid signature`,
      });
      continue;
    }
    if (cp.seq > headSeq && !valid.has(cp.seq)) {
      if (!(await appendedSince(cp)))
        report({
          kind: 'truncated',
          seq: headSeq + 1,
          message: `anchored checkpoint at seq ${cp.seq} but the log ends at seq ${headSeq}: records ${headSeq + 1}..${cp.seq} were removed`,
        });
      continue;
    }
    const mine = valid.get(cp.seq);
    if (mine && mine.hash !== cp.hash)
      report({
        kind: 'checkpoint-mismatch',
        seq: cp.seq,
        message: `checkpoint at seq ${cp.seq} differs from the external copy`,
      });
    if (!mine && cp.seq <= headSeq) {
      report({
        kind: 'checkpoint-missing',
        seq: cp.seq,
        message: `external checkpoint at seq ${cp.seq} is missing from the database`,
      });
      valid.set(cp.seq, cp);
    }
  }
  if (!first || !last || from > to) return result(0, valid.size);

  // Anchor: the genesis hash, the previous stored record, or (after retention) a signed checkpoint record.
  let expectedPrev: string;
  let expectedSeq = from;
  if (from === 1) expectedPrev = GENESIS_HASH;
  else if (from > start) {
    const before = await store.readRange(from - 1, from - 1, 1);
    if (before[0]) expectedPrev = before[0].hash;
    else {
      report({ kind: 'deleted', seq: from - 1, message: `record ${from - 1} (before the verified range) is missing` });
      expectedPrev = '';
    }
  } else {
    const anchor = (await store.readRange(from, from, 1))[0];
    const parsed = anchor ? parseBody(anchor.body) : undefined;
    const cp = valid.get(from);
    if (!anchor || !cp || cp.hash !== anchor.hash || parsed?.event.type !== CHECKPOINT_TYPE) {
      report({
        kind: 'unanchored',
        seq: from,
        message: `the log starts at seq ${from}, which is not a signed checkpoint: records 1..${from - 1} were deleted`,
      });
    }
    expectedPrev = parsed?.prev ?? '';
  }

  const recent: Array<{ seq: number; hash: string; clean: boolean }> = [];
  let shift = 0;
  let count = 0;
  let cursor = from;
  let lastSeq = from - 1;
  for (;;) {
    const rows = await store.readRange(cursor, to, pageSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      count++;
      // Same as row.body.startsWith(chainPrefix(expectedSeq, expectedPrev)), without building the prefix.
      let clean =
        row.seq === expectedSeq &&
        row.body.startsWith(PREFIX_HEAD) &&
        row.body.startsWith(expectedPrev, PREFIX_HEAD.length) &&
        row.body.startsWith(`","seq":${expectedSeq}},"event":`, PREFIX_HEAD.length + expectedPrev.length) &&
        expectedPrev.length === 64 &&
        sha256Hex(row.body) === row.hash;
      if (!clean) {
        const d = diagnose(row, expectedSeq, expectedPrev, recent, shift);
        shift = d.shift;
        for (const i of d.issues) report(i);
        clean = d.issues.length === 0 && d.shift === 0;
      }
      const cp = valid.get(row.seq);
      if (cp && cp.hash !== row.hash) {
        report({
          kind: 'checkpoint-mismatch',
          seq: row.seq,
          message: `record ${row.seq} differs from its signed checkpoint: records up to ${row.seq} were rewritten`,
        });
      }
      if (!cp && row.body.includes(CHECKPOINT_TYPE) && parseBody(row.body)?.event.type === CHECKPOINT_TYPE) {
        report({
          kind: 'checkpoint-missing',
          seq: row.seq,
          message: `record ${row.seq} is a checkpoint record but its signed checkpoint is missing or invalid`,
        });
      }
      recent.push({ seq: row.seq, hash: row.hash, clean });
      if (recent.length > 32) recent.shift();
      expectedPrev = row.hash;
      expectedSeq = row.seq + 1;
      lastSeq = row.seq;
    }
    cursor = lastSeq + 1;
    if (rows.length < pageSize) break;
  }
  return result(count, valid.size, from, lastSeq);
}

function diagnose(
  row: StoredRecord,
  expectedSeq: number,
  expectedPrev: string,
  recent: ReadonlyArray<{ seq: number; hash: string; clean: boolean }>,
  shift: number,
): { issues: VerifyIssue[]; shift: number } {
  const issues: VerifyIssue[] = [];
  const at = row.seq;
  if (row.seq > expectedSeq) {
    issues.push({
      kind: 'deleted',
      seq: expectedSeq,
      message:
        row.seq - expectedSeq === 1
          ? `record ${expectedSeq} was deleted`
          : `records ${expectedSeq}..${row.seq - 1} were deleted`,
    });
  }
  const parsed = parseBody(row.body);
  if (!parsed) {
    issues.push({ kind: 'modified', seq: at, message: `record ${at} is not a valid record (content modified)` });
    return { issues, shift: 0 };
  }
  if (sha256Hex(row.body) !== row.hash) {
    issues.push({ kind: 'modified', seq: at, message: `record ${at} does not match its hash (content modified)` });
    return { issues, shift: 0 };
  }
  const linked = parsed.prev === expectedPrev;
  if (parsed.seq !== at) {
    const offset = at - parsed.seq;
    // Same renumbering as the record before, and still linked to it: part of a break already reported.
    if (offset === shift && linked) return { issues, shift };
    const anchor = recent.find((r) => r.seq === parsed.seq - 1);
    const inserted =
      offset > 0 && anchor?.hash === parsed.prev && recent.find((r) => r.seq === parsed.seq)?.clean === true;
    if (inserted) {
      issues.push({
        kind: 'inserted',
        seq: parsed.seq,
        message: `${offset === 1 ? 'a record was' : `${offset} records were`} inserted at position ${parsed.seq} (record ${parsed.seq} now sits at ${at})`,
      });
    } else {
      issues.push({
        kind: 'reordered',
        seq: at,
        message: `position ${at} holds record ${parsed.seq}: records were reordered, renumbered or removed`,
      });
    }
    return { issues, shift: offset };
  }
  if (!linked && row.seq === expectedSeq) {
    issues.push({
      kind: 'broken-link',
      seq: at,
      message: `record ${at} does not follow record ${at - 1}: record ${at - 1} was modified, replaced or removed`,
    });
  }
  return { issues, shift: 0 };
}
