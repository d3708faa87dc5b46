#!/usr/bin/env node
// Why does the stdio upstream answer more slowly right after an audit commit? A bare experiment, no gateway: this
// process plays the gateway's event loop, a worker thread plays the audit writer (better-sqlite3, WAL, synchronous
// FULL, two rows per transaction, as one session commits an intent and the previous outcome), and the benchmark's
// stdio upstream (test/fixtures/test-upstream.mjs, the official SDK) answers an `echo` tools/call. Per call, timed:
// the upstream's round trip (the request's write → its reply parsed), after one of these, interleaved round by round
// (A B C ... then reversed):
//   back-to-back  the call right after the previous one (no gap)
//   idle          the worker sleeps IDLE_MS (Atomics.wait) before answering: the same hand-offs and idle gap, no disk
//   fsync         the worker commits (two inserts + fsync), then answers: what the gateway does before every call
//   fsync-main    the commit on this thread (no hand-off), then the call
//   fsync-ping    as fsync, and an MCP `ping` sent to the upstream as the commit starts (woken by a request)
//   fsync-space   as fsync, and one space (JSON whitespace: no message, nothing to act on) written to the upstream's
//                 stdin as the commit starts, so that it wakes during the commit without receiving anything
//   writer-sends  the worker commits and then writes the call to the upstream's stdin itself (the event loop only
//                 reads the reply): one thread hand-off fewer between the fsync and the upstream
// Two figures per mode: the upstream's round trip (the call's write → its reply; for writer-sends from the worker's
// write) and the whole cycle (the commit's start, or the call's write when there is none → the reply).
// PIN=same: this process, its worker and the upstream all on CPU 0; PIN=split: the upstream alone on CPU 1.
// ADR 0017, Decision 38. Not part of `npm run bench`.
// Usage: node bench/lib/upstream-wake.mjs [rounds=6] [calls per mode and round=300]   (MODES=a,b,...; IDLE_MS=0.6)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { UPSTREAM } from './gateway.mjs';
import { describeMachine } from './machine.mjs';
import { median } from './load.mjs';

const [roundsArg = '6', callsArg = '300'] = process.argv.slice(2);
const ROUNDS = Number(roundsArg);
const CALLS = Number(callsArg);
const IDLE_MS = Number(process.env.IDLE_MS ?? 0.6);
const MODES = (process.env.MODES ?? 'back-to-back,idle,fsync,fsync-main,fsync-ping,fsync-space,writer-sends').split(
  ',',
);
const PIN = process.env.PIN;

const child = spawn(process.execPath, [UPSTREAM], { stdio: ['pipe', 'pipe', 'inherit'] });
if (PIN === 'same' || PIN === 'split') {
  const pin = (cpu, pid) => spawnSync('taskset', ['-a', '-p', '-c', cpu, String(pid)], { stdio: 'ignore' });
  pin('0', process.pid);
  pin(PIN === 'same' ? '0' : '1', child.pid);
}
let buf = '';
const waiting = new Map();
child.stdout.setEncoding('utf8');
child.stdout.on('data', (d) => {
  buf += d;
  for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
    const m = JSON.parse(buf.slice(0, i));
    buf = buf.slice(i + 1);
    const w = waiting.get(m.id);
    if (w) {
      waiting.delete(m.id);
      w(m);
    }
  }
});
let nextId = 1;
const rpc = (method, params) =>
  new Promise((res) => {
    const id = nextId++;
    waiting.set(id, res);
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
  });
await rpc('initialize', {
  protocolVersion: '2025-06-18',
  capabilities: {},
  clientInfo: { name: 'wake', version: '1' },
});
child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);

const dir = mkdtempSync(join(tmpdir(), 'portcullis-wake-'));
const schema = 'CREATE TABLE IF NOT EXISTS t (seq INTEGER PRIMARY KEY, body TEXT)';
const driver = createRequire(import.meta.url).resolve('better-sqlite3');
const worker = new Worker(
  `const { parentPort, workerData } = require('node:worker_threads');
   const db = new (require(workerData.driver))(workerData.file);
   db.pragma('journal_mode = WAL'); db.pragma('synchronous = FULL'); db.exec(workerData.schema);
   const ins = db.prepare('INSERT INTO t (body) VALUES (?)');
   const write = db.transaction(() => { ins.run('i'.repeat(900)); ins.run('o'.repeat(300)); });
   const cell = new Int32Array(new SharedArrayBuffer(4));
   const { writeSync } = require('node:fs');
   parentPort.on('message', (m) => {
     if (m === 'idle') Atomics.wait(cell, 0, 0, workerData.idleMs);
     else write();
     let sent;
     if (typeof m === 'object') { sent = performance.timeOrigin + performance.now(); writeSync(workerData.upstreamFd, m.line); }
     parentPort.postMessage(sent ?? m);
   });`,
  {
    eval: true,
    workerData: { driver, file: join(dir, 'w.db'), schema, idleMs: IDLE_MS, upstreamFd: child.stdin._handle.fd },
  },
);
const mainDb = new Database(join(dir, 'm.db'));
mainDb.pragma('journal_mode = WAL');
mainDb.pragma('synchronous = FULL');
mainDb.exec(schema);
const mainIns = mainDb.prepare('INSERT INTO t (body) VALUES (?)');
const mainWrite = mainDb.transaction(() => {
  mainIns.run('i'.repeat(900));
  mainIns.run('o'.repeat(300));
});
const onWorker = (m) =>
  new Promise((res) => {
    worker.once('message', res);
    worker.postMessage(m);
  });

const CALL = { name: 'echo', arguments: { message: 'benchmark payload' } };
const now = () => performance.timeOrigin + performance.now();

/** The call's round trip and the whole cycle, ms. */
async function one(mode) {
  let ping;
  let rt;
  const start = now();
  if (mode === 'writer-sends') {
    const id = nextId++;
    const reply = new Promise((res) => waiting.set(id, () => res(now())));
    const line = `${JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: CALL })}\n`;
    const [sent, answered] = await Promise.all([onWorker({ line }), reply]);
    rt = answered - sent;
    await new Promise((r) => setImmediate(r));
    return { rt, cycle: answered - start };
  }
  if (mode === 'fsync-ping') ping = rpc('ping', {});
  if (mode === 'fsync-space') child.stdin.write(' ');
  if (mode === 'idle') await onWorker('idle');
  else if (mode === 'fsync-main') mainWrite();
  else if (mode !== 'back-to-back') await onWorker('fsync');
  const t0 = now();
  await rpc('tools/call', CALL);
  const t1 = now();
  if (ping) await ping;
  // The gateway answers the agent and waits for its next request: one turn of the event loop here.
  await new Promise((r) => setImmediate(r));
  return { rt: t1 - t0, cycle: t1 - start };
}

for (let i = 0; i < 300; i++) await one(MODES[i % MODES.length]);
const p50s = Object.fromEntries(MODES.map((m) => [m, []]));
const cycles = Object.fromEntries(MODES.map((m) => [m, []]));
const loads = [];
for (let r = 0; r < ROUNDS; r++) {
  loads.push(loadavg()[0]);
  for (const mode of r % 2 ? [...MODES].reverse() : MODES) {
    const ts = [];
    const cs = [];
    for (let i = 0; i < CALLS; i++) {
      const { rt, cycle } = await one(mode);
      ts.push(rt);
      cs.push(cycle);
    }
    p50s[mode].push(median(ts));
    cycles[mode].push(median(cs));
  }
}
console.log(describeMachine());
console.log(
  `${ROUNDS} rounds of ${CALLS} calls per mode, interleaved${PIN ? `, PIN=${PIN}` : ''}; load average per round ${loads.map((l) => l.toFixed(1)).join(' ')}`,
);
console.log("the upstream's round trip, p50 ms per round, the median of the rounds; then the whole cycle's median:");
const base = median(p50s[MODES[0]]);
for (const mode of MODES) {
  const m = median(p50s[mode]);
  console.log(
    `  ${mode.padEnd(13)} ${p50s[mode].map((x) => x.toFixed(3)).join(' ')}   median ${m.toFixed(3)} (${(m / base).toFixed(2)}x ${MODES[0]})   cycle ${median(cycles[mode]).toFixed(3)}`,
  );
}
child.kill();
await worker.terminate();
mainDb.close();
rmSync(dir, { recursive: true, force: true });
