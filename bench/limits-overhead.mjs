#!/usr/bin/env node
// tools/call through Portcullis with rate limits, quotas and breakers on vs off (same gateway build, same upstream).
// Both targets run at once and are measured in interleaved rounds (medians reported), so machine drift hits both.
// "On": three rate rules that match every call (per agent, per tool glob, per risk level; limits far above the load,
// so nothing is refused) plus daily and monthly quotas, breakers and bulkheads. "Off": no rules, breakers disabled.
import { echoConfig, startBenchGateway } from './lib/gateway.mjs';
import { LIMITS_ON } from './lib/limits-config.mjs';
import { echoCaller, fmt, measure, summariseRounds } from './lib/load.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const LEVELS = [1, 32];
const ARGS = { message: 'benchmark payload' };
const LIMITS_OFF = `limits:
  breakers: { default: { enabled: false } }
`;

async function startPortcullis(limits) {
  const gw = await startBenchGateway({ config: echoConfig({ extra: limits }) });
  return {
    makeCaller: echoCaller(gw, { args: ARGS }),
    stop: () => gw.stop(),
  };
}

const TARGETS = [
  ['limits off', () => startPortcullis(LIMITS_OFF)],
  ['limits on (3 rate rules + quotas + breaker + bulkhead)', () => startPortcullis(LIMITS_ON)],
];
const running = [];
for (const [name, start] of TARGETS) running.push({ name, target: await start() });
const results = {};
try {
  for (const c of LEVELS) {
    for (let round = 0; round < ROUNDS; round++) {
      for (const { name, target } of round % 2 ? [...running].reverse() : running) {
        const r = await measure({
          concurrency: c,
          seconds: SECONDS,
          warmupSeconds: 0.5,
          makeCaller: target.makeCaller,
        });
        (results[`${name}@${c}`] ??= []).push(r);
      }
    }
  }
} finally {
  for (const { target } of running) await target.stop();
}
const p = (name, c) => summariseRounds(results[`${name}@${c}`]);
const rows = LEVELS.flatMap((c) =>
  TARGETS.map(([name]) => {
    const r = p(name, c);
    return `| ${name} | ${c} | ${fmt(r.callsPerSecond, 0)} | ${r.spread} | ${fmt(r.p50)} | ${fmt(r.p99)} |`;
  }),
);
const [OFF, ON] = TARGETS.map(([n]) => n);
console.log(`### Rate limits, quotas and breakers: overhead on tools/call (${ROUNDS} interleaved rounds of ${SECONDS} s; audit on)

| target | concurrent sessions | calls/s (median) | calls/s (range) | p50 ms | p99 ms |
|---|---|---|---|---|---|
${rows.join('\n')}

- Limits on vs off at 32 sessions: ${fmt(p(ON, 32).callsPerSecond / p(OFF, 32).callsPerSecond, 3)}x the calls/s (target >= 0.95x); at 1 session: ${fmt(p(ON, 1).callsPerSecond / p(OFF, 1).callsPerSecond, 3)}x.
- Tool pinning and signing are measured by limits-pinning.mjs, not here.
`);
process.exit(0);
