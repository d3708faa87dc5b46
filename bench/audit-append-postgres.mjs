#!/usr/bin/env node
// Durable audited events/s on PostgreSQL 15 (synchronous_commit=on, fsync on, data directory on disk): the same
// audit log and events as audit-append.mjs, with the chain's advisory-locked writer (src/storage/postgres). Starts
// a throwaway server from /usr/lib/postgresql/15/bin (or PORTCULLIS_PG_BIN) in a temp dir and removes it.
// Requires `npm run build`. Env: BENCH_SECONDS (default 3).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createAuditLog } from '../dist/audit/index.js';
import { openStores } from '../dist/storage/open-stores.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const LEVELS = [1, 16, 64, 256, 1024];
const BIN = process.env.PORTCULLIS_PG_BIN ?? '/usr/lib/postgresql/15/bin';

if (!existsSync(join(BIN, 'initdb'))) {
  console.log(`## Audit log on PostgreSQL\n\nSkipped: PostgreSQL 15 is not installed (${BIN}).`);
  process.exit(0);
}
const asRoot = process.getuid?.() === 0;
const base = mkdtempSync('/tmp/portcullis-bench-pg-');
const data = join(base, 'data');
const command = (cmd, args) =>
  asRoot ? ['runuser', ['-u', 'postgres', '--', join(BIN, cmd), ...args]] : [join(BIN, cmd), args];
const run = (cmd, args) => {
  const r = spawnSync(...command(cmd, args), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd}: ${r.stderr || r.stdout}`);
};
// The server is a daemon, not our child: it is stopped when this bench ends in any way — normally, on an error
// (a failed start included), on Ctrl-C or SIGTERM, and by the reaper (test/postgres/reaper.mjs) when this process
// is killed outright.
const stopArgs = ['-D', data, '-m', 'fast', '-w', 'stop'];
const reaper = spawn(
  process.execPath,
  [
    join(import.meta.dirname, '..', 'test', 'postgres', 'reaper.mjs'),
    String(process.pid),
    base,
    JSON.stringify(command('pg_ctl', stopArgs).flat()),
  ],
  { detached: true, stdio: 'ignore' },
);
reaper.unref();
/** The audit log's own files of the measurement under way (removed on an interrupt too). */
const scratch = new Set();
let stopped = false;
function stopServer() {
  if (stopped) return;
  stopped = true;
  reaper.kill();
  try {
    if (existsSync(join(data, 'postmaster.pid'))) run('pg_ctl', stopArgs);
  } finally {
    for (const p of [base, ...scratch]) rmSync(p, { recursive: true, force: true });
  }
}
for (const signal of ['SIGINT', 'SIGTERM'])
  process.once(signal, () => {
    stopServer();
    process.exit(130);
  });
const port = await new Promise((res) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => res(p));
  });
});
try {
  if (asRoot) spawnSync('chown', ['postgres:postgres', base]);
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-instructions']);
  run('pg_ctl', [
    '-D',
    data,
    '-o',
    `-p ${port} -k ${base} -c listen_addresses=127.0.0.1`,
    '-l',
    join(base, 'log'),
    '-w',
    'start',
  ]);
} catch (e) {
  stopServer(); // `pg_ctl start -w` that timed out may leave a server starting
  throw e;
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
  spawnSync(
    asRoot ? 'runuser' : join(BIN, 'createdb'),
    asRoot
      ? ['-u', 'postgres', '--', join(BIN, 'createdb'), '-h', base, '-p', String(port), name]
      : ['-h', base, '-p', String(port), name],
  );
  const dir = mkdtempSync('/tmp/portcullis-bench-pgdata-');
  const files = [dir, `${dir}.audit-anchor.jsonl`];
  for (const p of files) scratch.add(p);
  const stores = await openStores({
    kind: 'postgres',
    url: `postgres://postgres@127.0.0.1:${port}/${name}`,
    migrateOnStart: true,
  });
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
  for (const p of files) {
    rmSync(p, { recursive: true, force: true });
    scratch.delete(p);
  }
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
  stopServer();
}
