#!/usr/bin/env node
// One session's latency by CPU placement: the same two gateways (audit on, and the bench-only server without audit)
// measured round by round with the processes' CPU affinity changed between rounds (`taskset -a -p`, live):
//   free   every thread may run on every CPU (as shipped)
//   split  the gateway (event loop, audit writer, V8's threads) on CPU 0, its stdio upstream alone on CPU 1
//   same   the gateway and its upstream on CPU 0
// The load generator (this process) stays free. upstream-wake.mjs found, without a gateway, that the upstream's
// round trip after a commit is barely slower when the upstream has a CPU of its own and more than twice as slow
// when it shares one with the committing threads; this says what that is worth for the gateway's p50.
// ADR 0017, Decision 38. Linux only (taskset, /proc). Not part of `npm run bench`.
// Usage: node bench/lib/placement-ab.mjs [rounds=6] [seconds=2] [sessions=1]   (PLACEMENTS=free,split,same)
import { readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { echoConfig, startBenchGateway } from './gateway.mjs';
import { describeMachine } from './machine.mjs';
import { echoCaller, fmt, measure, median } from './load.mjs';

const [roundsArg = '6', secondsArg = '2', sessionsArg = '1'] = process.argv.slice(2);
const ROUNDS = Number(roundsArg);
const SECONDS = Number(secondsArg);
const SESSIONS = Number(sessionsArg);
const PLACEMENTS = (process.env.PLACEMENTS ?? 'free,split,same').split(',');

/** The gateway's child processes (its stdio upstream), from /proc. */
function childrenOf(pid) {
  const out = [];
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      out.push(...readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean));
    } catch {
      // A thread that ended meanwhile.
    }
  }
  return out.map(Number);
}

function place(gw, placement) {
  const set = (cpus, pid) => {
    const r = spawnSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`taskset failed: ${r.stderr}`);
  };
  const ups = childrenOf(gw.proc.pid);
  if (ups.length === 0) throw new Error('no upstream process found under the gateway');
  set(placement === 'free' ? '0,1' : '0', gw.proc.pid);
  for (const up of ups) set(placement === 'split' ? '1' : placement === 'same' ? '0' : '0,1', up);
}

const sides = [
  { name: 'audit on', gw: await startBenchGateway({ config: echoConfig({ deny: ['up_crash'] }) }) },
  { name: 'audit off', gw: await startBenchGateway({ config: echoConfig({ deny: ['up_crash'] }), audit: false }) },
];
// A first call starts each gateway's upstream.
for (const s of sides)
  await measure({ concurrency: 1, seconds: 0.5, warmupSeconds: 0.5, makeCaller: echoCaller(s.gw) });
const results = new Map();
const loads = [];
try {
  for (let r = 0; r < ROUNDS; r++) {
    loads.push(loadavg()[0]);
    const order = r % 2 ? [...PLACEMENTS].reverse() : PLACEMENTS;
    for (const placement of order)
      for (const s of r % 2 ? [...sides].reverse() : sides) {
        place(s.gw, placement);
        const m = await measure({
          concurrency: SESSIONS,
          seconds: SECONDS,
          warmupSeconds: 0.5,
          makeCaller: echoCaller(s.gw),
        });
        const key = `${s.name}|${placement}`;
        results.set(key, [...(results.get(key) ?? []), m]);
      }
  }
} finally {
  for (const s of sides) await s.gw.stop();
}
console.log(describeMachine());
console.log(
  `${SESSIONS} session(s), ${ROUNDS} rounds of ${SECONDS} s per gateway and placement, interleaved; load average per round ${loads.map((l) => l.toFixed(1)).join(' ')}`,
);
console.log('p50 ms (median of the rounds; each round in brackets), calls/s (median)');
for (const placement of PLACEMENTS) {
  const line = sides.map((s) => {
    const rs = results.get(`${s.name}|${placement}`);
    return `${s.name} ${fmt(median(rs.map((x) => x.p50)), 3)} [${rs.map((x) => fmt(x.p50, 2)).join(' ')}] ${fmt(median(rs.map((x) => x.callsPerSecond)), 0)}/s`;
  });
  const on = median(results.get(`audit on|${placement}`).map((x) => x.p50));
  const off = median(results.get(`audit off|${placement}`).map((x) => x.p50));
  console.log(`  ${placement.padEnd(6)} ${line.join('   ')}   audit adds ${fmt(on - off, 3)} ms`);
}
