/**
 * Runs a table of finite-difference gradient checks on cpu and wasm (vitest). Each case is one
 * op of the train-mode forward with small O(1) inputs; every input's gradient is checked.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
// Aliased: the name starts with "use" but it is no React hook (react-hooks/rules-of-hooks).
import { useBackend as switchBackend } from '../../runtime/testing/fixtures.node';
import { ensureTrainingKernels } from '../kernels';
import { gradCheck, type GradCheckOptions, type GradInput, TOLERANCE } from './finite-diff';

export interface GradCase {
  readonly name: string;
  readonly f: (...xs: tf.Tensor[]) => tf.Tensor;
  readonly inputs: readonly GradInput[];
  readonly options?: GradCheckOptions;
}

export const BACKENDS = ['cpu', 'wasm'] as const;

export function input(name: string, shape: readonly number[], data: Float32Array): GradInput {
  const size = shape.reduce((a, b) => a * b, 1);
  if (data.length !== size) throw new Error(`${name}: ${data.length} values for shape [${shape}]`);
  return { name, shape, data };
}

export function gradCases(title: string, cases: readonly GradCase[]): void {
  for (const backend of BACKENDS)
    describe(`${title} on ${backend}`, () => {
      for (const c of cases)
        it(c.name, async () => {
          await switchBackend(backend);
          ensureTrainingKernels(backend);
          const before = tf.memory().numTensors;
          const results = gradCheck(c.f, c.inputs, c.options);
          for (const r of results) {
            // A zero gradient would pass any relative check: every input must matter.
            expect(r.scale, `${r.name}: gradient is zero`).toBeGreaterThan(1e-3);
            expect(r.relErr, `${r.name} (${r.checked} elements)`).toBeLessThan(TOLERANCE);
          }
          expect(tf.memory().numTensors).toBe(before);
        });
    });
}
