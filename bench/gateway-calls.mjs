#!/usr/bin/env node
// tools/call through Portcullis vs the same stdio upstream reached directly vs through mcp-proxy (no security).
// One run, same machine, same upstream (test/fixtures/test-upstream.mjs `echo`). Every target is started once and
// measured in interleaved rounds (the median of the rounds is reported), so machine drift hits all alike.
// Portcullis runs with API-key authentication, per-agent permissions and the durable audit log on.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { measure, openSession } from './lib/load.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const UPSTREAM = join(ROOT, 'test/fixtures/test-upstream.mjs');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const LEVELS = [1, 32];
const ARGS = { message: 'benchmark payload' };

function startAndWait(cmd, args, pattern) {
  const proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((res, rej) => {
    const t = setTimeout(() => rej(new Error(`${args.join(' ')} did not start:\n${out}`)), 30_000);
    const on = (d) => {
      out += d.toString();
      const m = pattern.exec(out);
      if (m) {
        clearTimeout(t);
        res({ proc, match: m });
      }
    };
    proc.stdout.on('data', on);
    proc.stderr.on('data', on);
  });
}

async function startDirect() {
  // One stdio connection, requests multiplexed on it (what a client process talking to the server would do).
  const client = new Client({ name: 'bench-direct', version: '1' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [UPSTREAM] }));
  return {
    makeCaller: async () => ({ call: () => client.callTool({ name: 'echo', arguments: ARGS }) }),
    stop: () => client.close(),
  };
}

async function startMcpProxy() {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const proxy = join(ROOT, 'node_modules/mcp-proxy/dist/bin/mcp-proxy.mjs');
  const { proc } = await startAndWait(
    process.execPath,
    [
      proxy,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--server',
      'stream',
      '--no-eventStore',
      '--',
      process.execPath,
      UPSTREAM,
    ],
    /starting server on port/i,
  );
  await new Promise((r) => setTimeout(r, 500));
  return {
    makeCaller: async () => {
      const s = await openSession(`http://127.0.0.1:${port}/mcp`);
      return { call: () => s.call('echo', ARGS), close: s.close };
    },
    stop: async () => void proc.kill('SIGKILL'),
  };
}

async function startPortcullis({ audit }) {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-bench-'));
  const config = join(dir, 'portcullis.yaml');
  writeFileSync(
    config,
    `upstreams:\n  up:\n    transport: stdio\n    command: ${JSON.stringify(process.execPath)}\n    args: [${JSON.stringify(UPSTREAM)}]\nagents:\n  bench:\n    tools:\n      allow: ["up_echo"]\n      deny: ["up_crash"]\n`,
  );
  const cli = join(ROOT, 'dist/cli/main.js');
  const key = spawnSync(process.execPath, [cli, 'agents', 'create', 'bench', '--config', config], {
    encoding: 'utf8',
  }).stdout.trim();
  const args = audit
    ? [cli, 'serve', '--config', config, '--port', '0']
    : [join(ROOT, 'bench/lib/serve-without-audit.mjs'), config];
  const { proc, match } = await startAndWait(process.execPath, args, /listening on (\S+)/);
  return {
    makeCaller: async () => {
      const s = await openSession(match[1], { authorization: `Bearer ${key}` });
      return { call: () => s.call('up_echo', ARGS), close: s.close };
    },
    stop: async () => {
      proc.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const TARGETS = [
  ['direct (SDK client over stdio)', startDirect],
  ['mcp-proxy (no auth, no policy)', startMcpProxy],
  ['Portcullis (API key + permissions + audit)', () => startPortcullis({ audit: true })],
  ['Portcullis, audit off (bench-only build)', () => startPortcullis({ audit: false })],
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const running = [];
for (const [name, start] of TARGETS) running.push({ name, target: await start() });

const results = {};
try {
  for (const c of LEVELS) {
    for (let round = 0; round < ROUNDS; round++) {
      for (const { name, target } of running) {
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

const p = (name, c) => {
  const rs = results[`${name}@${c}`];
  return {
    callsPerSecond: median(rs.map((r) => r.callsPerSecond)),
    p50: median(rs.map((r) => r.p50)),
    p99: median(rs.map((r) => r.p99)),
    calls: rs.reduce((a, r) => a + r.calls, 0),
    spread: `${fmt(Math.min(...rs.map((r) => r.callsPerSecond)), 0)}-${fmt(Math.max(...rs.map((r) => r.callsPerSecond)), 0)}`,
  };
};
const rows = LEVELS.flatMap((c) =>
  TARGETS.map(([name]) => {
    const r = p(name, c);
    return `| ${name} | ${c} | ${fmt(r.callsPerSecond, 0)} | ${r.spread} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.calls} |`;
  }),
);
const [D, M, P, N] = TARGETS.map(([n]) => n);
const ratio32 = p(P, 32).callsPerSecond / p(M, 32).callsPerSecond;
console.log(`### tools/call through the gateway (${ROUNDS} interleaved rounds of ${SECONDS} s per target; 2025-11-25 sessions, 1 keep-alive socket each)

| target | concurrent sessions | calls/s (median) | calls/s (range) | p50 ms | p99 ms | calls |
|---|---|---|---|---|---|---|
${rows.join('\n')}

- Portcullis vs mcp-proxy at 32 sessions: ${fmt(ratio32, 2)}x the calls/s (target >= 1.00x).
- Added p50 at concurrency 1: ${fmt(p(P, 1).p50 - p(M, 1).p50)} ms vs mcp-proxy, ${fmt(p(P, 1).p50 - p(D, 1).p50)} ms vs the upstream reached directly over stdio (target <= 1 ms).
- Durable audit (intent fsync'd before each call): ${fmt(p(P, 32).callsPerSecond / p(N, 32).callsPerSecond, 2)}x the calls/s of the same gateway without it at 32 sessions; ${fmt(p(P, 1).p50 - p(N, 1).p50)} ms added at p50 at concurrency 1.
`);
process.exit(0);
