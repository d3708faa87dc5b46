#!/usr/bin/env node
// Profiles `portcullis serve` (dist/) under the gateway-calls load: 32 sessions of tools/call up_echo for a bounded
// time, then SIGTERM (the profile is written at exit) and a summary of self time. Not part of `npm run bench`.
// Usage: node bench/lib/profile-gateway.mjs [seconds=8] [sessions=32] [--no-audit]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { measure, openSession } from './load.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const noAudit = process.argv.includes('--no-audit');
const SECONDS = Number(args[0] ?? 8);
const SESSIONS = Number(args[1] ?? 32);
const dir = mkdtempSync(join(tmpdir(), 'portcullis-prof-'));
const config = join(dir, 'portcullis.yaml');
const UPSTREAM = join(ROOT, 'test/fixtures/test-upstream.mjs');
writeFileSync(
  config,
  `upstreams:\n  up:\n    transport: stdio\n    command: ${JSON.stringify(process.execPath)}\n    args: [${JSON.stringify(UPSTREAM)}]\nagents:\n  bench:\n    tools:\n      allow: ["up_echo"]\n      deny: ["up_crash"]\n`,
);
const cli = join(ROOT, 'dist/cli/main.js');
const key = spawnSync(process.execPath, [cli, 'agents', 'create', 'bench', '--config', config], {
  encoding: 'utf8',
}).stdout.trim();
const profDir = process.env.PROF_DIR ?? join(dir, 'prof');
const target = noAudit
  ? [join(ROOT, 'bench/lib/serve-without-audit.mjs'), config]
  : [cli, 'serve', '--config', config, '--port', '0'];
const proc = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, ...target], {
  stdio: ['ignore', 'pipe', 'pipe'],
});
const url = await new Promise((res, rej) => {
  let out = '';
  const t = setTimeout(() => rej(new Error(`gateway did not start:\n${out}`)), 30_000);
  const on = (d) => {
    out += d.toString();
    const m = /listening on (\S+)/.exec(out);
    if (m) {
      clearTimeout(t);
      res(m[1]);
    }
  };
  proc.stdout.on('data', on);
  proc.stderr.on('data', on);
});
import { readFileSync } from 'node:fs';
/** CPU seconds (user + system, all threads) the gateway process used so far. */
const cpuSeconds = () => {
  const f = readFileSync(`/proc/${proc.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};
let cpu0 = 0;
setTimeout(() => (cpu0 = cpuSeconds()), 1000);
const r = await measure({
  concurrency: SESSIONS,
  seconds: SECONDS,
  warmupSeconds: 1,
  makeCaller: async () => {
    const s = await openSession(url, { authorization: `Bearer ${key}` });
    return { call: () => s.call('up_echo', { message: 'benchmark payload' }), close: s.close };
  },
});
const cpu = cpuSeconds() - cpu0;
console.log(`gateway CPU per call ${((cpu * 1e6) / r.calls).toFixed(0)} µs (${cpu.toFixed(2)} s for ${r.calls} calls)`);
console.log(`calls/s ${r.callsPerSecond.toFixed(0)}  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms`);
proc.kill('SIGTERM');
await new Promise((r) => proc.on('exit', r));
const f = readdirSync(profDir).find((x) => x.endsWith('.cpuprofile'));
if (!f) throw new Error('no profile written');
console.log(`profile: ${join(profDir, f)}`);
const s = spawnSync(process.execPath, [join(ROOT, 'bench/lib/cpuprofile-top.mjs'), join(profDir, f), '30'], {
  encoding: 'utf8',
});
process.stdout.write(s.stdout + s.stderr);
if (!process.env.PROF_DIR) rmSync(dir, { recursive: true, force: true });
