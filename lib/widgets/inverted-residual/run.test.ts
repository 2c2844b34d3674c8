import { describe, expect, it } from 'vitest';
import { runInvertedResidual } from './run';

const channel = (data: Float32Array, c: number, hw: number) => data.subarray(c * hw, (c + 1) * hw);

// The code the page runs, on the tfjs cpu backend in Node.
describe('the MBConv block in TensorFlow.js', () => {
  it('computes every stage at its width, the linear projection and the residual add, and frees its tensors', async () => {
    const r = await runInvertedResidual({ cin: 4, cout: 4, t: 6, kernel: 3, stride: 1, size: 16, seed: 2, backend: 'cpu' });
    expect(r.outputs.map((m) => m.shape)).toEqual([
      [1, 24, 16, 16],
      [1, 24, 16, 16],
      [1, 4, 16, 16],
      [1, 4, 16, 16],
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
    const r = await runInvertedResidual({ cin: 4, cout: 4, t: 3, kernel: 5, stride: 2, size: 16, seed: 1, backend: 'cpu' });
    expect(r.stages.map((s) => s.kind)).toEqual(['expand', 'depthwise', 'project']);
    expect(r.outputs.map((m) => m.shape)).toEqual([
      [1, 12, 16, 16],
      [1, 12, 8, 8],
      [1, 4, 8, 8],
    ]);
    // Every depthwise channel is a real 8×8 map, not a constant (BN normalises with this input's statistics).
    for (let c = 0; c < 12; c++) expect(new Set(channel(r.outputs[1].data, c, 64)).size, `channel ${c}`).toBeGreaterThan(1);
    expect(r.tensorsAfter).toBe(r.tensorsBefore);
  });
});
