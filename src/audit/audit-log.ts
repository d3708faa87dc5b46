import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { GatewayError } from '../core/errors.js';
import { toAuditRecord } from './chain.js';
import type { RetentionConfig, SinkConfig } from './config-schema.js';
import { exportAudit, type ExportFormat } from './export.js';
import { createGroupCommitter, type PendingAppend } from './group-commit.js';
import { loadOrCreateHmacKey } from './keys.js';
import { queryAudit } from './query.js';
import { createRedactor, usesHmac, type RedactionConfig } from './redaction/redactor.js';
import { applyRetention, type RetentionResult } from './retention.js';
import { createCheckpointSigner, loadOrCreateSigningKey } from './signing.js';
import { createSink, createSinkRunner, type SinkRunner, type SinkTransport } from './sinks/index.js';
import { createSqliteAuditStore } from './sqlite-store.js';
import type { AuditStore } from './store.js';
import type {
  AppendResult,
  AuditEvent,
  AuditEventInput,
  AuditFilter,
  AuditPage,
  SignedCheckpoint,
  SinkStatus,
  VerifyRange,
  VerifyResult,
} from './types.js';
import { verifyAuditChain } from './verify.js';

/** A sink given as an object instead of config (embedding, tests). */
export interface CustomSink {
  name: string;
  transport: SinkTransport;
  bufferSize?: number;
  batchSize?: number;
}

export interface AuditLogOptions {
  dataDir: string;
  /** Ed25519 private key (PEM); default <dataDir>/audit-signing-key.pem, created 0600 on first use. */
  signingKeyPath?: string;
  checkpointEvery?: { records: number; ms: number };
  redaction?: RedactionConfig & { hmacKeyPath?: string };
  /** Current vault values; they never reach a record. */
  secretValues?: () => Iterable<string>;
  sinks?: Array<SinkConfig | CustomSink>;
  failMode?: 'closed' | 'open';
  retention?: RetentionConfig;
  /** Where loud warnings go (fail-open, store errors). Default: stderr. */
  onWarning?: (message: string) => void;
  /** Use this store instead of <dataDir>/audit.db (e.g. PostgreSQL). */
  store?: AuditStore;
  /** SQLite lock wait before a write fails. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** SQLite commits on the calling thread ('main', default) or on a writer thread ('worker', for slow disks). */
  writer?: 'main' | 'worker';
  /** On close, how long healthy sinks get to deliver what is buffered. Default 2000 ms. */
  sinkCloseTimeoutMs?: number;
}

export interface AuditLog {
  /** Redacts, hash-chains and durably commits the event; resolves after the commit (fsync). */
  append(event: AuditEventInput): Promise<AppendResult>;
  query(filter?: AuditFilter, cursor?: string): Promise<AuditPage>;
  verify(range?: VerifyRange): Promise<VerifyResult>;
  exportTo(format: ExportFormat, filter: AuditFilter, writable: Writable): Promise<number>;
  /** Writes a checkpoint record now and returns its signed checkpoint. */
  checkpoint(): Promise<SignedCheckpoint>;
  applyRetention(): Promise<RetentionResult | undefined>;
  sinkStatus(): SinkStatus[];
  readonly publicKeyPem: string;
  readonly store: AuditStore;
  close(): Promise<void>;
}

interface GapState {
  missed: number;
  firstAt: string;
  lastAt: string;
  types: Record<string, number>;
  error: string;
}

const SINK_CURSOR_PREFIX = 'sink:';

export async function createAuditLog(options: AuditLogOptions): Promise<AuditLog> {
  const warn = options.onWarning ?? ((m: string) => process.stderr.write(`${m}\n`));
  const failMode = options.failMode ?? 'closed';
  const every = options.checkpointEvery ?? { records: 1000, ms: 60_000 };
  const signer = createCheckpointSigner(
    await loadOrCreateSigningKey(options.signingKeyPath ?? join(options.dataDir, 'audit-signing-key.pem')),
  );
  const { hmacKeyPath, ...redaction } = options.redaction ?? {};
  const hmacKey = usesHmac(redaction)
    ? await loadOrCreateHmacKey(hmacKeyPath ?? join(options.dataDir, 'audit-hmac.key'))
    : undefined;
  const redactor = createRedactor({
    config: redaction,
    ...(options.secretValues ? { secretValues: options.secretValues } : {}),
    ...(hmacKey ? { hmacKey } : {}),
  });
  // Sinks are built (and their config validated) before anything is opened.
  const used = new Set<string>();
  const sinks = (options.sinks ?? []).map((s, i) => {
    const r =
      'transport' in s
        ? { name: s.name, transport: s.transport, bufferSize: s.bufferSize ?? 10_000, batchSize: s.batchSize ?? 200 }
        : createSink(s, i, used);
    used.add(r.name);
    return r;
  });
  let store: AuditStore;
  try {
    store =
      options.store ??
      createSqliteAuditStore({
        file: join(options.dataDir, 'audit.db'),
        ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
        ...(options.writer ? { writer: options.writer } : {}),
      });
    if ((await store.getMeta('publicKey')) !== signer.publicKeyPem)
      await store.setMeta('publicKey', signer.publicKeyPem);
  } catch (e) {
    throw new GatewayError(
      'audit.unavailable',
      undefined,
      `audit store could not be opened: ${e instanceof Error ? e.message : String(e)}`,
    );
  }

  const head = await store.head();
  const lastCp = await store.lastCheckpoint();
  let sinceCheckpoint = (head?.seq ?? 0) - (lastCp?.seq ?? 0);
  let lastCheckpointSeq = lastCp?.seq ?? 0;
  let checkpointQueued = false;
  let closed = false;
  let gap: GapState | undefined;
  let gapInFlight: GapState | undefined;
  let lastWarnAt = 0;

  const loudWarn = (m: string) => {
    const now = Date.now();
    if (now - lastWarnAt < 1000) return;
    lastWarnAt = now;
    warn(m);
  };

  // Sinks.
  const runners: SinkRunner[] = [];
  const headSeq = head?.seq ?? 0;
  for (const r of sinks) {
    const cursor = await store.getMeta(SINK_CURSOR_PREFIX + r.name);
    runners.push(
      createSinkRunner({
        ...r,
        headSeq,
        deliveredSeq:
          Number.isSafeInteger(Number(cursor)) && cursor !== undefined ? Math.min(Number(cursor), headSeq) : headSeq,
        readFrom: async (from, limit) =>
          (await store.readRange(from, Number.MAX_SAFE_INTEGER, limit)).map((x) =>
            toAuditRecord(x.seq, x.hash, x.body),
          ),
      }),
    );
  }
  const savedCursors = new Map<string, number>();
  async function saveSinkCursors(): Promise<void> {
    for (const r of runners) {
      const seq = r.status().deliveredSeq;
      if (savedCursors.get(r.name) === seq) continue;
      await store.setMeta(SINK_CURSOR_PREFIX + r.name, String(seq));
      savedCursors.set(r.name, seq);
    }
  }

  const committer = createGroupCommitter({
    store,
    signer,
    initialHead: head ? { seq: head.seq, hash: head.hash } : undefined,
    beforeBatch() {
      if (!gap) return [];
      gapInFlight = gap;
      gap = undefined;
      return [
        {
          type: 'audit.gap.recorded',
          timestamp: new Date().toISOString(),
          error: gapInFlight.error,
          detail: {
            missed: gapInFlight.missed,
            from: gapInFlight.firstAt,
            to: gapInFlight.lastAt,
            types: gapInFlight.types,
          },
        },
      ];
    },
    onCommitted({ records, checkpoints }) {
      if (gapInFlight)
        warn(`AUDIT: store is back; recorded a gap of ${gapInFlight.missed} event(s) that were NOT audited`);
      gapInFlight = undefined;
      for (const rec of records) {
        if (rec.type === 'audit.checkpoint.created') sinceCheckpoint = 0;
        else sinceCheckpoint++;
        for (const runner of runners) runner.offer(rec);
      }
      const lastSigned = checkpoints[checkpoints.length - 1];
      if (lastSigned) {
        lastCheckpointSeq = lastSigned.seq;
        checkpointQueued = false;
      }
      if (sinceCheckpoint >= every.records) queueCheckpoint('records');
    },
    onFailure(error, batch) {
      const detail = `audit store write failed: ${error instanceof Error ? error.message : String(error)}`.slice(
        0,
        300,
      );
      if (gapInFlight) {
        gap = mergeGap(gapInFlight, gap);
        gapInFlight = undefined;
      }
      if (failMode === 'closed') {
        loudWarn(`AUDIT: ${detail}; calls are refused until the audit store recovers`);
        for (const p of batch) p.reject(new GatewayError('audit.unavailable', undefined, detail));
        return;
      }
      const now = new Date().toISOString();
      gap ??= { missed: 0, firstAt: now, lastAt: now, types: {}, error: detail };
      for (const p of batch) {
        if (p.checkpoint) {
          p.reject(new GatewayError('audit.unavailable', undefined, detail));
          continue;
        }
        gap.missed++;
        gap.types[p.event.type] = (gap.types[p.event.type] ?? 0) + 1;
        p.resolve({ seq: 0, hash: '' });
      }
      gap.lastAt = now;
      loudWarn(
        `AUDIT FAIL-OPEN: ${detail}; ${gap.missed} event(s) NOT audited so far; calls continue because audit.failMode is "open"`,
      );
    },
  });

  function enqueue(
    event: AuditEvent,
    checkpoint: boolean,
    canonical?: string,
  ): Promise<{ seq: number; hash: string; checkpoint?: SignedCheckpoint }> {
    return new Promise((resolve, reject) => {
      const p: PendingAppend = { event, resolve, reject };
      if (checkpoint) p.checkpoint = true;
      if (canonical !== undefined) p.canonical = canonical;
      committer.enqueue(p);
    });
  }

  /** Background checkpoint (by count or interval); a failure is retried by the next trigger. */
  function queueCheckpoint(reason: string): void {
    if (checkpointQueued || closed) return;
    checkpointQueued = true;
    writeCheckpoint(reason).catch(() => (checkpointQueued = false));
  }

  async function writeCheckpoint(reason: string): Promise<SignedCheckpoint> {
    const r = await enqueue(
      {
        type: 'audit.checkpoint.created',
        timestamp: new Date().toISOString(),
        detail: { reason, previousCheckpointSeq: lastCheckpointSeq, keyId: signer.keyId },
      },
      true,
    );
    return r.checkpoint!;
  }

  // Timers: interval checkpoints, gap-marker retry in open mode, sink cursor persistence, retention.
  const timers: NodeJS.Timeout[] = [];
  timers.push(
    setInterval(() => {
      if (sinceCheckpoint > 0) queueCheckpoint('interval');
    }, every.ms),
  );
  timers.push(
    setInterval(() => {
      if (gap && !closed) committer.poke();
    }, 1000),
  );
  timers.push(setInterval(() => void saveSinkCursors().catch(() => undefined), 2000));
  if (options.retention) {
    timers.push(
      setInterval(
        () => void runRetention().catch((e: unknown) => warn(`AUDIT: retention failed: ${String(e)}`)),
        options.retention.intervalMs ?? 3_600_000,
      ),
    );
  }
  for (const t of timers) t.unref();

  async function runRetention(): Promise<RetentionResult | undefined> {
    if (!options.retention) return undefined;
    await committer.drain();
    const result = await applyRetention(store, options.retention, new Date());
    if (result.deleted > 0) {
      await api.append({
        type: 'audit.retention.applied',
        detail: { prunedBefore: result.prunedBefore, deleted: result.deleted, reason: result.reason },
      });
    }
    return result;
  }

  const api: AuditLog = {
    publicKeyPem: signer.publicKeyPem,
    store,
    async append(input) {
      if (closed) throw new GatewayError('audit.unavailable', undefined, 'audit log is closed');
      let redacted: { event: AuditEvent; canonical: string };
      try {
        redacted = redactor.redactCanonical(input, new Date().toISOString());
      } catch (e) {
        throw new GatewayError(
          'audit.unavailable',
          undefined,
          `audit event could not be serialised: ${String(e)}`.slice(0, 300),
        );
      }
      const r = await enqueue(redacted.event, false, redacted.canonical);
      return { seq: r.seq, hash: r.hash, recorded: r.seq > 0 };
    },
    query: (filter = {}, cursor) => queryAudit(store, filter, cursor),
    verify: (range) =>
      verifyAuditChain(store, { publicKey: signer.publicKey, keySource: 'key-file', ...(range ? { range } : {}) }),
    exportTo: (format, filter, writable) => exportAudit(store, format, filter, writable),
    async checkpoint() {
      if (closed) throw new GatewayError('audit.unavailable', undefined, 'audit log is closed');
      return writeCheckpoint('manual');
    },
    applyRetention: runRetention,
    sinkStatus: () => runners.map((r) => r.status()),
    async close() {
      if (closed) return;
      for (const t of timers) clearInterval(t);
      await committer.drain();
      if (sinceCheckpoint > 0) await writeCheckpoint('close').catch(() => undefined);
      closed = true;
      await committer.drain();
      await Promise.all(runners.map((r) => r.close(options.sinkCloseTimeoutMs ?? 2000)));
      await saveSinkCursors().catch(() => undefined);
      await store.close();
    },
  };
  return api;
}

function mergeGap(a: GapState, b: GapState | undefined): GapState {
  if (!b) return a;
  const types = { ...a.types };
  for (const [k, v] of Object.entries(b.types)) types[k] = (types[k] ?? 0) + v;
  return { missed: a.missed + b.missed, firstAt: a.firstAt, lastAt: b.lastAt, types, error: b.error };
}
