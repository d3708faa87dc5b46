import { toAuditRecord } from './chain.js';
import type { SinkConfig } from './config-schema.js';
import { createSink, createSinkRunner, type SinkRunner, type SinkTransport } from './sinks/index.js';
import type { AuditStore } from './store.js';
import type { AuditRecord, SignedCheckpoint } from './types.js';

/** A sink given as an object instead of config (embedding, tests). */
export interface CustomSink {
  name: string;
  transport: SinkTransport;
  bufferSize?: number;
  batchSize?: number;
}

const SINK_CURSOR_PREFIX = 'sink:';

export interface ResolvedSinks {
  list: Array<{ name: string; transport: SinkTransport; bufferSize: number; batchSize: number }>;
}

/** Builds (and validates) every sink before anything is opened. */
export function resolveSinks(sinks: ReadonlyArray<SinkConfig | CustomSink>): ResolvedSinks {
  const used = new Set<string>();
  const list = sinks.map((s, i) => {
    const r =
      'transport' in s
        ? { name: s.name, transport: s.transport, bufferSize: s.bufferSize ?? 10_000, batchSize: s.batchSize ?? 200 }
        : createSink(s, i, used);
    used.add(r.name);
    return r;
  });
  return { list };
}

/**
 * Checkpoint records go to sinks with their signature, so every sink holds a verifiable copy of the anchored
 * head (`audit verify --checkpoints <sink file>` accepts it).
 */
export function withSignatures(records: AuditRecord[], checkpoints: readonly SignedCheckpoint[]): AuditRecord[] {
  if (checkpoints.length === 0) return records;
  const bySeq = new Map(checkpoints.map((c) => [c.seq, c.signature]));
  return records.map((r) => {
    const signature = bySeq.get(r.seq);
    return signature && r.type === 'audit.checkpoint.created' ? { ...r, signature } : r;
  });
}

export interface LogSinks {
  offer(records: AuditRecord[]): void;
  runners: SinkRunner[];
  saveCursors(): Promise<void>;
}

export async function startSinks(store: AuditStore, resolved: ResolvedSinks, headSeq: number): Promise<LogSinks> {
  const runners: SinkRunner[] = [];
  for (const r of resolved.list) {
    const cursor = await store.getMeta(SINK_CURSOR_PREFIX + r.name);
    runners.push(
      createSinkRunner({
        ...r,
        headSeq,
        deliveredSeq:
          Number.isSafeInteger(Number(cursor)) && cursor !== undefined ? Math.min(Number(cursor), headSeq) : headSeq,
        readFrom: async (from, limit) => {
          const rows = await store.readRange(from, Number.MAX_SAFE_INTEGER, limit);
          const records = rows.map((x) => toAuditRecord(x.seq, x.hash, x.body));
          const last = rows[rows.length - 1];
          return last ? withSignatures(records, await store.checkpoints(from, last.seq)) : records;
        },
      }),
    );
  }
  const saved = new Map<string, number>();
  return {
    runners,
    offer(records) {
      for (const rec of records) for (const runner of runners) runner.offer(rec);
    },
    async saveCursors() {
      for (const r of runners) {
        const seq = r.status().deliveredSeq;
        if (saved.get(r.name) === seq) continue;
        await store.setMeta(SINK_CURSOR_PREFIX + r.name, String(seq));
        saved.set(r.name, seq);
      }
    },
  };
}
