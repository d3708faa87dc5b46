import { describe, expect, it } from 'vitest';
import { fitLogistic, sigmoid, type SparseExample } from './logistic.js';

// Feature 0 marks positives, feature 1 negatives, feature 2 both (no information).
const data: SparseExample[] = [
  ...Array.from({ length: 10 }, () => ({ features: [0, 2], label: true })),
  ...Array.from({ length: 30 }, () => ({ features: [1, 2], label: false })),
];
const options = { steps: 300, learningRate: 0.5, positiveWeight: 1 };

describe('fitLogistic', () => {
  it('learns which features mark positives', () => {
    const fit = fitLogistic(data, 3, { ...options, lambda: 0.1 });
    expect(fit.weights[0]).toBeGreaterThan(1);
    expect(fit.weights[1]).toBeLessThan(-1);
    expect(sigmoid(fit.bias + fit.weights[0]! + fit.weights[2]!)).toBeGreaterThan(0.9);
    expect(sigmoid(fit.bias + fit.weights[1]! + fit.weights[2]!)).toBeLessThan(0.1);
  });

  it('shrinks weights as λ grows and is deterministic', () => {
    const weak = fitLogistic(data, 3, { ...options, lambda: 0.1 });
    const strong = fitLogistic(data, 3, { ...options, lambda: 30 });
    expect(Math.abs(strong.weights[0]!)).toBeLessThan(Math.abs(weak.weights[0]!));
    expect(fitLogistic(data, 3, { ...options, lambda: 0.1 })).toEqual(weak);
  });

  it('weighing positives raises their probability', () => {
    const few = [...data.slice(0, 2), ...data.slice(10)];
    const plain = fitLogistic(few, 3, { ...options, lambda: 10 });
    const weighted = fitLogistic(few, 3, { ...options, lambda: 10, positiveWeight: 15 });
    const p = (f: typeof plain): number => sigmoid(f.bias + f.weights[0]! + f.weights[2]!);
    expect(p(weighted)).toBeGreaterThan(p(plain));
  });

  it('sigmoid is stable at the extremes', () => {
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(0)).toBe(0.5);
  });
});
