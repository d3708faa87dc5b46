#!/usr/bin/env node
// A profiling driver for the risk classifier: classifies GitHub's 1,223 operations (@octokit/openapi) N times
// (default 20) with the built engine, after one warm-up pass. Profile it with
// `node --cpu-prof --cpu-prof-dir=/tmp/prof bench/lib/risk-classify-loop.mjs` and summarise the profile with
// `node bench/lib/cpuprofile-top.mjs /tmp/prof/<file>.cpuprofile 30` (docs/adr/0017 quotes the top items).
// Usage: node bench/lib/risk-classify-loop.mjs [N] [engine root, default: this checkout]
// Prints the mean per pass (garbage collection included) and each pass's minimum and median, wall and CPU.
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [nArg, rootArg] = process.argv.slice(2);
const n = Number(nArg ?? 20);
const root = resolve(rootArg ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..'));
const load = (p) => import(pathToFileURL(join(root, 'dist', p)).href);
const { importOpenApiSpec } = await load('backends/openapi/index.js');
const { classifyTool } = await load('risk/classify.js');
const require = createRequire(join(root, 'package.json'));
const github = join(dirname(require.resolve('@octokit/openapi/package.json')), 'generated', 'api.github.com.json');
const { tools } = await importOpenApiSpec(github);
const all = () => {
  for (const t of tools) classifyTool(t.definition, t.source);
};
all();
// Each pass timed alone too: on a shared machine the minimum and median say more than the mean.
const walls = [];
const cpus = [];
const c = process.cpuUsage();
const t = performance.now();
for (let i = 0; i < n; i++) {
  const c1 = process.cpuUsage();
  const t1 = performance.now();
  all();
  const d1 = process.cpuUsage(c1);
  walls.push(performance.now() - t1);
  cpus.push((d1.user + d1.system) / 1000);
}
const d = process.cpuUsage(c);
const min = (xs) => Math.min(...xs).toFixed(1);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)].toFixed(1);
console.log(
  `${tools.length} operations x ${n}: ${((performance.now() - t) / n).toFixed(1)} ms wall, ${((d.user + d.system) / 1000 / n).toFixed(1)} ms CPU per pass` +
    ` (per pass: wall min ${min(walls)} median ${median(walls)}, CPU min ${min(cpus)} median ${median(cpus)})`,
);
