#!/usr/bin/env node
// The pipeline's audit record sink (src/gateway/record-sink.ts) and the audit log behind it, alone, two builds side
// by side in one process (A B B A ...): `callers` concurrent calls, each an intent (awaited, as the runner does), a
// turn of the event loop, then its outcome — the gateway's own DecisionRecord shapes, so what the sink puts in each
// record is measured with the log's redaction, canonical JSON, hashing and group commit. The store's append resolves
// at once (nothing is written), so the figure is the main thread's own audit CPU per call, steady on a loaded
// machine. ADR 0017, Decision 16. Not part of `npm run bench`.
// Usage: node bench/lib/record-sink-ab.mjs <distA> <distB> [rounds=8] [callers=32] [calls per round=5000]
// TOOL=<tool name> ('up_echo' by default: too short for the secretlint pass; a real name such as
// 'github_create_pull_request' is scanned in every intent and outcome); MESSAGE=<argument> ('benchmark payload');
// UNIQUE=1: the argument gets the call's number appended, so no two calls send the same text (Decision 25).
// VAULT=<n>: n vault values for the redactor to look for in every text (bench/lib/gateway.mjs benchVaultEnv, read
// per event through a generator over an environment, as the gateway's secretValuesOf does; Decision 28).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchVaultEnv } from './gateway.mjs';
import { median } from './load.mjs';

const [distA, distB, roundsArg = '8', callersArg = '32', callsArg = '5000'] = process.argv.slice(2);

const VAULT_ENV = Number(process.env.VAULT ?? 0) > 0 ? benchVaultEnv(Number(process.env.VAULT)) : undefined;
function* vaultValues() {
  for (const [k, v] of Object.entries(VAULT_ENV)) if (/token|secret|key/i.test(k)) yield v;
}

async function open(dist) {
  const root = resolve(dist);
  const { createAuditLog } = await import(join(root, 'audit/index.js'));
  const { createSqliteAuditStore } = await import(join(root, 'storage/sqlite/audit-store.js'));
  const { createAuditRecordSink } = await import(join(root, 'gateway/record-sink.js'));
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-sink-ab-'));
  const store = Object.create(createSqliteAuditStore({ file: join(dir, 'audit.db'), writer: 'main' }));
  store.append = async () => undefined;
  store.identity = undefined;
  const log = await createAuditLog({
    dataDir: dir,
    anchorPath: join(dir, 'anchor.jsonl'),
    onWarning: () => undefined,
    store,
    // Nothing is written, so neither checkpoints nor the read-back health check may run.
    checkpointEvery: { records: 1e9, ms: 1e9 },
    healthCheckMs: 1e9,
    ...(VAULT_ENV ? { secretValues: vaultValues } : {}),
  });
  return {
    sink: createAuditRecordSink(log),
    async close() {
      await log.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const TOOL = process.env.TOOL ?? 'up_echo';
const MESSAGE = process.env.MESSAGE ?? 'benchmark payload';
const UNIQUE = process.env.UNIQUE === '1';
let unique = 0;

function call(i) {
  const requestId = `0192f3a4-1b2c-7d3e-8f40-${String(i).padStart(12, '0')}`;
  const args = { message: UNIQUE ? `${MESSAGE}-${unique++}` : MESSAGE };
  return {
    requestId,
    args,
    record: {
      requestId,
      timestamp: new Date().toISOString(),
      method: 'tools/call',
      agent: 'bench',
      sourceAddress: '127.0.0.1',
      tool: TOOL,
      backend: 'up',
      risk: { level: 'low', categories: ['read'] },
      arguments: args,
      decision: 'allow',
      rule: 'r1',
      reasons: ['agent bench may call up_*'],
    },
  };
}

async function round(sink, calls, callers) {
  let next = 0;
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (next < calls) {
        const c = call(next++);
        await sink.intent(c);
        await new Promise((r) => setImmediate(r));
        c.record.resultStatus = 'ok';
        c.record.latencyMs = 0.4;
        void sink.outcome(c);
      }
    }),
  );
  await new Promise((r) => setTimeout(r, 10));
  const cpu = process.cpuUsage(cpu0);
  return (cpu.user + cpu.system) / calls;
}

const a = await open(distA);
const b = await open(distB);
const ra = [];
const rb = [];
for (let r = 0; r < Number(roundsArg); r++) {
  const order =
    r % 2
      ? [
          [b, rb],
          [a, ra],
        ]
      : [
          [a, ra],
          [b, rb],
        ];
  for (const [side, out] of order) out.push(await round(side.sink, Number(callsArg), Number(callersArg)));
}
const f = (x) => x.toFixed(1);
console.log(
  `${callersArg} callers, ${roundsArg} rounds of ${callsArg} calls, interleaved (store append: a no-op); tool ${TOOL}, argument ${JSON.stringify(MESSAGE)}${UNIQUE ? ' + call number' : ''}`,
);
console.log(`A ${distA}: main-thread audit CPU ${f(median(ra))} µs/call  [${ra.map((x) => x.toFixed(0)).join(' ')}]`);
console.log(`B ${distB}: main-thread audit CPU ${f(median(rb))} µs/call  [${rb.map((x) => x.toFixed(0)).join(' ')}]`);
console.log(`B/A, median of the rounds' ratios: ${median(ra.map((x, i) => rb[i] / x)).toFixed(2)}x`);
await a.close();
await b.close();
