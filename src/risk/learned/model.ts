/**
 * The learned layer's model: one logistic regression per target (each risk category, and "changes state") over the
 * features of features.ts, trained from the hand labels by train.ts. Scoring is pure and cheap: a map lookup per
 * feature present and a sum per target.
 */
import { riskCategories, type RiskCategory } from '../types.js';
import { featureLabel } from './features.js';
import { sigmoid } from './logistic.js';

/** A target of the model: a risk category, or `changes` (side effect data-change or irreversible). */
export type LearnedTarget = RiskCategory | 'changes';
export const learnedTargets: readonly LearnedTarget[] = [...riskCategories, 'changes'];

/** A trained model as data (train.ts writes it; formatModelFile gives its stable text). */
export interface LearnedModelFile {
  description: string;
  /** What it was trained on: the number of labelled tools and the SHA-256 of their labels and definitions. */
  trainedOn: { tools: number; sha256: string };
  lambda: number;
  /** Whether positives were weighted by negatives/positives in training. */
  balanced: boolean;
  /** A category is added at or above this probability. */
  threshold: number;
  /** A read is raised to a change at or above this probability; null: the layer never raises a side effect. */
  changesThreshold: number | null;
  /** Features kept (present in tools of at least two origins), sorted. */
  vocabulary: string[];
  /** Per target: bias, then one weight per vocabulary entry (same order). */
  targets: Record<LearnedTarget, { bias: number; weights: number[] }>;
}

export interface TargetScore {
  probability: number;
  /** The features present that pushed hardest towards the target, strongest first (at most three). */
  strongest: string[];
}

export interface LearnedModel {
  file: LearnedModelFile;
  /** Probabilities per target; the strongest features only for targets at or above `explainAt` (they cost time). */
  score(features: readonly string[], explainAt?: number): Record<LearnedTarget, TargetScore>;
}

export function createLearnedModel(file: LearnedModelFile): LearnedModel {
  const index = new Map<string, number>();
  file.vocabulary.forEach((f, i) => index.set(f, i));
  return {
    file,
    score(features, explainAt = 0) {
      const present: number[] = [];
      for (const f of features) {
        const i = index.get(f);
        if (i !== undefined) present.push(i);
      }
      const out = {} as Record<LearnedTarget, TargetScore>;
      for (const target of learnedTargets) {
        const { bias, weights } = file.targets[target];
        let z = bias;
        for (const i of present) z += weights[i] ?? 0;
        const probability = sigmoid(z);
        if (probability < explainAt) {
          out[target] = { probability, strongest: [] };
          continue;
        }
        const pushes: Array<[number, number]> = [];
        for (const i of present) if ((weights[i] ?? 0) > 0) pushes.push([weights[i]!, i]);
        pushes.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
        out[target] = {
          probability,
          strongest: pushes.slice(0, 3).map(([w, i]) => `${featureLabel(file.vocabulary[i]!)} (+${w.toFixed(2)})`),
        };
      }
      return out;
    },
  };
}
