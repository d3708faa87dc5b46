#!/usr/bin/env node
// The gateway's CPU time per call, split by thread (from /proc/<pid>/task/*/stat), under the gateway-calls load:
// the main thread (the event loop), V8's platform threads (parallel scavenges, concurrent marking, compilation) and
// the audit writer thread. Shows where a cost goes when the process total moves. Not part of `npm run bench`.
// Usage: node bench/lib/gateway-threads.mjs [dist=dist] [sessions=32] [seconds=4]   (AUDIT=off: the no-audit server;
// NODE_ARGS='--max-semi-space-size=32': flags for the gateway's node)
import { readdirSync, readFileSync } from 'node:fs';
import { echoConfig, startBenchGateway } from './gateway.mjs';
import { echoCaller, measure } from './load.mjs';

const [dist = 'dist', sessionsArg = '32', secondsArg = '4'] = process.argv.slice(2);
const audit = process.env.AUDIT !== 'off';
const nodeArgs = (process.env.NODE_ARGS ?? '').split(' ').filter(Boolean);
const gw = await startBenchGateway({ config: echoConfig({ deny: ['up_crash'] }), dist, audit, nodeArgs });

/** user and system clock ticks of every thread, by thread id (in creation order). */
function threads() {
  const out = new Map();
  for (const tid of readdirSync(`/proc/${gw.proc.pid}/task`).sort((a, b) => Number(a) - Number(b))) {
    try {
      const f = readFileSync(`/proc/${gw.proc.pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
      out.set(tid, { user: Number(f[11]), system: Number(f[12]) });
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return out;
}

let before = new Map();
const t = setTimeout(() => (before = threads()), 500);
let r;
try {
  r = await measure({
    concurrency: Number(sessionsArg),
    seconds: Number(secondsArg),
    warmupSeconds: 0.5,
    makeCaller: echoCaller(gw),
  });
} finally {
  clearTimeout(t);
}
const after = threads();
await gw.stop();
const tick = 1e6 / 100; // µs per clock tick (USER_HZ = 100 on Linux)
console.log(
  `${audit ? 'audit on' : 'audit off'}, ${sessionsArg} sessions: ${r.callsPerSecond.toFixed(0)} calls/s, p50 ${r.p50.toFixed(2)} ms`,
);
let i = 0;
let total = 0;
for (const [tid, now] of after) {
  const was = before.get(tid) ?? { user: 0, system: 0 };
  const user = ((now.user - was.user) * tick) / r.calls;
  const system = ((now.system - was.system) * tick) / r.calls;
  total += user + system;
  const label = i++ === 0 ? 'main (event loop)' : `thread ${tid}`;
  if (user + system >= 1)
    console.log(
      `  ${label.padEnd(20)} user ${user.toFixed(0).padStart(5)} µs/call  system ${system.toFixed(0).padStart(4)} µs/call`,
    );
}
console.log(
  `  all threads          ${total.toFixed(0)} µs/call (V8's platform threads come right after main; the audit writer is the last one started)`,
);
