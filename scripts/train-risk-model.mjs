#!/usr/bin/env node
// Trains the learned risk layer (ADR 0020) on every tool of src/risk/testdata/labels/dev.json with the parameters
// fixed by cross-validation (chosenParams in src/risk/learned/train.ts) and writes src/risk/learned/model.json.
// Deterministic: src/risk/learned/train.test.ts re-trains and fails if the committed file differs.
//   npm run build && node scripts/train-risk-model.mjs
import { writeFileSync } from 'node:fs';
import { toolFeatures } from '../dist/risk/learned/features.js';
import { loadLabelledTools } from '../dist/risk/learned/label-tools.js';
import { chosenParams, formatModelFile, trainModel } from '../dist/risk/learned/train.js';

const root = new URL('..', import.meta.url);
const tools = await loadLabelledTools(new URL('src/risk/testdata/labels/dev.json', root));
const started = performance.now();
const file = trainModel(
  tools.map((t) => ({ label: t.label, features: toolFeatures(t.definition, t.source) })),
  chosenParams,
);
const out = new URL('src/risk/learned/model.json', root);
writeFileSync(out, formatModelFile(file));
console.log(
  `Trained on ${file.trainedOn.tools} tools in ${(performance.now() - started).toFixed(0)} ms: ${file.vocabulary.length} features, ${out.pathname}`,
);
