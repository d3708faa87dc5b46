// Risk engine benchmark: classification and poisoning-scan time per OpenAPI spec in test/fixtures/specs/openapi
// (and the 1,794 real MCP tools of src/risk/testdata/tool-labels/dev.json). Imports the built output (npm run build).
// Prints a markdown table. Cold = first pass in a fresh process (includes JIT warm-up); warm = median of 7 passes.
// "warm CPU" is the process's CPU time (user + system, all its threads) over the same passes, median of 7: on a machine
// other work is loading it is what the classification costs, and close to the wall time on a quiet one.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importOpenApiSpec } from '../dist/backends/openapi/index.js';
import { classifyTool } from '../dist/risk/classify.js';
import { scanTool } from '../dist/risk/poisoning.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function time(fn) {
  const t = performance.now();
  fn();
  return performance.now() - t;
}
function cpuTime(fn) {
  const c = process.cpuUsage();
  fn();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
}
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function measure(tools) {
  const classifyAll = () => {
    for (const t of tools) classifyTool(t.definition, t.source);
  };
  const scanAll = () => {
    for (const t of tools) scanTool(t.definition, { otherToolNames: [] });
  };
  const cold = time(classifyAll);
  const warm = median(Array.from({ length: 7 }, () => time(classifyAll)));
  const warmCpu = median(Array.from({ length: 7 }, () => cpuTime(classifyAll)));
  const scanCold = time(scanAll);
  const scanWarm = median(Array.from({ length: 7 }, () => time(scanAll)));
  return { cold, warm, warmCpu, scanCold, scanWarm };
}

const rows = [];
const specDir = join(root, 'test', 'fixtures', 'specs', 'openapi');
for (const file of readdirSync(specDir).filter((f) => /\.(json|ya?ml)$/.test(f))) {
  const { tools } = await importOpenApiSpec(join(specDir, file));
  const m = measure(tools);
  rows.push({ name: file, n: tools.length, ...m });
}
// GitHub's REST description (~1,000 operations), when the @octokit/openapi dev dependency is installed.
const github = join(root, 'node_modules', '@octokit', 'openapi', 'generated', 'api.github.com.json');
if (existsSync(github)) {
  const { tools } = await importOpenApiSpec(github);
  rows.push({ name: 'GitHub api.github.com.json (@octokit/openapi)', n: tools.length, ...measure(tools) });
}
const dev = JSON.parse(readFileSync(join(root, 'src', 'risk', 'testdata', 'tool-labels', 'dev.json'), 'utf8')).map(
  (t) => ({
    definition: { name: t.name, description: t.description, inputSchema: t.inputSchema },
    source: { kind: 'mcp', server: t.server },
  }),
);
rows.push({ name: 'tool-labels/dev.json (MCP)', n: dev.length, ...measure(dev) });

const f = (x) => x.toFixed(1);
console.log('## Risk engine: classify and poisoning scan\n');
console.log(`Node ${process.version}, one process; cold = first pass (JIT warm-up included), warm = median of 7.\n`);
console.log(
  '| input | tools | classify cold ms | classify warm ms | classify warm CPU ms | µs/tool (warm) | scan cold ms | scan warm ms |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows)
  console.log(
    `| ${r.name} | ${r.n} | ${f(r.cold)} | ${f(r.warm)} | ${f(r.warmCpu)} | ${f((r.warm * 1000) / Math.max(1, r.n))} | ${f(r.scanCold)} | ${f(r.scanWarm)} |`,
  );
console.log("\nTarget: classify GitHub's ~1,000 operations in < 300 ms.");
