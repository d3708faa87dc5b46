#!/usr/bin/env node
// The audit log alone, two builds side by side in one process (A B A B ...): `callers` concurrent "calls", each an
// intent append (awaited, as the pipeline does), a turn of the event loop (the upstream), and a deferred outcome.
// STORE=none (default): the store's append resolves at once, so the figure is the main thread's own audit CPU per
// call (redaction, canonical JSON, hashing, group commit, promises), steady even on a loaded machine.
// STORE=sqlite: the real SQLite store and writer thread in a temp dir (DIR=/dev/shm takes fsync out): calls/s, p50 of
// the intent append and CPU per call of all threads, and of the event loop alone (Linux: /proc/thread-self/schedstat).
// Not part of `npm run bench`.
// Usage: node bench/lib/audit-ab.mjs <distA> <distB> [rounds=5] [callers=32] [calls per round=4000]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from './load.mjs';

const [distA, distB, roundsArg = '5', callersArg = '32', callsArg = '4000'] = process.argv.slice(2);
const STORE = process.env.STORE ?? 'none';
const DIR = process.env.DIR ?? tmpdir();

const event = (i, type) => ({
  type,
  requestId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  agent: 'bench',
  sourceAddress: '127.0.0.1',
  tool: 'up_echo',
  backend: 'up',
  arguments: { message: 'benchmark payload' },
  decision: 'allow',
  rule: 'r1',
  reasons: ['agent bench may call up_*'],
  detail: { method: 'tools/call', target: 'up', startedAt: new Date().toISOString() },
});

async function open(dist) {
  const root = resolve(dist);
  const { createAuditLog } = await import(join(root, 'audit/index.js'));
  const dir = mkdtempSync(join(DIR, 'portcullis-audit-ab-'));
  const options = { dataDir: dir, anchorPath: join(dir, 'anchor.jsonl'), onWarning: () => undefined };
  if (STORE === 'none') {
    const { createSqliteAuditStore } = await import(join(root, 'storage/sqlite/audit-store.js'));
    const store = Object.create(createSqliteAuditStore({ file: join(dir, 'audit.db'), writer: 'main' }));
    store.append = async () => undefined;
    store.identity = undefined;
    // Nothing is written, so neither checkpoints nor the read-back health check may run.
    Object.assign(options, { store, checkpointEvery: { records: 1e9, ms: 1e9 }, healthCheckMs: 1e9 });
  }
  const log = await createAuditLog(options);
  return {
    log,
    async close() {
      await log.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** This thread's (the event loop's) time on a CPU, in ns: Linux's schedstat; 0 elsewhere. */
function mainThreadNs() {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
  } catch {
    return 0;
  }
}

async function round(log, calls, callers) {
  let next = 0;
  const latencies = [];
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadNs();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (next < calls) {
        const i = next++;
        const t = performance.now();
        await log.append(event(i, 'tool.call.requested'));
        latencies.push(performance.now() - t);
        await new Promise((r) => setImmediate(r));
        void log.append({ ...event(i, 'tool.call.completed'), resultStatus: 'ok', latencyMs: 0.4 }, { deferred: true });
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const main = (mainThreadNs() - main0) / 1000 / calls;
  latencies.sort((a, b) => a - b);
  return { cps: calls / seconds, p50: latencies[latencies.length >> 1], cpu: (cpu.user + cpu.system) / calls, main };
}

const calls = Number(callsArg);
const callers = Number(callersArg);
const a = await open(distA);
const b = await open(distB);
const res = { A: [], B: [] };
try {
  await round(a.log, calls, callers);
  await round(b.log, calls, callers);
  for (let i = 0; i < Number(roundsArg); i++) {
    res.A.push(await round(a.log, calls, callers));
    res.B.push(await round(b.log, calls, callers));
  }
} finally {
  await a.close();
  await b.close();
}
const sum = (rs) => ({
  cps: median(rs.map((r) => r.cps)),
  p50: median(rs.map((r) => r.p50)),
  cpu: median(rs.map((r) => r.cpu)),
  main: median(rs.map((r) => r.main)),
});
const A = sum(res.A);
const B = sum(res.B);
const line = (name, dist, s, rs) =>
  `${name} ${dist}: ${s.cps.toFixed(0)} calls/s, intent p50 ${s.p50.toFixed(3)} ms, CPU ${s.cpu.toFixed(1)} µs/call (event loop ${s.main.toFixed(1)})  [${rs.map((r) => r.cpu.toFixed(0)).join(' ')}] [${rs.map((r) => r.main.toFixed(0)).join(' ')}]`;
console.log(
  `STORE=${STORE}${STORE === 'sqlite' ? ` in ${DIR}` : ''}, ${callers} callers, ${roundsArg} interleaved rounds of ${calls} calls`,
);
console.log(line('A', distA, A, res.A));
console.log(line('B', distB, B, res.B));
console.log(
  `B/A: calls/s ${(B.cps / A.cps).toFixed(2)}x, CPU per call ${(B.cpu / A.cpu).toFixed(2)}x, event loop ${(B.main / A.main).toFixed(2)}x`,
);
