#!/usr/bin/env node
// Instructions per call of the gateway, thread by thread, counted by valgrind's callgrind: a count of executed
// instructions does not depend on what else the machine runs, so two builds can be compared at any load (ADR 0017,
// Decision 47). The gateway (`portcullis serve` with everything on: API key, policy, validation, durable audit) runs
// under `valgrind --tool=callgrind --separate-threads=yes`; the load generator and the stdio upstream run natively.
// Steps: `warmup` calls, a quiet pause, the counters zeroed (`callgrind_control -z`), then `rounds` intervals of
// `calls` calls each, every one followed by a quiet pause (the deferred outcome commits, nothing is in flight) and a
// dump (`callgrind_control -d`). Each interval's instructions per thread are divided by its calls; the intervals of
// one run show the spread. Bounded: the calls are counted, not timed. Not part of `npm run bench`.
// Usage: node bench/lib/callgrind-calls.mjs [calls=200] [warmup=2000] [rounds=3] [sessions=1]
// DIST=<build's dist>; AUDIT=off: the bench-only no-audit server; NODE_ARGS: flags for the gateway's node;
// QUIET_MS: the pause before each dump (default 1500); KEEP=<dir>: keep the callgrind files there (for
// callgrind_annotate; FNS=<regex> prints those functions' inclusive instructions per call from the last interval);
// BENCH_MESSAGE: the echo argument ('benchmark payload'); THINK_MS: the pause after each answer (25; in the
// warm-up too, so that it runs the same paths); IDLE_MS: the idle interval (10000).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { echoConfig, startBenchGateway } from './gateway.mjs';
import { openSession } from './load.mjs';

const [callsArg = '200', warmupArg = '2000', roundsArg = '3', sessionsArg = '1'] = process.argv.slice(2);
const CALLS = Number(callsArg);
const WARMUP = Number(warmupArg);
const ROUNDS = Number(roundsArg);
const SESSIONS = Number(sessionsArg);
const QUIET_MS = Number(process.env.QUIET_MS ?? 1500);
const MESSAGE = process.env.BENCH_MESSAGE ?? 'benchmark payload';
const keep = process.env.KEEP;
if (keep) mkdirSync(keep, { recursive: true });
const outDir = keep ?? mkdtempSync(join(tmpdir(), 'portcullis-callgrind-'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Work that runs by the clock, not per call, is moved out of the way so that a slow (instrumented) call does not
// carry more of it: checkpoints every 1000 records only (not also every second: under valgrind a second is a few
// calls), and no score recorder (it builds a report every minute when due). The 1 s timers that remain (health check,
// approvals sweep, spool poke) are measured in an idle interval and subtracted (printed beside the raw figure).
const config = echoConfig({
  deny: ['up_crash'],
  extra: 'audit:\n  checkpointEvery: { records: 1000, ms: 3600000 }\nreport:\n  recordEveryMinutes: 0\n',
});
const gw = await startBenchGateway({
  config,
  audit: process.env.AUDIT !== 'off',
  ...(process.env.DIST ? { dist: process.env.DIST } : {}),
  // Node's defaults: V8 compiles and marks on its own threads. `--single-threaded` (both on the event loop) was tried
  // and made the event loop's figure far less steady (Decision 47), so the event loop and the writer are the figures
  // to compare and V8's platform threads are printed apart.
  nodeArgs: (process.env.NODE_ARGS ?? '').split(' ').filter(Boolean),
  launcher: [
    'valgrind',
    '--tool=callgrind',
    // V8 writes and rewrites machine code at run time: without this valgrind runs stale translations.
    '--smc-check=all-non-file',
    '--separate-threads=yes',
    '--dump-instr=no',
    // Start-up and warm-up run uninstrumented (several times faster); counting starts with `callgrind_control -i on`.
    '--instr-atstart=no',
    `--callgrind-out-file=${join(outDir, 'cg.out.%p')}`,
  ],
  startTimeoutMs: 600_000,
});
const pid = gw.proc.pid;
const control = (...args) =>
  execFileSync('callgrind_control', [...args, String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

// A pause after each answer (THINK_MS), so that each outcome commits alone after its 5 ms deferral as a thinking
// agent's do (Decision 39). Default 0, back to back: the outcome then mostly rides with the next intent (the writer's
// fsyncs per call, printed, say how often); 25 ms with `--single-threaded` was less steady (Decision 47).
const THINK_MS = Number(process.env.THINK_MS ?? 0);
/** Runs exactly `n` calls over the sessions (closed loops; each takes a ticket while any remain). */
async function run(sessions, n, think = THINK_MS) {
  let left = n;
  await Promise.all(
    sessions.map(async (s) => {
      while (left > 0) {
        left--;
        await s.call('up_echo', { message: MESSAGE });
        if (think > 0) await sleep(think);
      }
    }),
  );
}

const dumpsBefore = () => new Set(readdirSync(outDir));
/** The instructions (Ir) of each thread in the files this dump wrote, by valgrind thread number. */
function readDump(before) {
  const byThread = new Map();
  for (const f of readdirSync(outDir)) {
    if (before.has(f) || !f.startsWith(`cg.out.${pid}`)) continue;
    const text = readFileSync(join(outDir, f), 'utf8');
    const thread = Number(/^thread: (\d+)/m.exec(text)?.[1] ?? /-(\d+)$/.exec(f)?.[1]);
    const total = Number(/^(?:summary|totals): (\d+)/m.exec(text)?.[1] ?? 0);
    byThread.set(thread, { total, file: f, text });
  }
  return byThread;
}

/** How many times a thread's code called the functions whose name matches `re` (callgrind's `calls=` lines). */
function callsOf(text, re) {
  const names = new Map();
  let n = 0;
  let target = false;
  for (const line of text.split('\n')) {
    const m = /^c?fn=\((\d+)\)(?: (.*))?$/.exec(line);
    if (m) {
      if (m[2] !== undefined) names.set(m[1], m[2]);
      target = line.startsWith('cfn=') && re.test(names.get(m[1]) ?? '');
      continue;
    }
    if (target && line.startsWith('calls=')) {
      n += Number(line.slice(6).split(' ')[0]);
      target = false;
    }
  }
  return n;
}

/**
 * What a thread is, from the functions it ran (counting starts mid-run, so a thread's root frames are not in its
 * file): the main thread is the event loop; the thread that runs SQLite's statement engine is the audit writer.
 */
function label(thread, text) {
  if (thread === 1) return 'event loop';
  if (/sqlite3VdbeExec/.test(text)) return 'audit writer';
  if (/uv__fs_work|uv__work_done|worker \(/.test(text)) return 'libuv pool';
  if (/v8::internal|v8::platform/.test(text)) return 'V8 platform';
  return 'other';
}

const sessions = [];
for (let i = 0; i < SESSIONS; i++) sessions.push(await openSession(gw.url, { authorization: `Bearer ${gw.key}` }));
const started = Date.now();
await run(sessions, WARMUP);
await sleep(QUIET_MS);
control('-i', 'on');
control('-z');
// The idle interval: the clock's own work per second, per thread (no calls).
const IDLE_MS = Number(process.env.IDLE_MS ?? 10_000);
const idleStart = Date.now();
await sleep(IDLE_MS);
const idleBefore = dumpsBefore();
control('-d');
for (let i = 0; i < 100 && readdirSync(outDir).length === idleBefore.size; i++) await sleep(100);
await sleep(500);
const idle = { dump: readDump(idleBefore), seconds: (Date.now() - idleStart) / 1000 };
const intervals = [];
for (let r = 0; r < ROUNDS; r++) {
  const t0 = Date.now();
  await run(sessions, CALLS);
  await sleep(QUIET_MS);
  const before = dumpsBefore();
  const seconds = (Date.now() - t0) / 1000;
  control('-d');
  for (let i = 0; i < 100 && readdirSync(outDir).length === before.size; i++) await sleep(100);
  await sleep(500);
  intervals.push({ dump: readDump(before), seconds });
}
for (const s of sessions) s.close();
await gw.stop();

const threads = [...new Set(intervals.flatMap((iv) => [...iv.dump.keys()]))].sort((a, b) => a - b);
const last = intervals.at(-1).dump;
const k = (n) => Math.round(n).toLocaleString('en');
console.log(
  `callgrind: ${CALLS} calls per interval after ${WARMUP} warm-up calls, ${SESSIONS} session(s), ${THINK_MS} ms ` +
    `between calls, node flags '${process.env.NODE_ARGS ?? ''}', audit ` +
    `${process.env.AUDIT === 'off' ? 'off' : 'on'}, ${ROUNDS} intervals of ${intervals.map((iv) => iv.seconds.toFixed(0)).join(', ')} s ` +
    `(${((Date.now() - started) / 1000).toFixed(0)} s from the first call); an idle interval of ${idle.seconds.toFixed(0)} s.`,
);
console.log('Instructions per call, each interval (idle rate subtracted); [raw, idle instructions per second]:');
const idleRate = (t) => (idle.dump.get(t)?.total ?? 0) / idle.seconds;
let sums = intervals.map(() => 0);
let rawSums = intervals.map(() => 0);
for (const t of threads) {
  const raw = intervals.map((iv) => (iv.dump.get(t)?.total ?? 0) / CALLS);
  const per = intervals.map((iv, i) => raw[i] - (idleRate(t) * iv.seconds) / CALLS);
  sums = sums.map((s, i) => s + per[i]);
  rawSums = rawSums.map((s, i) => s + raw[i]);
  if (raw.every((p) => p < 1000)) continue;
  const text = last.get(t)?.text ?? '';
  const fsyncs = callsOf(text, /^(fsync|fdatasync)$/) / CALLS;
  console.log(
    `thread ${t} (${label(t, text)}): ${per.map(k).join(' / ')}  [${raw.map(k).join(' / ')}; ${k(idleRate(t))}/s]` +
      (fsyncs > 0 ? `  fsyncs per call ${fsyncs.toFixed(2)}` : ''),
  );
}
console.log(`all threads: ${sums.map(k).join(' / ')}  [${rawSums.map(k).join(' / ')}]`);
const spread = (xs) => (Math.max(...xs) / Math.min(...xs) - 1) * 100;
const perCall = (t) => intervals.map((iv) => (iv.dump.get(t)?.total ?? 0) / CALLS - (idleRate(t) * iv.seconds) / CALLS);
const main = perCall(1);
const writer = threads.find((t) => label(t, last.get(t)?.text ?? '') === 'audit writer');
const both = writer === undefined ? main : main.map((m, i) => m + perCall(writer)[i]);
console.log(
  `spread between intervals (largest / smallest - 1): event loop ${spread(main).toFixed(1)} %, event loop + ` +
    `writer ${spread(both).toFixed(1)} % (${both.map(k).join(' / ')}), all threads ${spread(sums).toFixed(1)} %`,
);
if (process.env.FNS) {
  const re = new RegExp(process.env.FNS);
  for (const t of threads) {
    const text = last.get(t)?.text;
    if (text) for (const [fn, ir] of inclusive(text, re)) console.log(`  thread ${t} ${fn}: ${Math.round(ir / CALLS)}`);
  }
}
if (!keep) rmSync(outDir, { recursive: true, force: true });
else console.log(`callgrind files in ${outDir} (callgrind_annotate --inclusive=yes <file>)`);
process.exit(0);

/** Inclusive Ir of the functions whose name matches `re`, from callgrind_annotate. */
function inclusive(text, re) {
  const file = join(outDir, [...last.values()].find((v) => v.text === text).file);
  if (!existsSync(file)) return [];
  const out = execFileSync('callgrind_annotate', ['--inclusive=yes', '--threshold=100', file], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const rows = [];
  for (const line of out.split('\n')) {
    const m = /^\s*([\d,]+)\s+\([^)]*\)\s+(?:\S+:)?(.*)$/.exec(line) ?? /^\s*([\d,]+)\s+(?:\S+:)?(.*)$/.exec(line);
    if (m && re.test(m[2])) rows.push([m[2].trim(), Number(m[1].replace(/,/g, ''))]);
  }
  return rows;
}
