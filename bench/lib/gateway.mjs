// One way for bench scripts to start Portcullis: the built CLI (`portcullis serve`, or the bench-only no-audit
// server) in its own process, on a config written to a temp directory, with API keys created by the CLI, on port 0.
// Every gateway the benchmarks measure is started here, so they all measure the same thing.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The stdio upstream most benchmarks call (`echo`, `slow`, ...). */
export const UPSTREAM = join(ROOT, 'test/fixtures/test-upstream.mjs');

/**
 * `n` vault values as a stdio upstream's environment (names the gateway treats as secret, so the audit redactor and
 * the result leak scan look for every value on every call): API tokens, every third a `Bearer` header and one a
 * `Basic` one (credential variants). The same values on every run and in every process. ADR 0017, Decision 28.
 */
export function benchVaultEnv(n) {
  const env = {};
  for (let i = 0; i < n; i++) {
    const hex = createHash('sha256').update(`portcullis-bench-vault-${i}`).digest('hex').slice(0, 32);
    env[`BENCH_API_TOKEN_${i}`] =
      i === 1 ? `Basic ${Buffer.from(`bench:${hex}`).toString('base64')}` : i % 3 === 2 ? `Bearer ${hex}` : `sk_${hex}`;
  }
  return env;
}

/**
 * A config with the test upstream as `up` and one agent `bench` allowed `tools` (and denied `deny`); with `vault`
 * (default: the BENCH_VAULT environment variable, else 0) that many vault values in the upstream's environment.
 */
export function echoConfig({
  tools = ['up_echo'],
  deny = [],
  extra = '',
  vault = Number(process.env.BENCH_VAULT ?? 0),
} = {}) {
  const env = Object.entries(benchVaultEnv(vault));
  return (
    `upstreams:\n  up:\n    transport: stdio\n    command: ${JSON.stringify(process.execPath)}\n    args: [${JSON.stringify(UPSTREAM)}]\n` +
    (env.length ? `    env:\n${env.map(([k, v]) => `      ${k}: ${JSON.stringify(v)}\n`).join('')}` : '') +
    `agents:\n  bench:\n    tools:\n      allow: ${JSON.stringify(tools)}\n` +
    (deny.length ? `      deny: ${JSON.stringify(deny)}\n` : '') +
    extra
  );
}

/**
 * Starts a gateway and waits until it listens.
 * - `config`: the YAML (default `echoConfig()`); `dir` receives it (default: a new temp dir, removed by `stop`).
 * - `agents` / `users`: names to create keys for with the CLI (default `['bench']` / none).
 * - `audit: false`: bench/lib/serve-without-audit.mjs (`serve` as shipped with the audit log's append a no-op; never
 *   a product mode).
 * - `dist`: another build's dist/ (A/B of builds); `nodeArgs`: e.g. `--cpu-prof`.
 * - `launcher`: a command (and its arguments) that runs node, e.g. `['valgrind', '--tool=callgrind', ...]`;
 *   `startTimeoutMs`: how long to wait for it to listen (default 30 s).
 * Returns `{ url, base, key, keys, proc, dir, configPath, cpuSeconds(), stop() }`: `key` is the first agent's key,
 * `base` the URL without `/mcp`, `cpuSeconds()` the process's user + system CPU time so far (all threads).
 */
export async function startBenchGateway(options = {}) {
  const {
    config = echoConfig(),
    agents = ['bench'],
    users = [],
    audit = true,
    dist = join(ROOT, 'dist'),
    nodeArgs = [],
    launcher = [],
    startTimeoutMs = 30_000,
  } = options;
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'portcullis-bench-'));
  const configPath = join(dir, 'portcullis.yaml');
  writeFileSync(configPath, config);
  const cli = join(resolve(dist), 'cli/main.js');
  const create = (kind, name) =>
    spawnSync(process.execPath, [cli, kind, 'create', name, '--config', configPath], {
      encoding: 'utf8',
    }).stdout.trim();
  const keys = {};
  for (const a of agents) keys[a] = create('agents', a);
  for (const u of users) keys[u] = create('users', u);
  const target = audit
    ? [cli, 'serve', '--config', configPath, '--port', '0']
    : [join(ROOT, 'bench/lib/serve-without-audit.mjs'), configPath, resolve(dist)];
  const [command, ...launcherArgs] = [...launcher, process.execPath];
  const proc = spawn(command, [...launcherArgs, ...nodeArgs, ...target], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((r) => proc.on('exit', r));
  const url = await new Promise((res, rej) => {
    let out = '';
    const t = setTimeout(() => rej(new Error(`gateway did not start:\n${out}`)), startTimeoutMs);
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
  return {
    url,
    base: url.replace(/\/mcp$/, ''),
    key: keys[agents[0]],
    keys,
    proc,
    dir,
    configPath,
    cpuSeconds() {
      const f = readFileSync(`/proc/${proc.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(f[11]) + Number(f[12])) / 100;
    },
    async stop() {
      proc.kill('SIGTERM');
      await exited;
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
