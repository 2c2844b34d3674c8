/**
 * The same PyTorch parity check on the graphs lib/arch builds (the site's real models), so the
 * runtime and the architecture specs are proven together: key order == torchvision's state_dict
 * order, and logits / checkpoints match the fixtures.
 */
import { describe, expect, it } from 'vitest';
import { buildGraph, parityDenseNetSmall, parityResNeXtSmall, stateDictKeys } from '../arch';
import type { Graph } from '../arch/ir';
import { readFixture, runParity, useBackend } from './testing/fixtures.node';

const GRAPHS: Record<string, () => Graph> = {
  densenet_small: () => parityDenseNetSmall(64),
  resnext_small: () => parityResNeXtSmall(64),
  shufflenet_v2_x0_5: () => buildGraph('shufflenet_v2_x0_5', { size: 64 }),
  mnasnet0_5: () => buildGraph('mnasnet0_5', { size: 64 }),
};

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`lib/arch graphs match PyTorch on ${backend}`, () => {
    for (const [name, build] of Object.entries(GRAPHS)) {
      it(name, async () => {
        await useBackend(backend);
        const f = readFixture(new URL(`./fixtures/parity/parity_${name}.json`, import.meta.url));
        const graph = build();
        expect(stateDictKeys(graph).map((e) => e.key)).toEqual(f.state_dict.map((e) => e.key));
        const r = runParity(f, graph);
        console.log(`[arch-parity] ${name} ${backend}: rel L2 fused ${r.relL2.toExponential(2)}, unfused ${r.unfusedRelL2.toExponential(2)}`);
        expect(r.relL2).toBeLessThanOrEqual(1e-4);
        expect(r.unfusedRelL2).toBeLessThanOrEqual(1e-4);
        expect(r.capturedRelL2).toBeLessThanOrEqual(1e-4);
        for (const c of r.checkpoints) {
          expect(c.shapeOk, `checkpoint ${c.name} -> ${c.node}`).toBe(true);
          expect(c.relL2, `checkpoint ${c.name} l2`).toBeLessThan(1e-4);
          expect(c.probeErr, `checkpoint ${c.name} probes`).toBeLessThan(1e-4);
        }
      });
    }
  });
}
