#!/usr/bin/env node
// tools/call through Portcullis with runtime protection all on vs all off (issue 12's benchmark): same build, same
// upstream, both gateways running at once and measured in interleaved rounds (A B, B A, ...; medians reported), so
// machine drift hits both. Besides calls/s it reports the gateway's own CPU time per call (user + system of its
// process, from /proc), which a busy shared machine disturbs far less than wall-clock throughput.
// "On": three rate rules that match every call (per agent, per tool glob, per risk level; limits far above the load,
// so nothing is refused), daily and monthly quotas, breakers, bulkheads, result size limit, pinning and signed
// definitions. "Off": no rules, breakers disabled, pinning and signing off (the result size limit cannot be off).
// Env: BENCH_SECONDS (3), BENCH_ROUNDS (5), BENCH_SESSIONS ("1,32").
import { loadavg } from 'node:os';
import { echoConfig, startBenchGateway } from './lib/gateway.mjs';
import { LIMITS_ON } from './lib/limits-config.mjs';
import { echoCaller, fmt, measure, summariseRounds } from './lib/load.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const LEVELS = (process.env.BENCH_SESSIONS ?? '1,32').split(',').map(Number);
const ARGS = { message: 'benchmark payload' };
const ON = `${LIMITS_ON}pins:
  enabled: true
  signing: { enabled: true }
`;
const OFF = `limits:
  breakers: { default: { enabled: false } }
pins:
  enabled: false
  signing: { enabled: false }
`;

async function startPortcullis(extra) {
  const gw = await startBenchGateway({ config: echoConfig({ extra }) });
  const { url, key, cpuSeconds } = gw;
  // Signing must really be on (keys published) in "on" and off in "off": what is measured is what is configured.
  const signing = (await fetch(new URL('/.well-known/portcullis/tool-signing-keys', url))).status === 200;
  return {
    signing,
    async round(concurrency) {
      let cpu0 = 0;
      const t = setTimeout(() => (cpu0 = cpuSeconds()), 500);
      const r = await measure({
        concurrency,
        seconds: SECONDS,
        warmupSeconds: 0.5,
        makeCaller: echoCaller({ url, key }, { args: ARGS }),
      });
      clearTimeout(t);
      return { ...r, cpuPerCall: ((cpuSeconds() - cpu0) * 1e6) / r.calls };
    },
    stop: () => gw.stop(),
  };
}

const TARGETS = [
  ['all off', OFF],
  ['limits + pinning + signing on', ON],
];
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
const loadBefore = load();
const running = [];
for (const [name, extra] of TARGETS) running.push({ name, target: await startPortcullis(extra) });
const results = {};
try {
  for (const c of LEVELS) {
    for (let round = 0; round < ROUNDS; round++) {
      for (const { name, target } of round % 2 ? [...running].reverse() : running) {
        (results[`${name}@${c}`] ??= []).push(await target.round(c));
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
    return `| ${name} | ${c} | ${fmt(r.callsPerSecond, 0)} | ${r.spread} | ${fmt(r.cpuPerCall, 0)} | ${fmt(r.p50)} | ${fmt(r.p99)} |`;
  }),
);
const [A, B] = TARGETS.map(([n]) => n);
const ratios = LEVELS.map(
  (c) =>
    `- ${c} session(s): on/off = ${fmt(p(B, c).callsPerSecond / p(A, c).callsPerSecond, 3)}x the calls/s (target >= 0.95x); gateway CPU per call ${fmt(p(B, c).cpuPerCall / p(A, c).cpuPerCall, 3)}x.`,
);
console.log(`### Runtime protection on vs off: tools/call (${ROUNDS} interleaved rounds of ${SECONDS} s per target; audit on)

"On" = 3 rate rules matching every call + daily/monthly quotas + breaker + bulkheads + result size limit + pinned and
Ed25519-signed definitions. Load average (1, 5, 15 min) before: ${loadBefore}; after: ${load()} (${running.length} gateways, 2 upstreams, the load generator in this process).

| target | concurrent sessions | calls/s (median) | calls/s (range) | gateway CPU µs/call | p50 ms | p99 ms |
|---|---|---|---|---|---|---|
${rows.join('\n')}

${ratios.join('\n')}
- Signing keys published: off ${running[0].target.signing ? 'yes' : 'no'}, on ${running[1].target.signing ? 'yes' : 'no'}.
`);
process.exit(0);
