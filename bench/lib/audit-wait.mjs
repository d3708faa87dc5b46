#!/usr/bin/env node
// Is the gateway with durable audit CPU-bound or waiting? Under the gateway-calls load (32 sessions, echo over
// stdio), audit on and off interleaved (A B B A ...), each round reads from /proc: the machine's busy fraction (all
// processes, the other engineers' included), the CPU time per call of every process of the benchmark — this load
// generator, the gateway's event loop, its audit writer thread and its other threads, the stdio upstream — and, per
// thread, the time spent waiting for a CPU on the run queue (schedstat), which is what a CPU-bound thread shows and an
// idle, waiting one does not. Not part of `npm run bench`.
// Usage: node bench/lib/audit-wait.mjs [dist=dist] [rounds=4] [seconds=3] [sessions=32]   (B_AUDIT=on: audit on
// both sides, e.g. with DIST_B=<another build>)
import { readdirSync, readFileSync } from 'node:fs';
import { echoConfig, startBenchGateway } from './gateway.mjs';
import { echoCaller, measure, median } from './load.mjs';

const [dist = 'dist', roundsArg = '4', secondsArg = '3', sessionsArg = '32'] = process.argv.slice(2);
const ROUNDS = Number(roundsArg);
const SECONDS = Number(secondsArg);
const SESSIONS = Number(sessionsArg);
const distB = process.env.DIST_B ?? dist;
const bAudit = process.env.B_AUDIT === 'on';
const HZ = 100;

const read = (p) => readFileSync(p, 'utf8');
/** CPU (user + system) and run-queue wait in seconds of one thread or process (`/proc/<pid>[/task/<tid>]`). */
function times(base) {
  const f = read(`${base}/stat`).split(') ')[1].split(' ');
  const [, waitNs] = read(`${base}/schedstat`).trim().split(' ').map(Number);
  return { cpu: (Number(f[11]) + Number(f[12])) / HZ, wait: waitNs / 1e9 };
}
/** Every thread of the process, in creation order (tid). */
function threads(pid) {
  const out = new Map();
  for (const tid of readdirSync(`/proc/${pid}/task`).sort((a, b) => Number(a) - Number(b))) {
    try {
      out.set(tid, times(`/proc/${pid}/task/${tid}`));
    } catch {
      // ended between the listing and the read
    }
  }
  return out;
}
function machine() {
  const v = read('/proc/stat').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = v[3] + v[4];
  return { total: v.reduce((a, b) => a + b, 0), idle };
}
function snapshot(gw) {
  const pid = gw.proc.pid;
  const children = read(`/proc/${pid}/task/${pid}/children`).trim().split(/\s+/).filter(Boolean);
  const self = process.cpuUsage();
  return {
    at: performance.now(),
    machine: machine(),
    gateway: threads(pid),
    upstream: children
      .map((c) => times(`/proc/${c}`))
      .reduce((a, b) => ({ cpu: a.cpu + b.cpu, wait: a.wait + b.wait }), {
        cpu: 0,
        wait: 0,
      }),
    load: { cpu: (self.user + self.system) / 1e6, wait: times('/proc/self').wait },
  };
}

async function start(audit, d) {
  const gw = await startBenchGateway({ config: echoConfig({ deny: ['up_crash'] }), dist: d, audit });
  return {
    async round() {
      let s0;
      const t = setTimeout(() => (s0 = snapshot(gw)), 500);
      const r = await measure({
        concurrency: SESSIONS,
        seconds: SECONDS,
        warmupSeconds: 0.5,
        makeCaller: echoCaller(gw),
      });
      clearTimeout(t);
      const s1 = snapshot(gw);
      const wall = (s1.at - s0.at) / 1000;
      const calls = r.callsPerSecond * wall;
      const per = (sec) => (sec * 1e6) / calls;
      const tids = [...s1.gateway.keys()];
      const delta = (tid) => {
        const a = s0.gateway.get(tid) ?? { cpu: 0, wait: 0 };
        const b = s1.gateway.get(tid);
        return { cpu: b.cpu - a.cpu, wait: b.wait - a.wait };
      };
      const main = delta(tids[0]);
      // The audit writer is the last thread the gateway starts (at its first commit); without audit there is none.
      const writer = audit ? delta(tids[tids.length - 1]) : { cpu: 0, wait: 0 };
      let all = { cpu: 0, wait: 0 };
      for (const tid of tids) {
        const d = delta(tid);
        all = { cpu: all.cpu + d.cpu, wait: all.wait + d.wait };
      }
      const m = { total: s1.machine.total - s0.machine.total, idle: s1.machine.idle - s0.machine.idle };
      const up = { cpu: s1.upstream.cpu - s0.upstream.cpu, wait: s1.upstream.wait - s0.upstream.wait };
      const load = { cpu: s1.load.cpu - s0.load.cpu, wait: s1.load.wait - s0.load.wait };
      const ours = load.cpu + all.cpu + up.cpu;
      return {
        cps: r.callsPerSecond,
        p50: r.p50,
        machineBusy: 1 - m.idle / m.total,
        oursCores: ours / wall,
        perCall: {
          load: per(load.cpu),
          main: per(main.cpu),
          writer: per(writer.cpu),
          otherThreads: per(all.cpu - main.cpu - writer.cpu),
          upstream: per(up.cpu),
          total: per(ours),
        },
        busy: { main: main.cpu / wall, writer: writer.cpu / wall },
        runQueueWaitPerCall: {
          main: per(main.wait),
          writer: per(writer.wait),
          upstream: per(up.wait),
          load: per(load.wait),
        },
      };
    },
    stop: () => gw.stop(),
  };
}

const sides = { on: await start(true, dist), off: await start(bAudit, distB) };
const res = { on: [], off: [] };
try {
  for (let i = 0; i < ROUNDS; i++) {
    const order = i % 2 === 0 ? ['on', 'off'] : ['off', 'on'];
    for (const k of order) res[k].push(await sides[k].round());
  }
} finally {
  await sides.on.stop();
  await sides.off.stop();
}
const med = (rs, f) => median(rs.map(f));
const f0 = (n) => n.toFixed(0).padStart(5);
const pct = (n) => `${(n * 100).toFixed(0)} %`;
console.log(`${SESSIONS} sessions, ${ROUNDS} rounds of ${SECONDS} s interleaved; medians (2 cores = 200 %)`);
for (const [k, rs] of Object.entries(res)) {
  const label = k === 'on' ? `audit on  (${dist})` : `${bAudit ? 'audit on' : 'audit off'} (${distB})`;
  console.log(
    `${label}: ${f0(med(rs, (r) => r.cps))} calls/s [${rs.map((r) => r.cps.toFixed(0)).join(' ')}], p50 ${med(rs, (r) => r.p50).toFixed(2)} ms`,
  );
  console.log(
    `  machine busy ${pct(2 * med(rs, (r) => r.machineBusy))} of 200 %; this benchmark's processes ${pct(med(rs, (r) => r.oursCores))}`,
  );
  const pc = (key) => f0(med(rs, (r) => r.perCall[key]));
  console.log(
    `  CPU µs/call: load generator ${pc('load')}, gateway event loop ${pc('main')}, audit writer ${pc('writer')}, other gateway threads ${pc('otherThreads')}, upstream ${pc('upstream')}; total ${pc('total')}`,
  );
  console.log(
    `  on-CPU fraction: event loop ${pct(med(rs, (r) => r.busy.main))}, audit writer ${pct(med(rs, (r) => r.busy.writer))}`,
  );
  const rq = (key) => f0(med(rs, (r) => r.runQueueWaitPerCall[key]));
  console.log(
    `  run-queue wait µs/call (runnable, no CPU free): event loop ${rq('main')}, audit writer ${rq('writer')}, upstream ${rq('upstream')}, load generator ${rq('load')}`,
  );
}
