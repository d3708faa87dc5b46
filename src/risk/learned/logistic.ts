/**
 * L2-regularised logistic regression on binary sparse features, trained deterministically: full-batch AdaGrad with
 * a fixed number of steps from zero weights, examples and features in a fixed order, no randomness. Minimises
 * sum of (weighted) log-losses + λ/2·‖w‖² (the bias is not penalised).
 */

export interface SparseExample {
  /** Indices of the features present (value 1). */
  features: readonly number[];
  label: boolean;
}

export interface LogisticOptions {
  lambda: number;
  steps: number;
  learningRate: number;
  /** Weight of a positive example's loss (rare targets: negatives outnumber positives). */
  positiveWeight: number;
}

export interface LogisticFit {
  bias: number;
  weights: Float64Array;
}

export const defaultLogisticOptions: Readonly<Omit<LogisticOptions, 'lambda' | 'positiveWeight'>> = {
  steps: 300,
  learningRate: 0.5,
};

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function fitLogistic(examples: readonly SparseExample[], featureCount: number, o: LogisticOptions): LogisticFit {
  const w = new Float64Array(featureCount);
  const sumSq = new Float64Array(featureCount);
  const grad = new Float64Array(featureCount);
  let bias = 0;
  let biasSq = 0;
  for (let step = 0; step < o.steps; step++) {
    for (let j = 0; j < featureCount; j++) grad[j] = o.lambda * w[j]!;
    let biasGrad = 0;
    for (const ex of examples) {
      let z = bias;
      for (const j of ex.features) z += w[j]!;
      const err = ex.label ? o.positiveWeight * (sigmoid(z) - 1) : sigmoid(z);
      biasGrad += err;
      for (const j of ex.features) grad[j]! += err;
    }
    for (let j = 0; j < featureCount; j++) {
      const g = grad[j]!;
      if (g === 0) continue;
      sumSq[j]! += g * g;
      w[j]! -= (o.learningRate * g) / Math.sqrt(sumSq[j]!);
    }
    biasSq += biasGrad * biasGrad;
    if (biasSq > 0) bias -= (o.learningRate * biasGrad) / Math.sqrt(biasSq);
  }
  return { bias, weights: w };
}
