/**
 * Deterministic training of the learned layer from hand-labelled tools: the same examples in the same order give
 * the same model file byte for byte (train.test.ts trains twice and compares).
 */
import { createHash } from 'node:crypto';
import type { ToolLabel } from '../label-metrics.js';
import { defaultLogisticOptions, fitLogistic, type SparseExample } from './logistic.js';
import { learnedTargets, type LearnedModelFile, type LearnedTarget } from './model.js';

export interface TrainingExample {
  label: ToolLabel;
  features: readonly string[];
}

export interface TrainingParams {
  lambda: number;
  threshold: number;
  changesThreshold: number | null;
  /** Weigh positives by negatives/positives (capped at 10), so that rare categories are not drowned. */
  balanced: boolean;
}

/**
 * The hyper-parameters chosen by grouped cross-validation over dev.json (ADR 0020, protocol (a)); the shipped model
 * and the held-out evaluation use exactly these.
 */
export const chosenParams: TrainingParams = { lambda: 1, threshold: 0.7, changesThreshold: null, balanced: false };

/** A feature counts only when tools of at least this many origins (servers or specs) show it. */
const minOrigins = 2;

export function labelledAs(label: ToolLabel, target: LearnedTarget): boolean {
  return target === 'changes'
    ? label.sideEffect === 'data-change' || label.sideEffect === 'irreversible'
    : label.categories.includes(target);
}

const round = (x: number): number => {
  const r = Math.round(x * 1000) / 1000;
  return r === 0 ? 0 : r;
};

export function trainModel(examples: readonly TrainingExample[], params: TrainingParams): LearnedModelFile {
  const origins = new Map<string, Set<string>>();
  for (const ex of examples)
    for (const f of ex.features) {
      let set = origins.get(f);
      if (!set) origins.set(f, (set = new Set()));
      set.add(ex.label.origin);
    }
  const vocabulary = [...origins.entries()]
    .filter(([, set]) => set.size >= minOrigins)
    .map(([f]) => f)
    .sort();
  const index = new Map(vocabulary.map((f, i) => [f, i]));
  const rows = examples.map((ex) =>
    ex.features
      .map((f) => index.get(f))
      .filter((i): i is number => i !== undefined)
      .sort((a, b) => a - b),
  );
  const targets = {} as LearnedModelFile['targets'];
  for (const target of learnedTargets) {
    const sparse: SparseExample[] = examples.map((ex, i) => ({
      features: rows[i]!,
      label: labelledAs(ex.label, target),
    }));
    const positives = sparse.filter((e) => e.label).length;
    const positiveWeight = params.balanced && positives > 0 ? Math.min(10, (sparse.length - positives) / positives) : 1;
    const fit = fitLogistic(sparse, vocabulary.length, {
      ...defaultLogisticOptions,
      lambda: params.lambda,
      positiveWeight,
    });
    targets[target] = { bias: round(fit.bias), weights: Array.from(fit.weights, round) };
  }
  const digest = createHash('sha256');
  for (const ex of examples) digest.update(`${JSON.stringify(ex.label)}\n${ex.features.join(' ')}\n`);
  return {
    description:
      'Learned risk layer (ADR 0020), trained from hand-labelled tools; not committed: the layer is off and bench/risk-learned.mjs trains it where it measures it.',
    trainedOn: { tools: examples.length, sha256: digest.digest('hex') },
    lambda: params.lambda,
    balanced: params.balanced,
    threshold: params.threshold,
    changesThreshold: params.changesThreshold,
    vocabulary,
    targets,
  };
}

/** The model file's text: keys one per line, each array on one line (reviewable diffs, stable bytes). */
export function formatModelFile(file: LearnedModelFile): string {
  return `${JSON.stringify(file, null, 2).replace(/\[\n\s+([^[\]{}]*?)\n\s+\]/g, (_m, inner: string) => `[${inner.replace(/,\n\s+/g, ', ')}]`)}\n`;
}
