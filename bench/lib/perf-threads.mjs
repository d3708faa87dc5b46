#!/usr/bin/env node
// On-CPU profile of `portcullis serve` in steady state: `perf record -e cpu-clock -g` on the gateway process for
// `seconds` after `warmup` seconds of the gateway-calls load (so JIT compilation of the first seconds is left out),
// then CPU time per call by thread and the inclusive time per call of the audit path's frames on the event loop.
// Short runs overstate per-call figures: start-up compilation on V8's platform threads divided by few calls
// (docs/adr/0017, Decision 13). Needs `perf` (Linux). Not part of `npm run bench`.
// Usage: node bench/lib/perf-threads.mjs [sessions=32] [seconds=8] [warmup=4]   (AUDIT=off: the no-audit server;
// DIST=<build's dist>; BENCH_MESSAGE=<the echo call's argument>; BENCH_UNIQUE=1: the call's number appended to it
// (a text new on every call, as in ab-gateway.mjs); UNDER=<regex>: self time under a frame (UNDER_OF=<n>: on the n-th
// busiest thread instead of the event loop);
// LEAVES_OF=<n>: self time of the n-th busiest thread; SYSCALLS_OF=<n>: its time by system call; CALLERS_OF=<regex>:
// for the event loop's samples whose leaf frame matches, the nearest JavaScript frame above it)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { echoConfig, startBenchGateway } from './gateway.mjs';
import { echoCaller, measure } from './load.mjs';

const [sessionsArg = '32', secondsArg = '8', warmupArg = '4'] = process.argv.slice(2);
const SECONDS = Number(secondsArg);
const WARMUP = Number(warmupArg);
const HZ = 4000;
const audit = process.env.AUDIT !== 'off';
// The echo call's argument, as in ab-gateway.mjs (a path such as '/srv/reports/2026/q3-revenue.pdf' is scanned).
const MESSAGE = process.env.BENCH_MESSAGE ?? 'benchmark payload';
const UNIQUE = process.env.BENCH_UNIQUE === '1';
let callNumber = 0;
const dir = mkdtempSync(join(tmpdir(), 'portcullis-perf-'));
const data = join(dir, 'perf.data');
const gw = await startBenchGateway({
  config: echoConfig({ deny: ['up_crash'] }),
  audit,
  ...(process.env.DIST ? { dist: process.env.DIST } : {}),
  nodeArgs: ['--perf-basic-prof-only-functions'],
});
let perf;
let perfDone;
const started = setTimeout(() => {
  perf = spawn('perf', ['record', '-e', 'cpu-clock', '-F', String(HZ), '-g', '-p', String(gw.proc.pid), '-o', data], {
    stdio: 'ignore',
  });
  perfDone = new Promise((r) => perf.on('exit', r));
}, WARMUP * 1000);
let r;
try {
  r = await measure({
    concurrency: Number(sessionsArg),
    seconds: SECONDS,
    warmupSeconds: WARMUP,
    makeCaller: echoCaller(gw, {
      args: UNIQUE ? () => ({ message: `${MESSAGE}-${callNumber++}` }) : { message: MESSAGE },
    }),
  });
} finally {
  clearTimeout(started);
  perf?.kill('SIGINT');
  await perfDone;
  await gw.stop();
}

const script = spawnSync('perf', ['script', '-i', data, '-F', 'tid,ip,sym'], {
  encoding: 'utf8',
  maxBuffer: 1 << 30,
}).stdout;
rmSync(dir, { recursive: true, force: true });
// The symbol map --perf-basic-prof writes for `perf script` (V8 never removes it).
rmSync(join(tmpdir(), `perf-${gw.proc.pid}.map`), { force: true });
const samples = script.split('\n\n').filter((s) => s.trim());
const usPerCall = (n) => ((n * 1e6) / HZ / r.calls).toFixed(1);
const byThread = new Map();
for (const s of samples) {
  const tid = Number(s.trim().split(/\s+/)[0]);
  byThread.set(tid, (byThread.get(tid) ?? 0) + 1);
}
console.log(
  `${audit ? 'audit on' : 'audit off'}, ${sessionsArg} sessions, argument ${JSON.stringify(MESSAGE)}${UNIQUE ? ' + call number' : ''}, ${SECONDS} s after ${WARMUP} s: ${r.callsPerSecond.toFixed(0)} calls/s, p50 ${r.p50.toFixed(2)} ms`,
);
console.log('on-CPU time per call by thread (the main thread is the event loop):');
for (const [tid, n] of [...byThread].sort((a, b) => b[1] - a[1]).slice(0, 8))
  console.log(`  ${tid === gw.proc.pid ? 'main' : `thread ${tid}`}`.padEnd(16) + `${usPerCall(n).padStart(7)} µs`);
// Inclusive: samples of the event loop whose stack holds the frame.
const main = samples.filter((s) => Number(s.trim().split(/\s+/)[0]) === gw.proc.pid);
const frames = {
  'audit record sink (intent + outcome: event, redaction, append)': /gateway\/record-sink\.js/,
  '  redactor': /JS:.redact file:/,
  '  secretlint pass': /JS:.scanOutput/,
  'secretlint code, any caller (lintSource, its rules, the host)': /@secretlint|secretlint-host\.js/,
  'group commit (chain, SHA-256, post to the writer)': /JS:.commit file:[^\n]*group-commit/,
  '  chain + SHA-256 (prepare)': /JS:.prepare file:[^\n]*group-commit/,
  '  writer.write + postMessage': /audit-writer\.js/,
  'garbage collection': /Heap::CollectGarbage|Scaveng|MarkCompact/,
  'API-key authenticate': /authn\/api-key\.js/,
  'socket writes (writev)': /writev/,
};
console.log('event loop, inclusive time per call:');
for (const [name, re] of Object.entries(frames))
  console.log(`  ${name.padEnd(64)}${usPerCall(main.filter((s) => re.test(s)).length).padStart(7)} µs`);
/** Prints the leaf frame (self time) of each sample, busiest first. */
function printLeaves(title, stacks, top) {
  const leaves = new Map();
  for (const s of stacks) {
    const leaf =
      s
        .trim()
        .split('\n')[1]
        ?.trim()
        .replace(/^[0-9a-f]+\s+/, '') ?? '?';
    leaves.set(leaf, (leaves.get(leaf) ?? 0) + 1);
  }
  console.log(title);
  for (const [leaf, n] of [...leaves].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`  ${usPerCall(n).padStart(7)} µs  ${leaf.slice(0, 110)}`);
}
// UNDER=<regex>: the event loop's leaf frames (self time) of the samples whose stack holds a matching frame, top 15.
// UNDER_OF=<n>: the same on the n-th busiest thread instead (2: with audit on, usually the audit writer).
if (process.env.UNDER) {
  const re = new RegExp(process.env.UNDER);
  const [tid] = process.env.UNDER_OF
    ? ([...byThread].sort((a, b) => b[1] - a[1])[Number(process.env.UNDER_OF) - 1] ?? [])
    : [gw.proc.pid];
  const stacks = samples.filter((x) => Number(x.trim().split(/\s+/)[0]) === tid);
  console.log(
    `thread ${tid}: ${usPerCall(stacks.filter((x) => re.test(x)).length)} µs per call inclusive under /${process.env.UNDER}/`,
  );
  printLeaves(
    `self time per call under /${process.env.UNDER}/:`,
    stacks.filter((x) => re.test(x)),
    15,
  );
}
// SYSCALLS_OF=<n> (or 'writer'): the n-th busiest thread's time per call inclusive under each system call (named by the
// libc wrapper that entered the kernel), then the time in no system call (user code, page faults, interrupts), split by
// the leaf frame into SQLite's code, JavaScript (optimised frames; code still in V8's interpreter or baseline tier runs
// in V8's builtins), V8 / Node / libuv, other native code and the kernel; SYSCALLS_LEAVES=<n>: the top n leaf frames
// outside any system call.
if (process.env.SYSCALLS_OF) {
  // 'writer': the thread that calls fsync (with audit on, the audit writer), whatever its rank.
  const [tid] =
    process.env.SYSCALLS_OF === 'writer'
      ? [
          Number(
            samples
              .find((x) => /\bfsync\b|do_fsync/.test(x))
              ?.trim()
              .split(/\s+/)[0],
          ),
        ]
      : ([...byThread].sort((a, b) => b[1] - a[1])[Number(process.env.SYSCALLS_OF) - 1] ?? []);
  const stacks = samples.filter((x) => Number(x.trim().split(/\s+/)[0]) === tid);
  const by = new Map();
  for (const st of stacks) {
    // The system call: the user-space frame (libc's wrapper) right above the kernel's entry, so inlined syscall
    // handlers (`x64_sys_call`'s switch in recent kernels) are still named.
    const lines = st
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.trim().replace(/^[0-9a-f]+\s+/, ''));
    const entry = lines.findIndex((l) => /^entry_SYSCALL_64/.test(l));
    const wrapper = entry >= 0 ? (lines[entry + 1] ?? '?') : undefined;
    let key;
    if (wrapper !== undefined)
      key = `syscall ${wrapper.replace(/^(?:__libc_|__GI___|__GI_|__)/, '').replace(/(?:_nocancel|64|\+0x\w+| \(.*)$/g, '')}`;
    else {
      const leaf =
        st
          .trim()
          .split('\n')[1]
          ?.trim()
          .replace(/^[0-9a-f]+\s+/, '') ?? '?';
      key = /^JS:/.test(leaf)
        ? 'no syscall: JavaScript'
        : /sqlite3|^(?:json|wal|pager|btree|vdbe)/i.test(leaf)
          ? 'no syscall: SQLite'
          : /^Builtins_|v8::|node::|uv_/.test(leaf)
            ? 'no syscall: V8 / Node / libuv'
            : /^[a-z_0-9.]+$/.test(leaf) && !/^(?:malloc|free|mem|__mem|__str|str)/.test(leaf)
              ? 'no syscall: kernel (interrupts, faults, scheduling)'
              : 'no syscall: other native (libc, ...)';
    }
    by.set(key, (by.get(key) ?? 0) + 1);
  }
  console.log(`thread ${tid}: time per call by system call (inclusive), and outside any:`);
  for (const [k, n] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 20))
    console.log(`  ${usPerCall(n).padStart(7)} µs  ${k}`);
  if (process.env.SYSCALLS_LEAVES)
    printLeaves(
      `thread ${tid}, leaf frames outside any system call:`,
      stacks.filter((x) => !/entry_SYSCALL_64/.test(x)),
      Number(process.env.SYSCALLS_LEAVES),
    );
}
// CALLERS_OF=<regex>: for the event loop's samples whose leaf frame matches, the nearest JavaScript frame above it
// (which of our functions the builtin or native frame ran for), top 15.
if (process.env.CALLERS_OF) {
  const re = new RegExp(process.env.CALLERS_OF);
  const callers = new Map();
  for (const s of main) {
    const lines = s
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.trim().replace(/^[0-9a-f]+\s+/, ''));
    if (!lines[0] || !re.test(lines[0])) continue;
    const js = lines.slice(1).find((l) => l.startsWith('JS:')) ?? '(no JavaScript frame)';
    callers.set(js, (callers.get(js) ?? 0) + 1);
  }
  console.log(`nearest JavaScript caller of the event loop's leaf frames matching /${process.env.CALLERS_OF}/:`);
  for (const [js, n] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`  ${usPerCall(n).padStart(7)} µs  ${js.slice(0, 110)}`);
}
// LEAVES_OF=<n>: the leaf frames (self time) of the n-th busiest thread (1: usually the event loop; 2: with audit on,
// usually the audit writer), top 20.
if (process.env.LEAVES_OF) {
  const [tid] = [...byThread].sort((a, b) => b[1] - a[1])[Number(process.env.LEAVES_OF) - 1] ?? [];
  printLeaves(
    `self time per call on thread ${tid}:`,
    samples.filter((x) => Number(x.trim().split(/\s+/)[0]) === tid),
    20,
  );
}
