import { describe, expect, it } from 'vitest';
import { runInvertedResidual } from './run';

const channel = (data: Float32Array, c: number, hw: number) => data.subarray(c * hw, (c + 1) * hw);

// The code the page runs, on the tfjs cpu backend in Node.
describe('the MBConv block in TensorFlow.js', () => {
  it('computes every stage at its width, the linear projection and the residual add, and frees its tensors', async () => {
    const r = await runInvertedResidual({ cin: 4, cout: 4, t: 6, kernel: 3, stride: 1, size: 8, seed: 2, backend: 'cpu' });
    expect(r.outputs.map((m) => m.shape)).toEqual([
      [1, 24, 8, 8],
      [1, 24, 8, 8],
      [1, 4, 8, 8],
      [1, 4, 8, 8],
    ]);
    // Expand and depthwise end in ReLU (no negative value); the linear projection has both signs.
    expect(Math.min(...r.outputs[0].data)).toBeGreaterThanOrEqual(0);
    expect(Math.min(...r.outputs[1].data)).toBeGreaterThanOrEqual(0);
    expect(Math.min(...r.outputs[2].data)).toBeLessThan(0);
    expect(Math.max(...r.outputs[2].data)).toBeGreaterThan(0);
    // The add is x + F(x), element by element (NCHW both).
    const [, , project, add] = r.outputs;
    let worst = 0;
    for (let i = 0; i < add.data.length; i++) worst = Math.max(worst, Math.abs(add.data[i] - (project.data[i] + r.input.data[i])));
    expect(worst).toBeLessThan(1e-5);
    expect(r.tensorsAfter).toBe(r.tensorsBefore);
  });

  it('halves the map at stride 2 and then has no residual', async () => {
    const r = await runInvertedResidual({ cin: 4, cout: 4, t: 3, kernel: 5, stride: 2, size: 8, seed: 1, backend: 'cpu' });
    expect(r.stages.map((s) => s.kind)).toEqual(['expand', 'depthwise', 'project']);
    expect(r.outputs.map((m) => m.shape)).toEqual([
      [1, 12, 8, 8],
      [1, 12, 4, 4],
      [1, 4, 4, 4],
    ]);
    // A real 4×4 map, not a constant.
    const c0 = channel(r.outputs[1].data, 0, 16);
    expect(new Set(c0).size).toBeGreaterThan(1);
    expect(r.tensorsAfter).toBe(r.tensorsBefore);
  });
});
