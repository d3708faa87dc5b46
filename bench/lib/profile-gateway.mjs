#!/usr/bin/env node
// Profiles `portcullis serve` (dist/) under the gateway-calls load: 32 sessions of tools/call up_echo for a bounded
// time, then SIGTERM (the profile is written at exit) and a summary of self time. Not part of `npm run bench`.
// Usage: node bench/lib/profile-gateway.mjs [seconds=8] [sessions=32] [--no-audit]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { echoConfig, startBenchGateway } from './gateway.mjs';
import { echoCaller, measure } from './load.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const noAudit = process.argv.includes('--no-audit');
const SECONDS = Number(args[0] ?? 8);
const SESSIONS = Number(args[1] ?? 32);
const dir = mkdtempSync(join(tmpdir(), 'portcullis-prof-'));
const profDir = process.env.PROF_DIR ?? join(dir, 'prof');
const gw = await startBenchGateway({
  config: echoConfig({ deny: ['up_crash'] }),
  dir,
  audit: !noAudit,
  nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`],
});
const { url, key, cpuSeconds } = gw;
let cpu0 = 0;
setTimeout(() => (cpu0 = cpuSeconds()), 1000);
const r = await measure({
  concurrency: SESSIONS,
  seconds: SECONDS,
  warmupSeconds: 1,
  makeCaller: echoCaller({ url, key }),
});
const cpu = cpuSeconds() - cpu0;
console.log(`gateway CPU per call ${((cpu * 1e6) / r.calls).toFixed(0)} µs (${cpu.toFixed(2)} s for ${r.calls} calls)`);
console.log(`calls/s ${r.callsPerSecond.toFixed(0)}  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms`);
await gw.stop();
const f = readdirSync(profDir).find((x) => x.endsWith('.cpuprofile'));
if (!f) throw new Error('no profile written');
console.log(`profile: ${join(profDir, f)}`);
const s = spawnSync(process.execPath, [join(ROOT, 'bench/lib/cpuprofile-top.mjs'), join(profDir, f), '30'], {
  encoding: 'utf8',
});
process.stdout.write(s.stdout + s.stderr);
if (!process.env.PROF_DIR) rmSync(dir, { recursive: true, force: true });
