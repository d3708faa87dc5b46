// tools/list from memory for 1,000 OpenAPI tools, and the overhead of an HTTP tool call through the
// OpenAPI backend (validate, build request, inject credential, send, map result) versus calling the
// same local HTTP server directly with a keep-alive client. Requires `npm run build`.
import { existsSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const dist = (p) => import(pathToFileURL(join(root, 'dist', p)).href);
if (!existsSync(join(root, 'dist', 'backends', 'openapi', 'index.js'))) {
  console.error('bench/openapi-call: run `npm run build` first');
  process.exit(1);
}
const { createOpenApiBackend } = await dist('backends/openapi/index.js');
const { startBillingApi } = await dist('demo/billing-api/index.js');

const ctx = { principal: { agent: 'bench', method: 'stdio' }, requestId: 'b', signal: new AbortController().signal };
const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const stats = (xs) => {
  xs.sort((a, b) => a - b);
  return { p50: pct(xs, 50), p95: pct(xs, 95) };
};

// 1) tools/list from memory: GitHub's first 1,000 operations.
const github = join(dirname(require.resolve('@octokit/openapi/package.json')), 'generated', 'api.github.com.json');
const gh = createOpenApiBackend({ name: 'github', spec: github }, { getCredential: () => undefined });
await gh.start();
const all = gh.tools();
const names = new Set(all.slice(0, 1000).map((t) => t.localName));
const list = () =>
  gh
    .tools()
    .filter((t) => names.has(t.localName))
    .map((t) => ({ ...t.definition, name: `github__${t.localName}` }));
for (let i = 0; i < 50; i++) list();
const listTimes = [];
const wireTimes = [];
let bytes = 0;
for (let i = 0; i < 200; i++) {
  const t0 = performance.now();
  const l = list();
  const t1 = performance.now();
  bytes = JSON.stringify({ tools: l }).length;
  wireTimes.push(performance.now() - t1);
  listTimes.push(t1 - t0);
}
await gh.close();
const ls = stats(listTimes);
const ws = stats(wireTimes);

// 2) call overhead against the local demo billing API.
const KEY = 'bench-key';
const api = await startBillingApi(0, { apiKey: KEY });
const backend = createOpenApiBackend(
  { name: 'billing', spec: api.specPath, allowPrivateNetwork: true, auth: { billingKey: { credential: 'K' } } },
  { getCredential: () => KEY },
);
await backend.start();
const agent = new http.Agent({ keepAlive: true });
const direct = () =>
  new Promise((resolve, reject) => {
    const req = http.request(
      `${api.url}/invoices/inv_1`,
      { agent, headers: { 'x-billing-key': KEY, accept: 'application/json' } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
      },
    );
    req.on('error', reject);
    req.end();
  });
const viaBackend = () => backend.callTool('billing_getInvoice', { invoiceId: 'inv_1' }, ctx);
const N = Number(process.env.BENCH_CALLS ?? 2000);
for (let i = 0; i < 200; i++) {
  await direct();
  await viaBackend();
}
const d = [];
const b = [];
for (let i = 0; i < N; i++) {
  let t = performance.now();
  await direct();
  d.push(performance.now() - t);
  t = performance.now();
  const r = await viaBackend();
  if (r.isError) throw new Error(JSON.stringify(r));
  b.push(performance.now() - t);
}
await backend.close();
agent.destroy();
await api.close();
const ds = stats(d);
const bs = stats(b);
const f = (x) => x.toFixed(3);

console.log('### OpenAPI tools/list and call overhead\n');
console.log('| measurement | p50 | p95 | target |');
console.log('|---|---|---|---|');
console.log(
  `| tools/list of 1,000 GitHub tools from memory (filter + namespace) | ${f(ls.p50)} ms | ${f(ls.p95)} ms | < 5 ms |`,
);
console.log(`| … serialised to JSON (${(bytes / 1e6).toFixed(1)} MB) | ${f(ws.p50)} ms | ${f(ws.p95)} ms | |`);
console.log(`| GET /invoices/{id} direct (keep-alive node:http) | ${f(ds.p50)} ms | ${f(ds.p95)} ms | |`);
console.log(`| same call through the OpenAPI backend (callTool) | ${f(bs.p50)} ms | ${f(bs.p95)} ms | |`);
console.log(
  `| backend overhead (difference of p50s, of p95s) | ${f(bs.p50 - ds.p50)} ms | ${f(bs.p95 - ds.p95)} ms | |`,
);
console.log(
  `\n${N} sequential calls each; the backend path includes argument validation, request building, credential injection, the SSRF-guarded keep-alive client and result mapping (not the gateway pipeline stages).`,
);
