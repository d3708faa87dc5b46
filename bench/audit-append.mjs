#!/usr/bin/env node
// Durable audited events/s on SQLite (WAL, synchronous=FULL: every commit is fsync'd) with concurrent writers.
// Each append resolves only after its group commit; redaction (default detectors) and hashing are included.
// Also reports append latency and the longest event-loop stall, since commits run on the main thread.
// Requires `npm run build`. Env: BENCH_SECONDS (default 3).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createAuditLog } from '../dist/audit/index.js';
import { createSqliteAuditStore } from '../dist/storage/sqlite/audit-store.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const LEVELS = [1, 16, 64, 256, 1024];

function event(i) {
  return {
    type: 'tool.call.requested',
    requestId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    agent: `agent-${i % 8}`,
    user: `user-${i % 100}`,
    sourceAddress: '10.1.2.3',
    tool: 'billing.create_refund',
    backend: 'billing',
    risk: { level: 'high', categories: ['payments', 'write'] },
    arguments: {
      invoiceId: `inv_${i}`,
      amount: 1250,
      currency: 'EUR',
      reason: 'customer reported a duplicate charge on the March invoice',
    },
    decision: 'allow',
    rule: 'finance-refunds',
    reasons: ['agent finance-bot may call billing.* with risk <= high'],
  };
}

async function run(writers, mode) {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-bench-audit-'));
  const inner = createSqliteAuditStore({ file: join(dir, 'audit.db'), writer: mode });
  let commits = 0;
  let commitMs = 0;
  const store = Object.create(inner);
  store.append = async (records, checkpoints) => {
    commits++;
    const t = performance.now();
    try {
      return await inner.append(records, checkpoints);
    } finally {
      commitMs += performance.now() - t;
    }
  };
  const log = await createAuditLog({ dataDir: dir, store });
  const latencies = [];
  let n = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        await log.append(event(n++));
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  loop.disable();
  const verify = await log.verify();
  await log.close();
  rmSync(dir, { recursive: true, force: true });
  if (!verify.ok) throw new Error('chain does not verify after the benchmark');
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))].toFixed(2);
  return {
    mode,
    writers,
    perSec: Math.round(latencies.length / elapsed),
    perCommit: (latencies.length / commits).toFixed(1),
    p50: pct(0.5),
    p99: pct(0.99),
    maxStall: (loop.max / 1e6).toFixed(1),
    commitMs: (commitMs / commits).toFixed(2),
    cpuUs: (((elapsed * 1000 - commitMs) / latencies.length) * 1000).toFixed(1),
  };
}

console.log(`## Audit log: durable appends (SQLite WAL, synchronous=FULL, ${SECONDS}s per row)\n`);
console.log(
  '| commit on | concurrent writers | events/s (durable) | events per commit (fsync) | commit (insert + fsync, wall) ms | rest of the cycle per event µs | append p50 ms | append p99 ms | max event-loop stall ms |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const mode of ['main', 'worker'])
  for (const w of LEVELS) {
    const r = await run(w, mode);
    console.log(
      `| ${mode === 'worker' ? 'writer thread' : 'main thread'} | ${r.writers} | ${r.perSec.toLocaleString('en-US')} | ${r.perCommit} | ${r.commitMs} | ${r.cpuUs} | ${r.p50} | ${r.p99} | ${r.maxStall} |`,
    );
  }
console.log('\nTarget: >= 20,000 durable events/s with concurrent writers.');
