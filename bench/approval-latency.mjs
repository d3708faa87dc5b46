#!/usr/bin/env node
// Approval latency: from the moment an approver's POST /api/v1/approvals/{id}/approve is sent to the moment the
// upstream starts executing the held call (the upstream stamps each execution with the wall clock, which both
// processes share). The call waits in the gateway meanwhile (the agent's tools/call is still open). Measured on the
// real built CLI with SQLite (synchronous=FULL) and the audit log on: the path includes the decision transaction,
// the waiter's wake-up, the executing mark, the durable intent record and the upstream round trip to start.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { startBenchGateway } from './lib/gateway.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const UPSTREAM = join(ROOT, 'test/e2e/support/counting-upstream.mjs');
const N = Number(process.env.BENCH_APPROVALS ?? 40);

const dir = mkdtempSync(join(tmpdir(), 'portcullis-bench-approvals-'));
const countFile = join(dir, 'executions.jsonl');
const gw = await startBenchGateway({
  dir,
  users: ['approver'],
  config: `upstreams:
  pay:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(UPSTREAM)}]
    env: { COUNT_FILE: ${JSON.stringify(countFile)} }
agents:
  bench:
    tools: { allow: ["pay_delete_record"] }
users:
  approver: { roles: [approver] }
policy:
  approvals: { wait: 60s }
`,
});
const { url, base } = gw;
const agentKey = gw.keys.bench;
const userKey = gw.keys.approver;
const client = new Client({ name: 'bench', version: '1' });
await client.connect(
  new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { authorization: `Bearer ${agentKey}` } },
  }),
);
const api = async (method, path) => {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${userKey}`, 'content-type': 'application/json' },
    ...(method === 'POST' ? { body: '{}' } : {}),
  });
  return r.json();
};
const startedAt = (id) => {
  if (!existsSync(countFile)) return undefined;
  for (const l of readFileSync(countFile, 'utf8').trim().split('\n'))
    if (l && JSON.parse(l).args.id === id) return JSON.parse(l).t;
  return undefined;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const samples = [];
try {
  for (let i = 0; i < N + 3; i++) {
    const id = `r${i}`;
    const call = client.callTool({ name: 'pay_delete_record', arguments: { id } });
    let req;
    while (!req) {
      const page = await api('GET', '/api/v1/approvals?status=pending');
      req = page.items.find((a) => a.arguments.id === id);
      if (!req) await sleep(20);
    }
    await sleep(50); // the call is now waiting in the gateway
    const t0 = performance.timeOrigin + performance.now();
    const decided = await api('POST', `/api/v1/approvals/${req.id}/approve`);
    if (decided.status !== 'approved') throw new Error(`not approved: ${JSON.stringify(decided)}`);
    await call;
    const t1 = startedAt(id);
    if (t1 === undefined) throw new Error(`no execution recorded for ${id}`);
    if (i >= 3) samples.push(t1 - t0); // the first few warm up the JIT and the connections
  }
} finally {
  await client.close().catch(() => undefined);
  await gw.stop();
  rmSync(dir, { recursive: true, force: true });
}
samples.sort((a, b) => a - b);
const q = (p) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))];
const f = (ms) => `${ms.toFixed(1)} ms`;
console.log(`### Approval → upstream call starts (${samples.length} approvals, one at a time, SQLite, audit on)

| p50 | p90 | max | goal |
|---|---|---|---|
| ${f(q(0.5))} | ${f(q(0.9))} | ${f(samples.at(-1))} | p50 < 50 ms |
`);
