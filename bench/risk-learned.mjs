// The learned risk layer's validation (ADR 0020): rules alone vs rules + learned on the six figures of issue 14.
//   npm run build && node bench/risk-learned.mjs                      grouped 5-fold CV over dev.json, chosen params
//   node bench/risk-learned.mjs --grid                                 the same for every grid point (protocol (a))
//   node bench/risk-learned.mjs --dev FILE --dev-count N --heldout FILE  train on the first N tools of FILE, score HELDOUT
//   node bench/risk-learned.mjs --speed     GitHub's operations: rules alone vs rules + a model trained on all of dev.json (warm median of 7)
// Imports the built output. Never writes anything.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { importOpenApiSpec } from '../dist/backends/openapi/index.js';
import { classifyTool } from '../dist/risk/classify.js';
import { labelMetrics } from '../dist/risk/label-metrics.js';
import { applyLearned } from '../dist/risk/learned/combine.js';
import { toolFeatures } from '../dist/risk/learned/features.js';
import { loadLabelledTools } from '../dist/risk/learned/label-tools.js';
import { createLearnedModel } from '../dist/risk/learned/model.js';
import { chosenParams, trainModel } from '../dist/risk/learned/train.js';

const root = new URL('..', import.meta.url).pathname;
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
};
const devFile = arg('--dev') ?? join(root, 'src/risk/testdata/labels/dev.json');
const devCount = Number(arg('--dev-count') ?? Infinity);
const heldoutFile = arg('--heldout');
const grid = process.argv.includes('--grid');
const balanced = process.argv.includes('--balanced') || chosenParams.balanced;
// Rules alone: the engine as shipped (ADR 0020: the learned layer is not hooked into classify.ts).
const rules = classifyTool;

if (process.argv.includes('--speed')) {
  const github = join(root, 'node_modules', '@octokit', 'openapi', 'generated', 'api.github.com.json');
  if (!existsSync(github)) throw new Error('needs the @octokit/openapi dev dependency');
  const { tools } = await importOpenApiSpec(github);
  // No model is committed (ADR 0020: the layer is off): train on all of dev.json with the chosen parameters first.
  const dev = await loadLabelledTools(new URL('../src/risk/testdata/labels/dev.json', import.meta.url));
  const model = createLearnedModel(
    trainModel(
      dev.map((t) => ({ label: t.label, features: toolFeatures(t.definition, t.source) })),
      chosenParams,
    ),
  );
  const both = (t) =>
    applyLearned(
      classifyTool(t.definition, t.source),
      model.score(
        toolFeatures(t.definition, t.source),
        Math.min(model.file.threshold, model.file.changesThreshold ?? 1),
      ),
      model.file,
    );
  const pass = (fn) => {
    const started = performance.now();
    for (const t of tools) fn(t);
    return performance.now() - started;
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rulesOnlyPass = (t) => classifyTool(t.definition, t.source);
  const cold = [pass(rulesOnlyPass), pass(both)];
  const warm = { rules: [], both: [] };
  for (let i = 0; i < 7; i++) {
    warm.rules.push(pass(rulesOnlyPass));
    warm.both.push(pass(both));
  }
  console.log(
    `GitHub, ${tools.length} operations: rules alone ${median(warm.rules).toFixed(0)} ms warm (first pass ${cold[0].toFixed(0)}), rules + learned ${median(warm.both).toFixed(0)} ms warm (first pass ${cold[1].toFixed(0)})`,
  );
  process.exit(0);
}

const withRules = (tools) =>
  tools.map((t) => ({ ...t, rules: rules(t.definition, t.source), features: toolFeatures(t.definition, t.source) }));
const dev = withRules((await loadLabelledTools(devFile)).slice(0, devCount));

const figures = (scored) => {
  const m = labelMetrics(scored);
  return {
    se: m.sideEffectingRecall.value,
    ro: m.readOnlyRecall.value,
    hi: m.highRecall.value,
    hl: m.highRatedLow.length,
    lv: m.levelAccuracy.value,
    f1: m.criticalMacroF1,
    perCat: m.categoryF1,
  };
};
const row = (name, f) =>
  `| ${name} | ${f.se.toFixed(3)} | ${f.ro.toFixed(3)} | ${f.hi.toFixed(3)} | ${f.hl} | ${f.lv.toFixed(3)} | ${f.f1.toFixed(3)} |`;
const header =
  '| engine | side-eff. recall | read-only recall | `high` recall | `high`→`low` | level acc. | macro F1 |\n|---|---:|---:|---:|---:|---:|---:|';
const cats = (f) =>
  Object.entries(f.perCat)
    .map(([c, v]) => `${c} ${v.toFixed(2)}`)
    .join(', ');

/** Scored sets for rules alone and for rules + learned, from per-tool target scores. */
const combine = (tools, scores, params) =>
  tools.map((t, i) => ({ label: t.label, predicted: applyLearned(t.rules, scores[i], params) }));
const rulesOnly = (tools) => tools.map((t) => ({ label: t.label, predicted: t.rules }));

const trainOn = (tools, params) =>
  createLearnedModel(
    trainModel(
      tools.map((t) => ({ label: t.label, features: t.features })),
      params,
    ),
  );

if (heldoutFile) {
  const held = withRules(await loadLabelledTools(heldoutFile));
  const started = performance.now();
  const model = trainOn(dev, chosenParams);
  const trainMs = performance.now() - started;
  const scores = held.map((t) => model.score(t.features));
  const base = figures(rulesOnly(held));
  const both = figures(combine(held, scores, chosenParams));
  console.log(
    `Held-out evaluation: trained on ${dev.length} tools of ${devFile} (${trainMs.toFixed(0)} ms), scored ${held.length} of ${heldoutFile}; params ${JSON.stringify(chosenParams)}\n`,
  );
  console.log(`${header}\n${row('rules alone', base)}\n${row('rules + learned', both)}\n`);
  console.log(`F1 per category, rules alone: ${cats(base)}\nF1 per category, rules + learned: ${cats(both)}\n`);
  const alone = held.map((t, i) => ({
    label: t.label,
    predicted: {
      ...t.rules,
      categories: Object.keys(scores[i]).filter(
        (c) => c !== 'changes' && scores[i][c].probability >= chosenParams.threshold,
      ),
    },
  }));
  console.log(`F1 per category, learned model alone: ${cats(figures(alone))}\n`);
  console.log('Learned additions (label → combined):');
  held.forEach((t, i) => {
    const p = applyLearned(t.rules, scores[i], chosenParams);
    if (p === t.rules) return;
    const l = t.label;
    console.log(
      `- ${l.origin} ${l.name}: ${l.level} ${l.sideEffect} [${l.categories.join(',')}] → ${p.level} ${p.sideEffect} [${p.categories.join(',')}] (rules: ${t.rules.level} [${t.rules.categories.join(',')}])`,
    );
  });
} else {
  // Grouped 5-fold CV: origins round-robin in SHA-256 order of their names.
  const origins = [...new Set(dev.map((t) => t.label.origin))].sort((a, b) => {
    const h = (s) => createHash('sha256').update(s).digest('hex');
    return h(a) < h(b) ? -1 : 1;
  });
  const foldOf = new Map(origins.map((o, i) => [o, i % 5]));
  const lambdas = grid ? [1, 3, 10, 30] : [chosenParams.lambda];
  const thresholds = grid ? [0.5, 0.6, 0.7, 0.8, 0.9] : [chosenParams.threshold];
  const changes = grid ? [null, 0.8, 0.9] : [chosenParams.changesThreshold];
  const base = figures(rulesOnly(dev));
  console.log(
    `Grouped 5-fold CV over ${dev.length} tools of ${devFile} (${origins.length} origins)${balanced ? ', positives weighted' : ''}\n`,
  );
  console.log(`${header}\n${row('rules alone', base)}`);
  const results = [];
  for (const lambda of lambdas) {
    const scores = new Array(dev.length);
    const started = performance.now();
    for (let k = 0; k < 5; k++) {
      const model = trainOn(
        dev.filter((t) => foldOf.get(t.label.origin) !== k),
        { lambda, threshold: 0.5, changesThreshold: null, balanced },
      );
      dev.forEach((t, i) => {
        if (foldOf.get(t.label.origin) === k) scores[i] = model.score(t.features);
      });
    }
    const ms = performance.now() - started;
    for (const threshold of thresholds)
      for (const changesThreshold of changes) {
        const f = figures(combine(dev, scores, { threshold, changesThreshold }));
        results.push({ lambda, threshold, changesThreshold, f, scores });
        console.log(
          row(
            `+ learned λ=${lambda} τ=${threshold} changes=${changesThreshold ?? 'off'} (5 trainings ${ms.toFixed(0)} ms)`,
            f,
          ),
        );
      }
  }
  const allowed = results.filter((r) => r.f.ro >= base.ro - 0.01);
  const best = allowed.sort((a, b) => b.f.lv + b.f.f1 - (a.f.lv + a.f.f1))[0];
  if (best) {
    console.log(
      `\nBest by level accuracy + macro F1 (read-only recall within 0.01): λ=${best.lambda} τ=${best.threshold} changes=${best.changesThreshold ?? 'off'}`,
    );
    console.log(`F1 per category, rules alone: ${cats(base)}\nF1 per category, best combined: ${cats(best.f)}`);
    // The model alone (out of fold, categories at τ; for insight into what it learned, not a figure of the engine).
    const alone = dev.map((t, i) => ({
      label: t.label,
      predicted: {
        ...t.rules,
        categories: Object.keys(best.scores[i]).filter(
          (c) => c !== 'changes' && best.scores[i][c].probability >= best.threshold,
        ),
      },
    }));
    console.log(`F1 per category, learned model alone (out of fold): ${cats(figures(alone))}`);
  }
}
