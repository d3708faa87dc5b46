#!/usr/bin/env node
// Durable audited events/s on PostgreSQL 15 (synchronous_commit=on, fsync on, data directory on disk): the same
// audit log and events as audit-append.mjs, with the chain's advisory-locked writer (src/storage/postgres). Starts
// a throwaway server from /usr/lib/postgresql/15/bin (or PORTCULLIS_PG_BIN) in a temp dir and removes it.
// Requires `npm run build`. Env: BENCH_SECONDS (default 3).
import { rmSync } from 'node:fs';
import { createAuditLog } from '../dist/audit/index.js';
import { openStores } from '../dist/storage/open-stores.js';
import { PG_BIN, startPostgres } from './lib/postgres-server.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const LEVELS = [1, 16, 64, 256, 1024];

// A data directory on disk (/tmp), so the durable commit's fsync costs what it costs.
const server = await startPostgres();
if (!server) {
  console.log(`## Audit log on PostgreSQL\n\nSkipped: PostgreSQL 15 is not installed (${PG_BIN}).`);
  process.exit(0);
}

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
    arguments: { invoiceId: `inv_${i}`, amount: 1250, currency: 'EUR', reason: 'customer reported a duplicate charge' },
    decision: 'allow',
    rule: 'finance-refunds',
    reasons: ['agent finance-bot may call billing.* with risk <= high'],
  };
}

let db = 0;
async function measure(writers) {
  const name = `bench_${db++}`;
  server.createDatabase(name);
  // The log's data directory, and its anchor file next to it, inside the server's directory: removed with it.
  const dir = server.tempDir('log-');
  const stores = await openStores({ kind: 'postgres', url: server.url(name), migrateOnStart: true });
  const log = await createAuditLog({ dataDir: dir, storage: stores.audit, onWarning: () => undefined });
  const latencies = [];
  let n = 0;
  const deadline = performance.now() + SECONDS * 1000;
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
  const verify = await log.verify();
  await log.close();
  await stores.close();
  for (const p of [dir, `${dir}.audit-anchor.jsonl`]) rmSync(p, { recursive: true, force: true });
  if (!verify.ok) throw new Error('chain does not verify after the benchmark');
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))].toFixed(2);
  return { writers, perSec: Math.round(latencies.length / elapsed), p50: pct(0.5), p99: pct(0.99) };
}

try {
  console.log(`## Audit log: durable appends on PostgreSQL 15 (local, fsync on, ${SECONDS}s per row)\n`);
  console.log('| concurrent writers | events/s (durable) | append p50 ms | append p99 ms |');
  console.log('|---:|---:|---:|---:|');
  for (const w of LEVELS) {
    const r = await measure(w);
    console.log(`| ${r.writers} | ${r.perSec.toLocaleString('en-US')} | ${r.p50} | ${r.p99} |`);
  }
  console.log(
    "\nOne gateway process; each batch is one transaction under the chain's advisory lock (BEGIN, lock, head, one `unnest` insert, COMMIT).",
  );
} finally {
  server.stop();
}
