#!/usr/bin/env node
// A/B of two audit configurations (or two builds) of the gateway under the gateway-calls load, interleaved
// (A B A B ...) in one run: calls/s, p50 and the gateway's CPU time per call (all threads, from /proc). Not part of
// `npm run bench`. A_AUDIT / B_AUDIT: YAML lines for the `audit:` section (e.g. 'writer: main'), or 'off' for the
// bench-only no-audit server; A_DIST / B_DIST: builds (default dist).
// Usage: A_AUDIT='writer: worker' B_AUDIT='writer: main' node bench/lib/audit-config-ab.mjs [rounds=3] [seconds=3] [sessions=32]
import { echoConfig, startBenchGateway } from './gateway.mjs';
import { echoCaller, measure, median } from './load.mjs';

const [roundsArg, secondsArg, sessionsArg] = process.argv.slice(2);
const ROUNDS = Number(roundsArg ?? 3);
const SECONDS = Number(secondsArg ?? 3);
const SESSIONS = Number(sessionsArg ?? 32);

async function start(dist, auditYaml) {
  const audit = auditYaml !== 'off';
  const extra =
    audit && auditYaml
      ? `audit:\n${auditYaml
          .split(';')
          .map((l) => `  ${l.trim()}\n`)
          .join('')}`
      : '';
  const gw = await startBenchGateway({ config: echoConfig({ deny: ['up_crash'], extra }), dist, audit });
  return {
    async round() {
      let cpu0 = 0;
      const t = setTimeout(() => (cpu0 = gw.cpuSeconds()), 500);
      const r = await measure({
        concurrency: SESSIONS,
        seconds: SECONDS,
        warmupSeconds: 0.5,
        makeCaller: echoCaller(gw),
      });
      clearTimeout(t);
      return { ...r, cpuPerCall: ((gw.cpuSeconds() - cpu0) * 1e6) / r.calls };
    },
    stop: () => gw.stop(),
  };
}

const sides = {
  A: { dist: process.env.A_DIST ?? 'dist', audit: process.env.A_AUDIT ?? '' },
  B: { dist: process.env.B_DIST ?? 'dist', audit: process.env.B_AUDIT ?? '' },
};
const a = await start(sides.A.dist, sides.A.audit);
const b = await start(sides.B.dist, sides.B.audit);
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
console.log(`${SESSIONS} sessions, ${ROUNDS} rounds of ${SECONDS} s, interleaved`);
for (const [name, s, rs] of [
  ['A', A, res.A],
  ['B', B, res.B],
])
  console.log(
    `${name} ${sides[name].dist} audit '${sides[name].audit}': ${s.cps.toFixed(0)} calls/s, p50 ${s.p50.toFixed(3)} ms, CPU ${s.cpu.toFixed(0)} µs/call  [${rs.map((r) => r.callsPerSecond.toFixed(0)).join(' ')}] [p50 ${rs.map((r) => r.p50.toFixed(3)).join(' ')}]`,
  );
console.log(
  `B/A: calls/s ${(B.cps / A.cps).toFixed(2)}x, p50 ${(B.p50 / A.p50).toFixed(2)}x, CPU per call ${(B.cpu / A.cpu).toFixed(2)}x`,
);
