#!/usr/bin/env node
// A/B of two builds of the gateway under the gateway-calls load, interleaved in one run (A B B A A B ...: each
// round pairs a measurement of A with one of B taken next to it, and the order alternates so that neither side
// always runs first), so machine drift hits both alike: calls/s, p50, and the gateway's CPU time per call (user +
// system from /proc: all its threads, and its main thread, the event loop, alone), which is steadier than
// wall-clock on a shared machine. Besides the medians of each side it prints the median of the per-round B/A ratios,
// which moves least with the other engineers' load. Not part of `npm run bench`.
// Usage: node bench/lib/ab-gateway.mjs <distA> <distB> [rounds=3] [seconds=3] [sessions=32]
// ERA=modern: 2026-07-28 stateless requests. B_AUDIT=off: B is the bench-only no-audit server (what durable audit
// costs, in CPU per call, with the same build on both sides). AUDIT=off: both A and B without audit (two builds'
// cost outside the audit log). A_NODE_ARGS / B_NODE_ARGS: flags for that side's node (e.g. '--max-semi-space-size=32').
// BENCH_MESSAGE: the echo call's argument ('benchmark payload' by default, which no secret scan looks at; a path or
// URL such as '/srv/reports/2026/q3-revenue.pdf' is what real arguments look like to the audit redactor).
// BENCH_UNIQUE=1: the call's number is appended to BENCH_MESSAGE, so every call's argument is text the gateway has
// never seen (the secret scan's clean-text cache never answers: Decision 26).
import { readFileSync } from 'node:fs';
import { echoConfig, startBenchGateway } from './gateway.mjs';
import { echoCaller, measure, median } from './load.mjs';

const [distA, distB, roundsArg, secondsArg, sessionsArg] = process.argv.slice(2);
const ROUNDS = Number(roundsArg ?? 3);
const SECONDS = Number(secondsArg ?? 3);
const SESSIONS = Number(sessionsArg ?? 32);
const ERA = process.env.ERA ?? 'legacy';
const MESSAGE = process.env.BENCH_MESSAGE ?? 'benchmark payload';
const UNIQUE = process.env.BENCH_UNIQUE === '1';
let callNumber = 0;
const ARGS = UNIQUE ? () => ({ message: `${MESSAGE}-${callNumber++}` }) : { message: MESSAGE };
const A_AUDIT = process.env.AUDIT !== 'off';
const B_AUDIT = process.env.B_AUDIT !== 'off' && A_AUDIT;

/** User + system CPU seconds of the process (all threads), or of its main thread. */
function cpuSeconds(pid, mainOnly = false) {
  const f = readFileSync(mainOnly ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8')
    .split(') ')[1]
    .split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

const nodeArgsOf = (v) => (v ?? '').split(' ').filter(Boolean);

async function start(dist, audit = true, nodeArgs = []) {
  const gw = await startBenchGateway({ config: echoConfig({ deny: ['up_crash'] }), dist, audit, nodeArgs });
  const { url, key } = gw;
  const pid = gw.proc.pid;
  return {
    async round() {
      let cpu0 = 0;
      let main0 = 0;
      const t = setTimeout(() => {
        cpu0 = cpuSeconds(pid);
        main0 = cpuSeconds(pid, true);
      }, 500);
      const r = await measure({
        concurrency: SESSIONS,
        seconds: SECONDS,
        warmupSeconds: 0.5,
        makeCaller: echoCaller({ url, key }, { args: ARGS, era: ERA }),
      });
      clearTimeout(t);
      const cpuPerCall = ((cpuSeconds(pid) - cpu0) * 1e6) / r.calls;
      const mainPerCall = ((cpuSeconds(pid, true) - main0) * 1e6) / r.calls;
      return { ...r, cpuPerCall, mainPerCall };
    },
    stop: () => gw.stop(),
  };
}

const a = await start(distA, A_AUDIT, nodeArgsOf(process.env.A_NODE_ARGS));
const b = await start(distB, B_AUDIT, nodeArgsOf(process.env.B_NODE_ARGS));
const res = { A: [], B: [] };
try {
  for (let i = 0; i < ROUNDS; i++) {
    const first = i % 2 === 0 ? ['A', a] : ['B', b];
    const second = i % 2 === 0 ? ['B', b] : ['A', a];
    res[first[0]].push(await first[1].round());
    res[second[0]].push(await second[1].round());
  }
} finally {
  await a.stop();
  await b.stop();
}
const sum = (rs) => ({
  cps: median(rs.map((r) => r.callsPerSecond)),
  p50: median(rs.map((r) => r.p50)),
  cpu: median(rs.map((r) => r.cpuPerCall)),
  main: median(rs.map((r) => r.mainPerCall)),
});
const paired = (k) => median(res.A.map((r, i) => res.B[i][k] / r[k])).toFixed(2);
const A = sum(res.A);
const B = sum(res.B);
console.log(
  `${SESSIONS} sessions, ${ERA}, ${ROUNDS} rounds of ${SECONDS} s, argument ${JSON.stringify(MESSAGE)}${UNIQUE ? ' + call number' : ''}, interleaved${A_AUDIT ? (B_AUDIT ? '' : '; B without audit') : '; both without audit'}`,
);
const line = (name, dist, s, rs) =>
  `${name} ${dist}: ${s.cps.toFixed(0)} calls/s, p50 ${s.p50.toFixed(2)} ms, CPU ${s.cpu.toFixed(0)} µs/call (main thread ${s.main.toFixed(0)})  [${rs.map((r) => r.callsPerSecond.toFixed(0)).join(' ')}]`;
console.log(line('A', distA, A, res.A));
console.log(line('B', distB, B, res.B));
console.log(`B/A: calls/s ${(B.cps / A.cps).toFixed(2)}x, CPU per call ${(B.cpu / A.cpu).toFixed(2)}x`);
console.log(
  `B/A, median of the rounds' ratios: calls/s ${paired('callsPerSecond')}x, p50 ${paired('p50')}x, CPU per call ${paired('cpuPerCall')}x, main thread ${paired('mainPerCall')}x`,
);
