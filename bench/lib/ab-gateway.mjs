#!/usr/bin/env node
// A/B of two builds of the gateway under the gateway-calls load, interleaved (A B A B ...) in one run, so machine
// drift hits both alike: calls/s, p50, and the gateway's CPU time per call (user + system, all its threads, from
// /proc), which is steadier than wall-clock on a shared machine. Not part of `npm run bench`.
// Usage: node bench/lib/ab-gateway.mjs <distA> <distB> [rounds=3] [seconds=3] [sessions=32]
// ERA=modern: 2026-07-28 stateless requests. B_AUDIT=off: B is the bench-only no-audit server (what durable audit
// costs, in CPU per call, with the same build on both sides). AUDIT=off: both A and B without audit (two builds'
// cost outside the audit log).
import { echoConfig, startBenchGateway } from './gateway.mjs';
import { measure, openModern, openSession } from './load.mjs';

const [distA, distB, roundsArg, secondsArg, sessionsArg] = process.argv.slice(2);
const ROUNDS = Number(roundsArg ?? 3);
const SECONDS = Number(secondsArg ?? 3);
const SESSIONS = Number(sessionsArg ?? 32);
const ERA = process.env.ERA ?? 'legacy';
const A_AUDIT = process.env.AUDIT !== 'off';
const B_AUDIT = process.env.B_AUDIT !== 'off' && A_AUDIT;

async function start(dist, audit = true) {
  const gw = await startBenchGateway({ config: echoConfig({ deny: ['up_crash'] }), dist, audit });
  const { url, key, cpuSeconds } = gw;
  return {
    async round() {
      let cpu0 = 0;
      const t = setTimeout(() => (cpu0 = cpuSeconds()), 500);
      const r = await measure({
        concurrency: SESSIONS,
        seconds: SECONDS,
        warmupSeconds: 0.5,
        makeCaller: async () => {
          const s = await (ERA === 'modern' ? openModern : openSession)(url, { authorization: `Bearer ${key}` });
          return { call: () => s.call('up_echo', { message: 'benchmark payload' }), close: s.close };
        },
      });
      clearTimeout(t);
      const cpuPerCall = ((cpuSeconds() - cpu0) * 1e6) / r.calls;
      return { ...r, cpuPerCall };
    },
    stop: () => gw.stop(),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const a = await start(distA, A_AUDIT);
const b = await start(distB, B_AUDIT);
const res = { A: [], B: [] };
try {
  for (let i = 0; i < ROUNDS; i++) {
    res.A.push(await a.round());
    res.B.push(await b.round());
  }
} finally {
  await a.stop();
  await b.stop();
}
const sum = (rs) => ({
  cps: median(rs.map((r) => r.callsPerSecond)),
  p50: median(rs.map((r) => r.p50)),
  cpu: median(rs.map((r) => r.cpuPerCall)),
});
const A = sum(res.A);
const B = sum(res.B);
console.log(
  `${SESSIONS} sessions, ${ERA}, ${ROUNDS} rounds of ${SECONDS} s, interleaved${A_AUDIT ? (B_AUDIT ? '' : '; B without audit') : '; both without audit'}`,
);
console.log(
  `A ${distA}: ${A.cps.toFixed(0)} calls/s, p50 ${A.p50.toFixed(2)} ms, CPU ${A.cpu.toFixed(0)} µs/call  [${res.A.map((r) => r.callsPerSecond.toFixed(0)).join(' ')}]`,
);
console.log(
  `B ${distB}: ${B.cps.toFixed(0)} calls/s, p50 ${B.p50.toFixed(2)} ms, CPU ${B.cpu.toFixed(0)} µs/call  [${res.B.map((r) => r.callsPerSecond.toFixed(0)).join(' ')}]`,
);
console.log(`B/A: calls/s ${(B.cps / A.cps).toFixed(2)}x, CPU per call ${(B.cpu / A.cpu).toFixed(2)}x`);
