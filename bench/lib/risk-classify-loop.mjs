#!/usr/bin/env node
// A profiling driver for the risk classifier: classifies GitHub's 1,223 operations (@octokit/openapi) N times
// (default 20) with the built engine, after one warm-up pass. Profile it with
// `node --cpu-prof --cpu-prof-dir=/tmp/prof bench/lib/risk-classify-loop.mjs` and summarise the profile with
// `node bench/lib/cpuprofile-top.mjs /tmp/prof/<file>.cpuprofile 30` (docs/adr/0017 quotes the top items).
// Usage: node bench/lib/risk-classify-loop.mjs [N] [engine root, default: this checkout]
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
const c = process.cpuUsage();
const t = performance.now();
for (let i = 0; i < n; i++) all();
const d = process.cpuUsage(c);
console.log(
  `${tools.length} operations x ${n}: ${((performance.now() - t) / n).toFixed(1)} ms wall, ${((d.user + d.system) / 1000 / n).toFixed(1)} ms CPU per pass`,
);
