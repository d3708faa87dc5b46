import { chmod, mkdir, open, readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { SignedCheckpoint } from './types.js';

/**
 * The anchor file: an append-only JSON Lines copy of every signed checkpoint, kept OUTSIDE the data directory, so
 * whoever can rewrite the database (or delete the whole data directory) cannot also take back what was anchored.
 * Each line is a `SignedCheckpoint`; a line may also carry the public key the checkpoints are signed with
 * (written when the file is started and whenever the key changes), and a line with `reset` marks an operator's
 * explicit start of a new log (`serve --audit-new-log`): checkpoints before it belong to the previous log.
 * Lines are only ever appended, each with an fsync; a torn last line (crash mid-write) is ignored on reading.
 */
export interface AnchorLine extends Partial<SignedCheckpoint> {
  /** PEM of the Ed25519 public key the following checkpoints are signed with. */
  publicKey?: string;
  /** An explicit new log started here; `previous` is the newest checkpoint of the log it replaces. */
  reset?: { ts: string; reason: string; previous?: { seq: number; hash: string } };
}

export interface Anchors {
  /** Checkpoints since the last reset, ascending by seq (as appended). */
  checkpoints: SignedCheckpoint[];
  /** First public key declared since the last reset (trust on first use), if any. */
  publicKey?: string;
  /** Every distinct key id declared since the last reset. */
  keyIds: string[];
  /** The last reset line, if the log was explicitly restarted. */
  reset?: NonNullable<AnchorLine['reset']>;
  /** Lines that were not anchors (torn last line, foreign content). */
  skipped: number;
}

/**
 * Default place of the anchor file: next to the data directory, not in it (`/var/lib/portcullis/data` →
 * `/var/lib/portcullis/data.audit-anchor.jsonl`), so removing or restoring the data directory leaves it.
 * Production deployments should point `audit.anchorPath` at another volume or an append-only file.
 */
export function defaultAnchorPath(dataDir: string): string {
  const abs = resolve(dataDir);
  return resolve(dirname(abs), `${basename(abs)}.audit-anchor.jsonl`);
}

export function isSignedCheckpoint(x: unknown): x is SignedCheckpoint {
  const c = x as Partial<SignedCheckpoint> | null;
  return (
    !!c &&
    c.v === 1 &&
    Number.isSafeInteger(c.seq) &&
    typeof c.hash === 'string' &&
    typeof c.ts === 'string' &&
    typeof c.keyId === 'string' &&
    typeof c.signature === 'string'
  );
}

/** A checkpoint as a sink or a JSONL export carries it: an `audit.checkpoint.created` record with its signature. */
export function checkpointFromRecord(x: unknown): SignedCheckpoint | undefined {
  const r = x as {
    type?: unknown;
    seq?: unknown;
    hash?: unknown;
    timestamp?: unknown;
    signature?: unknown;
    detail?: { keyId?: unknown };
  } | null;
  if (!r || r.type !== 'audit.checkpoint.created' || typeof r.signature !== 'string') return undefined;
  if (!Number.isSafeInteger(r.seq) || typeof r.hash !== 'string' || typeof r.timestamp !== 'string') return undefined;
  if (typeof r.detail?.keyId !== 'string') return undefined;
  return {
    v: 1,
    seq: r.seq as number,
    hash: r.hash,
    ts: r.timestamp,
    keyId: r.detail.keyId,
    signature: r.signature,
  };
}

/**
 * Parses anchor text: anchor lines, `audit export --format checkpoints` output, and sink / JSONL-export output
 * (checkpoint records carrying their signature) are all accepted.
 */
export function parseAnchors(text: string): Anchors {
  let out: Anchors = { checkpoints: [], keyIds: [], skipped: 0 };
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      out.skipped++;
      continue;
    }
    const a = parsed as AnchorLine;
    if (a && typeof a === 'object' && a.reset && typeof a.reset.ts === 'string') {
      out = { checkpoints: [], keyIds: [], skipped: out.skipped, reset: a.reset };
    }
    if (a && typeof a.publicKey === 'string' && out.publicKey === undefined) out.publicKey = a.publicKey;
    const cp = isSignedCheckpoint(a) ? a : checkpointFromRecord(a);
    if (cp) {
      out.checkpoints.push({
        v: 1,
        seq: cp.seq,
        hash: cp.hash,
        ts: cp.ts,
        keyId: cp.keyId,
        signature: cp.signature,
      });
      if (!out.keyIds.includes(cp.keyId)) out.keyIds.push(cp.keyId);
    } else if (!a?.publicKey && !a?.reset) out.skipped++;
  }
  return out;
}

/** Reads anchors from a file; a missing file has none. */
export async function readAnchors(path: string): Promise<Anchors> {
  try {
    return parseAnchors(await readFile(path, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { checkpoints: [], keyIds: [], skipped: 0 };
    throw e;
  }
}

/** The newest checkpoint (highest seq) of a set. */
export function newestCheckpoint(cps: readonly SignedCheckpoint[]): SignedCheckpoint | undefined {
  let best: SignedCheckpoint | undefined;
  for (const c of cps) if (!best || c.seq > best.seq) best = c;
  return best;
}

export interface AnchorWriter {
  readonly path: string;
  /** Appends one line and fsyncs it. Appends are serialised in call order. */
  append(line: AnchorLine): Promise<void>;
  /** Resolves when every append so far has settled. */
  flush(): Promise<void>;
}

export function createAnchorWriter(path: string): AnchorWriter {
  let tail: Promise<void> = Promise.resolve();
  let created = false;
  async function write(line: AnchorLine): Promise<void> {
    if (!created) {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      created = true;
    }
    // 'a': O_APPEND, so concurrent writers (several gateway processes) never overwrite each other's lines.
    const fh = await open(path, 'a', 0o600);
    try {
      await fh.write(`${JSON.stringify(line)}\n`);
      await fh.datasync();
    } finally {
      await fh.close();
    }
    await chmod(path, 0o600).catch(() => undefined);
  }
  return {
    path,
    append(line) {
      const p = tail.then(() => write(line));
      tail = p.catch(() => undefined);
      return p;
    },
    flush: () => tail,
  };
}
