import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toolFeatures } from './features.js';
import { loadLabelledTools } from './label-tools.js';
import { createLearnedModel, type LearnedModelFile } from './model.js';
import { chosenParams, formatModelFile, trainModel } from './train.js';

const modelUrl = new URL('./model.json', import.meta.url);

describe('learned risk layer: the committed model file', () => {
  it('is exactly what training on dev.json produces (no hand edits)', async () => {
    const tools = await loadLabelledTools(new URL('../testdata/labels/dev.json', import.meta.url));
    const file = trainModel(
      tools.map((t) => ({ label: t.label, features: toolFeatures(t.definition, t.source) })),
      chosenParams,
    );
    // On a mismatch: `npm run build && node scripts/train-risk-model.mjs` (dev.json or the training code changed).
    expect(readFileSync(modelUrl, 'utf8')).toBe(formatModelFile(file));
    expect(file.trainedOn.tools).toBe(tools.length);
  }, 60_000);

  it('scores with the parameters fixed by cross-validation, one weight per feature', () => {
    const file = JSON.parse(readFileSync(modelUrl, 'utf8')) as LearnedModelFile;
    expect([file.lambda, file.threshold, file.changesThreshold, file.balanced]).toEqual([
      chosenParams.lambda,
      chosenParams.threshold,
      chosenParams.changesThreshold,
      chosenParams.balanced,
    ]);
    for (const t of Object.values(file.targets)) expect(t.weights).toHaveLength(file.vocabulary.length);
    // A delete operation on a path the model has seen in many specs reads as destructive.
    const model = createLearnedModel(file);
    const s = model.score(['k:openapi', 'm:delete', 'nf:delete', 'n:delete', 'pe:ends-with-parameter']);
    expect(s.destructive.probability).toBeGreaterThan(s.financial.probability);
    expect(s.destructive.strongest[0]).toMatch(/^(HTTP method 'delete'|name word 'delete'|name starts with 'delete')/);
  });
});
