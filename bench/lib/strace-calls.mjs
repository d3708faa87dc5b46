#!/usr/bin/env node
// Syscalls per call of the gateway process (all threads), under the gateway-calls load: `strace -f` attached after a
// warm-up, for `seconds`, then each syscall's count divided by the calls the load generator completed meanwhile.
// strace slows every syscall (and so stretches the call cycle), so read the counts, never the times; it also makes
// lock waits (`futex`) more frequent, since a thread holding a lock spends longer in each syscall (ADR 0017, Decision
// 46 checks them with perf's syscall tracepoints instead). Not part of
// `npm run bench`. Usage: node bench/lib/strace-calls.mjs [sessions=1] [seconds=4] [warmup=2]
// (AUDIT=off: the no-audit server; DIST=<build's dist>; RAW=<file>: also keep strace's full log, one line per
// syscall with its thread id, to read one call's sequence)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { echoConfig, startBenchGateway } from './gateway.mjs';
import { echoCaller, measure } from './load.mjs';

const [sessionsArg = '1', secondsArg = '4', warmupArg = '2'] = process.argv.slice(2);
const audit = process.env.AUDIT !== 'off';
const dir = mkdtempSync(join(tmpdir(), 'portcullis-strace-'));
const out = process.env.RAW ?? join(dir, 'strace.txt');
const gw = await startBenchGateway({
  config: echoConfig({ deny: ['up_crash'] }),
  audit,
  ...(process.env.DIST ? { dist: process.env.DIST } : {}),
});
let tracer;
let traced;
let callsAtStart = 0;
let callsAtEnd = 0;
let calls = 0;
const caller = echoCaller(gw);
const counting = async () => {
  const c = await caller();
  return {
    ...c,
    call: async () => {
      const r = await c.call();
      calls++;
      return r;
    },
  };
};
const start = setTimeout(
  () => {
    callsAtStart = calls;
    tracer = spawn('strace', ['-f', '-qq', '-o', out, '-p', String(gw.proc.pid)], { stdio: 'ignore' });
    traced = new Promise((r) => tracer.on('exit', r));
    setTimeout(
      () => {
        callsAtEnd = calls;
        tracer.kill('SIGINT');
      },
      Number(secondsArg) * 1000,
    );
  },
  Number(warmupArg) * 1000,
);
try {
  await measure({
    concurrency: Number(sessionsArg),
    seconds: Number(secondsArg) + 1,
    warmupSeconds: Number(warmupArg),
    makeCaller: counting,
  });
} finally {
  clearTimeout(start);
  await traced;
  await gw.stop();
}
const n = callsAtEnd - callsAtStart;
const counts = new Map();
for (const line of readFileSync(out, 'utf8').split('\n')) {
  const m = /^(\d+)\s+(?:<\.\.\. )?(\w+)[( ]/.exec(line);
  if (!m || line.includes('resumed>')) continue;
  const key = `${m[1]} ${m[2]}`;
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
const byThread = new Map();
for (const [k, v] of counts) {
  const [tid, name] = k.split(' ');
  if (!byThread.has(tid)) byThread.set(tid, []);
  byThread.get(tid).push([name, v]);
}
console.log(
  `${n} calls traced (${sessionsArg} session(s), audit ${audit ? 'on' : 'off'}); syscalls per call by thread:`,
);
for (const [tid, list] of byThread) {
  const total = list.reduce((a, [, v]) => a + v, 0);
  if (total / n < 0.05) continue;
  console.log(
    `thread ${tid}${tid === String(gw.proc.pid) ? ' (event loop)' : ''}: ${(total / n).toFixed(2)} — ` +
      list
        .sort((a, b) => b[1] - a[1])
        .filter(([, v]) => v / n >= 0.05)
        .map(([name, v]) => `${name} ${(v / n).toFixed(2)}`)
        .join(', '),
  );
}
if (!process.env.RAW) rmSync(dir, { recursive: true, force: true });
process.exit(0);
