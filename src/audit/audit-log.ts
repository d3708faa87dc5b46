import type { JsonObject } from '../core/tool.js';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { GatewayError } from '../core/errors.js';
import { isoNow } from '../core/iso-now.js';
import { createAnchorWriter, defaultAnchorPath, newestCheckpoint, readAnchors } from './anchor.js';
import type { RetentionConfig, SinkConfig } from './config-schema.js';
import { exportAudit, type ExportFormat } from './export.js';
import { createGroupCommitter, type PendingAppend } from './group-commit.js';
import { loadOrCreateHmacKey } from './keys.js';
import { createLogHealth, type AuditHealth } from './log-health.js';
import { resolveSinks, startSinks, withSignatures, type CustomSink } from './log-sinks.js';
import { queryAudit } from './query.js';
import { createRedactor, usesHmac, type RedactionConfig } from './redaction/redactor.js';
import { applyRetention, type RetentionResult } from './retention.js';
import { resolveCheckpointSigner, type ExternalSigner } from './signing.js';
import { createSpool } from './spool.js';
import { sqliteAuditOpener } from '../storage/sqlite/audit-store.js';
import type { AuditStoreOpener } from '../storage/repositories.js';
import { checkAgainstAnchors } from './startup-check.js';
import { AuditStoreIdentityError, type AuditStore } from './store.js';
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

export type { CustomSink } from './log-sinks.js';
export type { AuditHealth } from './log-health.js';

export interface AuditLogOptions {
  dataDir: string;
  /** Ed25519 private key (PEM); default <dataDir>/audit-signing-key.pem, created 0600 on first use. */
  signingKeyPath?: string;
  /** Environment variable holding the PEM private key instead of a file. */
  signingKeyEnv?: string;
  /** A KMS/HSM-style signer (the private key never enters this process). */
  signer?: ExternalSigner;
  /** Append-only anchor file outside dataDir (default: `<dataDir>.audit-anchor.jsonl`, next to dataDir). */
  anchorPath?: string;
  /** Default: a checkpoint every 1000 records or every second with activity, whichever comes first. */
  checkpointEvery?: { records: number; ms: number };
  redaction?: RedactionConfig & { hmacKeyPath?: string };
  /** Current vault values; they never reach a record. */
  secretValues?: () => Iterable<string>;
  sinks?: Array<SinkConfig | CustomSink>;
  failMode?: 'closed' | 'open';
  retention?: RetentionConfig;
  /** Where loud warnings go (fail-open, store errors). Default: stderr. */
  onWarning?: (message: string) => void;
  /** Use this store instead of <dataDir>/audit.db. */
  store?: AuditStore;
  /** Where the chain lives (`openStores(config).audit`); default: SQLite `<dataDir>/audit.db`. */
  storage?: AuditStoreOpener;
  /** SQLite lock wait before a commit fails and its calls are refused. Default 250 ms. */
  busyTimeoutMs?: number;
  /** SQLite commits on a writer thread ('worker', default) or on the calling thread ('main'). */
  writer?: 'main' | 'worker';
  /** On close, how long healthy sinks get to deliver what is buffered. Default 2000 ms. */
  sinkCloseTimeoutMs?: number;
  /**
   * The operator's explicit consent to start a new, empty log where the anchor shows an earlier one (the database
   * was lost). Writes an `audit.log.reset` record and a reset line in the anchor file. Without it, a missing or
   * mismatching log refuses to open.
   */
  startNewLog?: boolean;
  /** Outage spool file (default <dataDir>/audit-spool.jsonl) and its size bound (default 64 MiB). */
  spoolPath?: string;
  spoolMaxBytes?: number;
  /** How often the store's identity and the head this process wrote are re-checked. Default 1000 ms. */
  healthCheckMs?: number;
}

export interface AuditLog {
  /**
   * Redacts, hash-chains and durably commits the event; resolves after the commit (fsync). `deferred`: nobody is
   * waiting for this one (a call's outcome), so it rides with the next commit instead of starting its own (at most
   * a few milliseconds later); the chain order is the order of the appends either way.
   */
  append(event: AuditEventInput, options?: { deferred?: boolean }): Promise<AppendResult>;
  query(filter?: AuditFilter, cursor?: string): Promise<AuditPage>;
  verify(range?: VerifyRange): Promise<VerifyResult>;
  exportTo(format: ExportFormat, filter: AuditFilter, writable: Writable): Promise<number>;
  /**
   * Writes a checkpoint record now and returns its signed checkpoint once the record is committed. The checkpoint's
   * line in the anchor file follows the commit and is not awaited here: it may land after this resolves (a failed
   * anchor write shows in `status()`); `close()` waits for it.
   */
  checkpoint(): Promise<SignedCheckpoint>;
  /** Tool arguments as a record would carry them (redacted with this log's rules): for people reviewing a call. */
  redactArguments(args: JsonObject): Promise<JsonObject>;
  applyRetention(): Promise<RetentionResult | undefined>;
  sinkStatus(): SinkStatus[];
  /** ok, degraded (writes failing: calls refused, events spooled) or halted (store lost: operator action needed). */
  status(): AuditHealth;
  readonly publicKeyPem: string;
  readonly anchorPath: string;
  readonly store: AuditStore;
  close(): Promise<void>;
}

function refuse(detail: string): GatewayError {
  return new GatewayError('audit.unavailable', undefined, detail.slice(0, 500));
}

export async function createAuditLog(options: AuditLogOptions): Promise<AuditLog> {
  const warn = options.onWarning ?? ((m: string) => process.stderr.write(`${m}\n`));
  const failMode = options.failMode ?? 'closed';
  const every = options.checkpointEvery ?? { records: 1000, ms: 1000 };
  const { signer, insideDataDir } = await resolveCheckpointSigner(options);
  if (insideDataDir)
    warn(
      'audit: the checkpoint signing key is inside dataDir; keep it elsewhere (audit.signingKeyPath or audit.signingKeyEnv) so that whoever can rewrite the log cannot re-sign it',
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
  const resolvedSinks = resolveSinks(options.sinks ?? []);

  // Never silently open: what the anchor file shows must be there.
  const anchorPath = options.anchorPath ?? defaultAnchorPath(options.dataDir);
  const anchors = await readAnchors(anchorPath);
  const anchored = newestCheckpoint(anchors.checkpoints);
  const opener = options.storage ?? sqliteAuditOpener(join(options.dataDir, 'audit.db'));
  const dbFile = opener.location;
  const howToReset = `restore the audit database, or start a new log with \`portcullis serve --audit-new-log\` (recorded in the new log and the anchor file ${anchorPath})`;
  if (!options.store && anchored && !(await opener.exists()) && !options.startNewLog)
    throw refuse(
      `audit database ${dbFile} is missing, but the anchor file holds a signed checkpoint at seq ${anchored.seq}: ${howToReset}`,
    );
  let store: AuditStore;
  try {
    store =
      options.store ??
      opener.open({
        mustExist: !!anchored && !options.startNewLog,
        ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
        ...(options.writer ? { writer: options.writer } : {}),
      });
    if ((await store.getMeta('publicKey')) !== signer.publicKeyPem)
      await store.setMeta('publicKey', signer.publicKeyPem);
  } catch (e) {
    throw refuse(`audit store could not be opened: ${e instanceof Error ? e.message : String(e)}`);
  }
  const problem = await checkAgainstAnchors(store, anchors, signer.keyId);
  const head = await store.head();
  const resetting = !!problem && !!options.startNewLog && !head;
  if (problem && !resetting) {
    await store.close();
    throw refuse(
      `${problem}; ${head && options.startNewLog ? 'move the database aside first, then ' : ''}${howToReset}`,
    );
  }
  const anchor = createAnchorWriter(anchorPath);
  try {
    if (resetting) {
      await anchor.append({
        reset: {
          ts: new Date().toISOString(),
          reason: 'operator started a new log (--audit-new-log)',
          ...(anchored ? { previous: { seq: anchored.seq, hash: anchored.hash } } : {}),
        },
        publicKey: signer.publicKeyPem,
      });
    } else if (anchors.publicKey !== signer.publicKeyPem && !anchors.keyIds.includes(signer.keyId)) {
      await anchor.append({ publicKey: signer.publicKeyPem });
    }
  } catch (e) {
    await store.close();
    throw refuse(`audit anchor file ${anchorPath} is not writable: ${(e as Error).message}`);
  }

  const lastCp = await store.lastCheckpoint();
  let sinceCheckpoint = (head?.seq ?? 0) - (lastCp?.seq ?? 0);
  let lastCheckpointSeq = lastCp?.seq ?? 0;
  let checkpointQueued = false;
  let closed = false;
  let lastWarnAt = 0;
  const loudWarn = (m: string) => {
    const now = Date.now();
    if (now - lastWarnAt < 1000) return;
    lastWarnAt = now;
    warn(m);
  };

  const sinks = await startSinks(store, resolvedSinks, head?.seq ?? 0);
  const spool = createSpool(options.spoolPath ?? join(options.dataDir, 'audit-spool.jsonl'), {
    ...(options.spoolMaxBytes !== undefined ? { maxBytes: options.spoolMaxBytes } : {}),
  });
  const health = createLogHealth({ store, warn, initialHead: head });
  let replaying = false;
  const inRedaction = new Set<Promise<void>>();
  // After an operator's reset, the reinitialized record comes first, then whatever the spool kept.
  let replayAllowed = !resetting;

  const committer = createGroupCommitter({
    store,
    signer,
    initialHead: head ? { seq: head.seq, hash: head.hash } : undefined,
    ...(options.busyTimeoutMs !== undefined ? { conflictWaitMs: options.busyTimeoutMs } : {}),
    beforeCommit: () => health.beforeCommit(),
    beforeBatch() {
      const taken = replayAllowed ? spool.take() : undefined;
      if (!taken) return [];
      replaying = true;
      const s = taken.state;
      const marker = redactor.redactCanonical(
        {
          type: 'audit.gap.recorded',
          ...(s.error ? { error: s.error } : {}),
          detail: {
            spooled: s.spooled,
            missed: s.lost,
            ...(s.from ? { from: s.from } : {}),
            ...(s.to ? { to: s.to } : {}),
            types: s.types,
          },
        },
        new Date().toISOString(),
      );
      return [marker, ...taken.canonicals.map((c) => ({ event: JSON.parse(c) as AuditEvent, canonical: c }))];
    },
    onCommitted({ entries, records, checkpoints }) {
      if (replaying) {
        replaying = false;
        const marker = entries[0]?.event.detail;
        warn(
          `AUDIT: store is back; wrote ${String(marker?.spooled)} spooled event(s)${Number(marker?.missed) > 0 ? ` and a count of ${String(marker?.missed)} that could not be kept` : ''}`,
        );
        spool.settle(true).catch((e: unknown) => warn(`AUDIT: spool could not be emptied: ${String(e)}`));
      }
      health.committed(entries[entries.length - 1]);
      for (const entry of entries) {
        if (entry.event.type === 'audit.checkpoint.created') sinceCheckpoint = 0;
        else sinceCheckpoint++;
      }
      if (sinks.runners.length > 0) sinks.offer(withSignatures(records(), checkpoints));
      for (const cp of checkpoints) {
        anchor.append(cp).then(
          () => health.anchorWritten(),
          (e: unknown) => health.anchorFailed(`anchor file ${anchorPath} not writable: ${String(e)}`),
        );
      }
      const lastSigned = checkpoints[checkpoints.length - 1];
      if (lastSigned) {
        lastCheckpointSeq = lastSigned.seq;
        checkpointQueued = false;
      }
      if (sinceCheckpoint >= every.records) queueCheckpoint('records');
    },
    onFailure(error, batch) {
      // The store was deleted or replaced (found by the append itself): halt, exactly as the check before a commit does.
      if (error instanceof AuditStoreIdentityError) health.identityFailed(error);
      const detail = `audit store write failed: ${error instanceof Error ? error.message : String(error)}`.slice(
        0,
        300,
      );
      if (replaying) {
        replaying = false;
        void spool.settle(false);
      }
      health.failed(detail);
      loudWarn(
        failMode === 'closed'
          ? `AUDIT: ${detail}; calls are refused until the audit store recovers (refused events are spooled)`
          : `AUDIT FAIL-OPEN: ${detail}; calls continue because audit.failMode is "open" (events are spooled)`,
      );
      void settleUnwritten(batch, detail);
    },
  });

  /** Spools what could not be written, then answers: refused (closed mode) or unrecorded (open mode). */
  async function settleUnwritten(batch: PendingAppend[], detail: string): Promise<void> {
    const events = batch.filter((p) => !p.checkpoint);
    await spool
      .add(
        events.map((p) => ({ canonical: p.canonical!, type: p.event.type, timestamp: p.event.timestamp })),
        detail,
      )
      .catch(() => false);
    for (const p of batch) {
      if (p.checkpoint || failMode === 'closed') p.reject(refuse(detail));
      else p.resolve({ seq: 0, hash: '' });
    }
  }

  function enqueue(
    event: AuditEvent,
    checkpoint: boolean,
    canonical?: string,
    deferred = false,
  ): Promise<{ seq: number; hash: string; checkpoint?: SignedCheckpoint }> {
    return new Promise((resolve, reject) => {
      const p: PendingAppend = { event, resolve, reject };
      if (checkpoint) p.checkpoint = true;
      if (canonical !== undefined) p.canonical = canonical;
      if (health.halted()) void settleUnwritten([p], health.status().reason ?? 'audit log halted');
      else committer.enqueue(p, deferred);
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

  // Timers: interval checkpoints, spool replay, health checks, sink cursor persistence, retention.
  const timers: NodeJS.Timeout[] = [];
  timers.push(
    setInterval(() => {
      if (sinceCheckpoint > 0) queueCheckpoint('interval');
    }, every.ms),
  );
  timers.push(
    setInterval(() => {
      if (spool.pending() && !closed && !health.halted()) committer.poke();
    }, 1000),
  );
  timers.push(
    setInterval(
      () => void health.check().catch((e: unknown) => warn(`AUDIT: health check failed: ${String(e)}`)),
      options.healthCheckMs ?? 1000,
    ),
  );
  timers.push(setInterval(() => void sinks.saveCursors().catch(() => undefined), 2000));
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

  /** close() waits for appends still being redacted, so an append accepted before close is written. */
  async function tracked<T>(redacting: Promise<T>): Promise<T> {
    const settled = redacting.then(
      () => undefined,
      () => undefined,
    );
    inRedaction.add(settled);
    try {
      return await redacting;
    } finally {
      inRedaction.delete(settled);
    }
  }

  const api: AuditLog = {
    async redactArguments(args) {
      const { event } = await redactor.redactCanonicalAsync({ type: 'tool.call.requested', arguments: args }, '');
      return event.arguments ?? {};
    },
    publicKeyPem: signer.publicKeyPem,
    anchorPath,
    store,
    async append(input, appendOptions) {
      if (closed) throw refuse('audit log is closed');
      let redacted: { event: AuditEvent; canonical: string };
      try {
        // A value when the secretlint pass had nothing to scan (the usual case): queued in this same turn.
        const now = redactor.redactForLog(input, isoNow());
        redacted = now instanceof Promise ? await tracked(now) : now;
      } catch (e) {
        throw refuse(`audit event could not be serialised: ${String(e)}`);
      }
      const r = await enqueue(redacted.event, false, redacted.canonical, appendOptions?.deferred === true);
      return { seq: r.seq, hash: r.hash, recorded: r.seq > 0 };
    },
    query: (filter = {}, cursor) => queryAudit(store, filter, cursor),
    verify: (range) =>
      verifyAuditChain(store, {
        publicKey: signer.publicKey,
        keySource: 'key-file',
        externalCheckpoints: resetting ? [] : anchors.checkpoints,
        ...(range ? { range } : {}),
      }),
    exportTo: (format, filter, writable) => exportAudit(store, format, filter, writable),
    async checkpoint() {
      if (closed) throw refuse('audit log is closed');
      return writeCheckpoint('manual');
    },
    applyRetention: runRetention,
    sinkStatus: () => sinks.runners.map((r) => r.status()),
    status: () => ({ ...health.status(), spooled: spool.status().spooled }),
    async close() {
      if (closed) return;
      for (const t of timers) clearInterval(t);
      await Promise.all(inRedaction);
      await new Promise<void>((r) => setImmediate(r));
      await committer.drain();
      if (sinceCheckpoint > 0 && !health.halted()) await writeCheckpoint('close').catch(() => undefined);
      closed = true;
      await committer.drain();
      await anchor.flush();
      await Promise.all(sinks.runners.map((r) => r.close(options.sinkCloseTimeoutMs ?? 2000)));
      await sinks.saveCursors().catch(() => undefined);
      await store.close();
    },
  };
  if (resetting) {
    await api.append({
      type: 'audit.log.reinitialized',
      reasons: [problem],
      detail: {
        reason: 'operator started a new log (--audit-new-log)',
        anchorPath,
        ...(anchored ? { previousSeq: anchored.seq, previousHash: anchored.hash, previousAt: anchored.ts } : {}),
      },
    });
    replayAllowed = true;
    warn(`AUDIT: started a new audit log (--audit-new-log); the previous one ended at seq ${anchored?.seq ?? 0}`);
  } else if (options.startNewLog) {
    warn('audit: --audit-new-log given, but the audit log matches its anchor: nothing to reset');
  }
  return api;
}
