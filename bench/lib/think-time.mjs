#!/usr/bin/env node
// One session that waits between calls, as a real agent does (a model thinks between tool calls): does an outcome
// record committed on its own (no next intent to ride with within the group committer's 5 ms deferral, ADR 0017
// Decision 1) cost the agent anything? For each gap (ms between one answer and the next call), interleaved over
// rounds (the gaps' order alternates), one session's call latency (p50, p90) and the gateway's write syscalls per call
// (/proc/<pid>/io syscw, all its threads: an outcome committed alone is a second set of WAL frame writes and a
// second fsync per call). Not part of `npm run bench`.
// Usage: node bench/lib/think-time.mjs [dist=dist] [rounds=3] [calls=120] [gaps=0,3,5,6,8,12,25,100]
// DIST_B=<another build>: each gap is measured on both builds, side by side (A then B, alternating).
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { echoConfig, startBenchGateway } from './gateway.mjs';
import { fmt, median, openSession, percentile } from './load.mjs';

const [dist = 'dist', roundsArg = '3', callsArg = '120', gapsArg = '0,3,5,6,8,12,25,100'] = process.argv.slice(2);
const ROUNDS = Number(roundsArg);
const CALLS = Number(callsArg);
const GAPS = gapsArg.split(',').map(Number);
const builds = process.env.DIST_B ? { A: dist, B: process.env.DIST_B } : { A: dist };

const syscw = (pid) => Number(/syscw:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))[1]);

async function start(d) {
  const gw = await startBenchGateway({ config: echoConfig(), dist: d });
  const s = await openSession(gw.url, { authorization: `Bearer ${gw.key}` });
  for (let i = 0; i < 50; i++) await s.call('up_echo', { message: 'benchmark payload' });
  return {
    async round(gap) {
      await sleep(50);
      const w0 = syscw(gw.proc.pid);
      const lat = [];
      for (let i = 0; i < CALLS; i++) {
        if (gap > 0) await sleep(gap);
        const t0 = performance.now();
        await s.call('up_echo', { message: 'benchmark payload' });
        lat.push(performance.now() - t0);
      }
      // The last outcome's own commit (deferred 5 ms) is part of this gap's writes.
      await sleep(50);
      const writes = (syscw(gw.proc.pid) - w0) / CALLS;
      lat.sort((a, b) => a - b);
      return { p50: percentile(lat, 50), p90: percentile(lat, 90), writes };
    },
    async stop() {
      s.close();
      await gw.stop();
    },
  };
}

const gws = {};
for (const [name, d] of Object.entries(builds)) gws[name] = await start(d);
const results = {};
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 === 0 ? GAPS : [...GAPS].reverse();
  for (const gap of order)
    for (const name of r % 2 === 0 ? Object.keys(gws) : Object.keys(gws).reverse())
      (results[`${name} ${gap}`] ??= []).push(await gws[name].round(gap));
}
for (const g of Object.values(gws)) await g.stop();

const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`one session, ${CALLS} calls per gap and round, ${ROUNDS} rounds; load ${load}`);
console.log('| build | gap ms | p50 ms | p90 ms | write syscalls per call |');
console.log('|---|---|---|---|---|');
for (const gap of GAPS)
  for (const name of Object.keys(gws)) {
    const rs = results[`${name} ${gap}`];
    console.log(
      `| ${name} | ${gap} | ${fmt(median(rs.map((x) => x.p50)))} | ${fmt(median(rs.map((x) => x.p90)))} | ${fmt(median(rs.map((x) => x.writes)), 1)} |`,
    );
  }
