#!/usr/bin/env node
// tools/call through Portcullis vs the same stdio upstream reached directly vs through mcp-proxy (no security).
// One run, same machine, same upstream (test/fixtures/test-upstream.mjs `echo`). Prints a markdown table.
// Portcullis runs with API-key authentication and per-agent permissions on.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { measure, openSession } from './lib/load.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const UPSTREAM = join(ROOT, 'test/fixtures/test-upstream.mjs');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const LEVELS = [1, 32];
const ARGS = { message: 'benchmark payload' };

function startAndWait(cmd, args, pattern, opts = {}) {
  const proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
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

async function direct(concurrency) {
  // One stdio connection, requests multiplexed on it (what a client process talking to the server would do).
  const client = new Client({ name: 'bench-direct', version: '1' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [UPSTREAM] }));
  const r = await measure({
    concurrency,
    seconds: SECONDS,
    makeCaller: async () => ({ call: () => client.callTool({ name: 'echo', arguments: ARGS }) }),
  });
  await client.close();
  return r;
}

async function viaMcpProxy(concurrency) {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const { proc } = await startAndWait(
    process.execPath,
    [
      join(ROOT, 'node_modules/mcp-proxy/dist/bin/mcp-proxy.mjs'),
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
    /starting server on port|listening/i,
  );
  await new Promise((r) => setTimeout(r, 500));
  try {
    return await measure({
      concurrency,
      seconds: SECONDS,
      makeCaller: async () => {
        const s = await openSession(`http://127.0.0.1:${port}/mcp`);
        return { call: () => s.call('echo', ARGS), close: s.close };
      },
    });
  } finally {
    proc.kill('SIGKILL');
  }
}

async function viaPortcullis(concurrency, { audit = true } = {}) {
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
  const { proc, match } = await startAndWait(
    process.execPath,
    [cli, 'serve', '--config', config, '--port', '0'],
    /listening on (\S+)/,
  );
  try {
    return await measure({
      concurrency,
      seconds: SECONDS,
      makeCaller: async () => {
        const s = await openSession(match[1], { authorization: `Bearer ${key}` });
        return { call: () => s.call('up_echo', ARGS), close: s.close };
      },
    });
  } finally {
    proc.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (n, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const rows = [];
const results = {};
for (const c of LEVELS) {
  for (const [name, fn] of [
    ['direct (SDK client over stdio)', direct],
    ['mcp-proxy (no auth, no policy)', viaMcpProxy],
    ['Portcullis (API key + permissions + audit)', viaPortcullis],
    ['Portcullis, audit off (bench-only build)', (c) => viaPortcullis(c, { audit: false })],
  ]) {
    const r = await fn(c);
    results[`${name}@${c}`] = r;
    rows.push(`| ${name} | ${c} | ${fmt(r.callsPerSecond, 0)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.calls} |`);
  }
}
const p = (name, c) => results[`${name}@${c}`];
const pc1 = p('Portcullis (API key + permissions + audit)', 1);
const na1 = p('Portcullis, audit off (bench-only build)', 1);
const na32 = p('Portcullis, audit off (bench-only build)', 32);
const mp1 = p('mcp-proxy (no auth, no policy)', 1);
const d1 = p('direct (SDK client over stdio)', 1);
const pc32 = p('Portcullis (API key + permissions + audit)', 32);
const mp32 = p('mcp-proxy (no auth, no policy)', 32);
console.log(`### tools/call through the gateway (${SECONDS} s per row, 2025-11-25 sessions, 1 keep-alive socket per session)

| target | concurrent sessions | calls/s | p50 ms | p99 ms | calls |
|---|---|---|---|---|---|
${rows.join('\n')}

- Portcullis vs mcp-proxy at 32 sessions: ${fmt(pc32.callsPerSecond / mp32.callsPerSecond, 2)}x the calls/s (target >= 1.00x).
- Added p50 at concurrency 1: ${fmt(pc1.p50 - mp1.p50)} ms vs mcp-proxy, ${fmt(pc1.p50 - d1.p50)} ms vs the upstream reached directly over stdio (target <= 1 ms).
- Durable audit (intent fsync'd before every call, outcome after): ${fmt(pc32.callsPerSecond / na32.callsPerSecond, 2)}x the calls/s of the same gateway without it at 32 sessions, ${fmt(pc1.p50 - na1.p50)} ms added at p50 at concurrency 1.
`);
process.exit(0);
