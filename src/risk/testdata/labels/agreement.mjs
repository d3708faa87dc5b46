// Agreement between two labellers of the same tools: scores one label file against another with the figures the
// risk engine is judged by (labelMetrics), both ways, without classifying anything. Run after `npm run build`:
//   node src/risk/testdata/labels/agreement.mjs [first.json] [second.json]
// Defaults: dev.json (the first labeller; held-out 8 is its part nine since it moved there) and
// heldout8-second-labeller.json (held-out 8 labelled independently, from the same definitions, without seeing the first
// labels). Only the first file's tools that the second file also labels are compared (dev.json holds more).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..', '..', '..');
const { labelMetrics } = await import(join(root, 'dist/risk/label-metrics.js'));

const [firstFile = 'dev.json', secondFile = 'heldout8-second-labeller.json'] = process.argv.slice(2);
const load = (file) => JSON.parse(readFileSync(resolve(here, file), 'utf8')).tools;
const key = (l) => `${l.origin} ${l.name}`;
const second = load(secondFile);
const byKey = new Map(second.map((l) => [key(l), l]));
const wholeFirst = load(firstFile);
const first = firstFile === 'dev.json' ? wholeFirst.filter((l) => byKey.has(key(l))) : wholeFirst;
const missing = first.filter((l) => !byKey.has(key(l)));
if (missing.length > 0 || first.length !== second.length) {
  console.error(
    `The files do not label the same tools (${first.length} vs ${second.length}; missing: ${missing.map(key).join(', ')})`,
  );
  process.exit(1);
}

const asAssessment = (l) => ({ sideEffect: l.sideEffect, level: l.level, categories: l.categories });
const ratio = (r) => `${r.value.toFixed(3)} (${r.hit}/${r.total})`;
function print(title, truth, other) {
  const m = labelMetrics(truth.map((l) => ({ label: l, predicted: asAssessment(other.get(key(l))) })));
  console.log(`### ${title}: ${m.tools} tools\n`);
  console.log('| figure | value |\n|---|---|');
  console.log(`| side-effecting recall | ${ratio(m.sideEffectingRecall)} |`);
  console.log(`| read-only recall | ${ratio(m.readOnlyRecall)} |`);
  console.log(`| \`high\` recall | ${ratio(m.highRecall)} |`);
  console.log(`| \`high\` rated \`low\` | ${m.highRatedLow.length} |`);
  console.log(`| level accuracy | ${ratio(m.levelAccuracy)} |`);
  console.log(`| macro F1, critical categories | ${m.criticalMacroF1.toFixed(3)} |\n`);
  const f1 = Object.entries(m.categoryF1).map(([c, v]) => `${c} ${v.toFixed(2)}`);
  console.log(`F1 per category: ${f1.join(', ')}\n`);
  console.log(`Disagreements (${m.misses.length}):\n${m.misses.map((x) => `- ${x}`).join('\n')}\n`);
}
print(`${secondFile} scored against ${firstFile}`, first, byKey);
print(`${firstFile} scored against ${secondFile}`, second, new Map(first.map((l) => [key(l), l])));
