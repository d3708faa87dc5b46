#!/usr/bin/env node
// Gateway overhead on an OpenAPI tool call: GET /invoices on a local HTTP API called directly (keep-alive
// node:http) vs the same operation as an MCP tools/call through Portcullis (API key, permissions, argument
// validation, durable audit, credential injection, SSRF-guarded HTTP client). Concurrency 1, interleaved rounds.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startBillingApi } from '../dist/demo/billing-api/index.js';
import { measure, median, openSession } from './lib/load.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const KEY = 'bench-billing-key-0123456789';

const api = await startBillingApi(0, { apiKey: KEY });
const dir = mkdtempSync(join(tmpdir(), 'portcullis-bench-oa-'));
const config = join(dir, 'portcullis.yaml');
writeFileSync(
  config,
  `openapi:\n  billing:\n    spec: ${JSON.stringify(api.specPath)}\n    allowPrivateNetwork: true\n    auth:\n      billingKey: { credential: BENCH_BILLING_KEY }\nagents:\n  bench:\n    tools:\n      allow: ["billing_listInvoices"]\n`,
);
const cli = join(ROOT, 'dist/cli/main.js');
const agentKey = spawnSync(process.execPath, [cli, 'agents', 'create', 'bench', '--config', config], {
  encoding: 'utf8',
}).stdout.trim();
const proc = spawn(process.execPath, [cli, 'serve', '--config', config, '--port', '0'], {
  stdio: ['ignore', 'pipe', 'ignore'],
  env: { ...process.env, BENCH_BILLING_KEY: KEY },
});
const url = await new Promise((res) => {
  let out = '';
  proc.stdout.on('data', (d) => {
    out += d;
    const m = /listening on (\S+)/.exec(out);
    if (m) res(m[1]);
  });
});

const direct = {
  makeCaller: async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const u = new URL('/invoices', api.url);
    const call = () =>
      new Promise((res, rej) => {
        const q = request(
          {
            agent,
            host: u.hostname,
            port: u.port,
            path: u.pathname,
            headers: { 'x-billing-key': KEY, accept: 'application/json' },
          },
          (r) => {
            r.resume();
            r.on('end', () => (r.statusCode === 200 ? res() : rej(new Error(`status ${r.statusCode}`))));
          },
        );
        q.on('error', rej);
        q.end();
      });
    return { call, close: () => agent.destroy() };
  },
};
const gateway = {
  makeCaller: async () => {
    const s = await openSession(url, { authorization: `Bearer ${agentKey}` });
    return { call: () => s.call('billing_listInvoices', {}), close: s.close };
  },
};

const runs = { direct: [], gateway: [] };
try {
  for (let i = 0; i < ROUNDS; i++) {
    runs.direct.push(
      await measure({ concurrency: 1, seconds: SECONDS, warmupSeconds: 0.5, makeCaller: direct.makeCaller }),
    );
    runs.gateway.push(
      await measure({ concurrency: 1, seconds: SECONDS, warmupSeconds: 0.5, makeCaller: gateway.makeCaller }),
    );
  }
} finally {
  proc.kill('SIGTERM');
  await api.close();
  await new Promise((r) => setTimeout(r, 300));
  rmSync(dir, { recursive: true, force: true });
}
const row = (name, rs) =>
  `| ${name} | ${median(rs.map((r) => r.callsPerSecond)).toFixed(0)} | ${median(rs.map((r) => r.p50)).toFixed(2)} | ${median(rs.map((r) => r.p99)).toFixed(2)} |`;
const added = median(runs.gateway.map((r) => r.p50)) - median(runs.direct.map((r) => r.p50));
console.log(`### OpenAPI tool call through the whole gateway vs the HTTP API directly (concurrency 1, ${ROUNDS} interleaved rounds of ${SECONDS} s)

| path | calls/s | p50 ms | p99 ms |
|---|---|---|---|
${row('GET /invoices directly (keep-alive node:http)', runs.direct)}
${row('tools/call billing_listInvoices through Portcullis (MCP over HTTP, audit on)', runs.gateway)}

- Gateway overhead at p50: ${added.toFixed(2)} ms (MCP framing and HTTP hop, authentication, policy, validation, durable audit intent, credential injection, SSRF-guarded client).
`);
process.exit(0);
