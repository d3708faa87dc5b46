#!/usr/bin/env node
// Memory per idle 2025-11-25 session: the gateway (as `portcullis serve` builds it, in this process, audit replaced by
// a no-op sink as in bench/lib/serve-without-audit.mjs) with N sessions opened over real HTTP (initialize +
// initialized) and left idle; retained heap + external memory after full GCs, divided by N. Bounded: N sessions
// (default 10,000, the default session cap), 16 at a time. Run with --expose-gc (npm run bench does).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfigFile } from '../dist/config/load.js';
import { createGateway } from '../dist/gateway/gateway.js';
import { startHttpFront } from '../dist/front/http-server.js';
import { openStores } from '../dist/storage/open-stores.js';
import { generateApiKey } from '../dist/authn/api-key.js';

const N = Number(process.env.BENCH_SESSIONS ?? 10_000);
// BENCH_TOOLS_LIST=1: each session also lists its tools before going idle (what an agent does first).
const LIST = process.env.BENCH_TOOLS_LIST === '1';
const ROOT = resolve(import.meta.dirname, '..');
if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc');
const dir = mkdtempSync(join(tmpdir(), 'portcullis-idle-'));
const config = join(dir, 'portcullis.yaml');
writeFileSync(
  config,
  `upstreams:\n  up:\n    transport: stdio\n    command: ${JSON.stringify(process.execPath)}\n    args: [${JSON.stringify(join(ROOT, 'test/fixtures/test-upstream.mjs'))}]\n` +
    `agents:\n  bench:\n    tools:\n      allow: ["up_echo"]\nlimits:\n  sessions: { perAgent: ${N + 200}, total: ${N + 200} }\n`,
);
const loaded = loadConfigFile(config);
loaded.config.server.port = 0;
const store = await openStores(loaded);
const { key, record } = generateApiKey('bench');
await store.apiKeys.insert(record);
const gw = createGateway(loaded, {
  store,
  records: { intent: async () => undefined, outcome: async () => undefined },
  log: () => undefined,
});
await gw.start();
const front = await startHttpFront(gw.front);

const agent = new Agent({ keepAlive: true, maxSockets: 16 });
const u = new URL(front.url);
function post(body, headers = {}) {
  return new Promise((res, rej) => {
    const data = JSON.stringify(body);
    const req = request(
      {
        agent,
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          authorization: `Bearer ${key}`,
          'content-length': Buffer.byteLength(data),
          ...headers,
        },
      },
      (r) => {
        r.resume();
        r.on('end', () => res({ status: r.statusCode, sid: r.headers['mcp-session-id'] }));
      },
    );
    req.on('error', rej);
    req.end(data);
  });
}
async function openOne() {
  const init = await post({
    jsonrpc: '2.0',
    id: 0,
    method: 'initialize',
    params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'idle', version: '1' } },
  });
  if (init.status !== 200 || !init.sid) throw new Error(`initialize failed: ${init.status}`);
  const h = { 'mcp-session-id': init.sid, 'mcp-protocol-version': '2025-11-25' };
  const n = await post({ jsonrpc: '2.0', method: 'notifications/initialized' }, h);
  if (n.status !== 202) throw new Error(`initialized failed: ${n.status}`);
  if (LIST) {
    const l = await post({ jsonrpc: '2.0', id: 1, method: 'tools/list' }, h);
    if (l.status !== 200) throw new Error(`tools/list failed: ${l.status}`);
  }
}
async function open(count) {
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < count) {
        next++;
        await openOne();
      }
    }),
  );
}
const settle = async () => {
  for (let i = 0; i < 4; i++) {
    globalThis.gc();
    await new Promise((r) => setTimeout(r, 50));
  }
  const m = process.memoryUsage();
  return { heap: m.heapUsed, external: m.external, rss: m.rss };
};

await open(200); // warm-up: code paths compiled, pools allocated
const before = await settle();
const t0 = performance.now();
await open(N);
const seconds = (performance.now() - t0) / 1000;
const after = await settle();
agent.destroy();
await front.close();
await gw.close();
await store.close?.();
rmSync(dir, { recursive: true, force: true });

const kb = (b) => (b / 1024).toFixed(1);
const perHeap = (after.heap - before.heap) / N;
const perExt = (after.external - before.external) / N;
console.log(`### Memory per idle session (2025-11-25, ${N.toLocaleString('en')} sessions open, after full GCs)

| measure | total added | per session |
|---|---:|---:|
| JS heap used | ${kb(after.heap - before.heap)} KiB | ${kb(perHeap)} KiB |
| external (buffers) | ${kb(after.external - before.external)} KiB | ${kb(perExt)} KiB |
| RSS (includes freed-but-kept pages) | ${kb(after.rss - before.rss)} KiB | ${kb((after.rss - before.rss) / N)} KiB |

- Heap + external per idle session: ${kb(perHeap + perExt)} KiB (goal <= 5 KB): ${perHeap + perExt <= 5000 ? '**met**' : '**not met**'}.
- Opening them took ${seconds.toFixed(1)} s (${Math.round(N / seconds)} sessions/s, 16 at a time, initialize + initialized${LIST ? ' + tools/list' : ''}).
`);
process.exit(0);
