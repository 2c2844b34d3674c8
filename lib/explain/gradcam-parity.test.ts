/**
 * Grad-CAM and vanilla saliency against PyTorch (scripts/py/make_gradcam_fixture.py): the four
 * shared parity models of every family at 64×64 with the parity fixtures' hash-initialised
 * weights, two or three layers each (the last being Grad-CAM's default layer, which the IR must
 * find by itself), the top two classes; the maps at the layer's resolution, before normalisation
 * or upsampling, within rel L2 1e-4 (issue 16).
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildGraph, parityDenseNetSmall, parityResNeXtSmall } from '../arch';
import { moduleOutput } from '../arch/graph-utils';
import type { Graph } from '../arch/ir';
import { Model, inputFromNCHW } from '../runtime/executor';
import { bitsXor, fixtureKeys, readFixture, relL2, useBackend } from '../runtime/testing/fixtures.node';
import { hashInit, hashInput } from '../runtime/weights/hash-init';
import { gradCam } from './gradcam';
import { defaultCamLayer } from './layers';
import { saliency } from './saliency';

interface CamCase {
  layer: string;
  class: number;
  score: number;
  shape: [number, number];
  cam: number[];
  alpha_l2: number;
  alpha_sum: number;
  rel_l2_f32_vs_f64: number;
}
interface ModelCases {
  name: string;
  keys_from: string;
  top1: number;
  cases: CamCase[];
  saliency: { class: number; shape: [number, number]; map: number[]; rel_l2_f32_vs_f64: number };
}
interface GradCamFixture {
  input: { shape: [number, number, number, number]; checksum: { bits_xor: number } };
  models: ModelCases[];
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/gradcam.json', import.meta.url), 'utf8')) as GradCamFixture;

const GRAPHS: Record<string, () => Graph> = {
  resnext_small: () => parityResNeXtSmall(64),
  densenet_small: () => parityDenseNetSmall(64),
  shufflenet_v2_x0_5: () => buildGraph('shufflenet_v2_x0_5', { size: 64 }),
  mnasnet0_5: () => buildGraph('mnasnet0_5', { size: 64 }),
};

describe('the Grad-CAM fixture', () => {
  it('covers every family, with the default layer last', () => {
    expect(fixture.models.map((m) => m.name).sort()).toEqual(Object.keys(GRAPHS).sort());
    expect(bitsXor(hashInput(fixture.input.shape))).toBe(fixture.input.checksum.bits_xor);
    for (const m of fixture.models) {
      const graph = GRAPHS[m.name]();
      const last = m.cases[m.cases.length - 1].layer;
      expect(defaultCamLayer(graph), m.name).toBe(moduleOutput(graph, last)?.name);
    }
  });
});

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`Grad-CAM and saliency equal PyTorch's on ${backend}`, () => {
    // ResNeXt's grouped convs in the executor's default form and in the one the lab's explanations
    // use on wasm (request.ts gradientGroupConv).
    const runs = fixture.models.flatMap((m) => (m.name === 'resnext_small' ? [[m, 'default'] as const, [m, 'split'] as const] : [[m, 'default'] as const]));
    for (const [m, groupConv] of runs) {
      it(`${m.name}${groupConv === 'split' ? ' (grouped convs split)' : ''}`, async () => {
        await useBackend(backend);
        const graph = GRAPHS[m.name]();
        const keys = fixtureKeys(readFixture(new URL(`../../${m.keys_from}`, import.meta.url)));
        const model = Model.create(graph, hashInit(keys), groupConv === 'split' ? { groupConv: 'split' } : {});
        const x = inputFromNCHW(hashInput(fixture.input.shape), fixture.input.shape);
        const base = tf.memory().numTensors;
        for (const c of m.cases) {
          const layer = moduleOutput(graph, c.layer)?.name;
          expect(layer, c.layer).toBeDefined();
          const r = await gradCam(model, x, { layer: layer!, classIndex: c.class });
          expect([r.height, r.width]).toEqual(c.shape);
          const err = relL2(r.cam, c.cam);
          let a2 = 0;
          for (const v of r.alpha) a2 += v * v;
          console.log(
            `[gradcam-parity] ${backend} ${m.name}${groupConv === 'split' ? ' split' : ''} ${c.layer} (${layer}) class ${c.class}: ${c.shape.join('×')}, rel L2 ${err.toExponential(2)} (torch f32 vs f64 ${c.rel_l2_f32_vs_f64.toExponential(1)})`,
          );
          expect(err, `${c.layer} class ${c.class}`).toBeLessThanOrEqual(1e-4);
          expect(Math.abs(Math.sqrt(a2) - c.alpha_l2) / c.alpha_l2).toBeLessThan(1e-4);
          expect(Math.abs(r.score - c.score)).toBeLessThan(1e-4 * Math.max(1, Math.abs(c.score)));
        }
        const s = await saliency(model, x, m.saliency.class);
        expect([s.height, s.width]).toEqual(m.saliency.shape);
        const serr = relL2(s.map, m.saliency.map);
        console.log(
          `[gradcam-parity] ${backend} ${m.name}${groupConv === 'split' ? ' split' : ''} saliency class ${m.saliency.class}: rel L2 ${serr.toExponential(2)}`,
        );
        expect(serr).toBeLessThanOrEqual(1e-4);
        expect(tf.memory().numTensors).toBe(base);
        x.dispose();
        model.dispose();
      });
    }
  });
}
