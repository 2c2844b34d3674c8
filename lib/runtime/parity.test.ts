/**
 * Numeric parity with PyTorch: the four shared fixtures, rebuilt from their hash formula and run
 * on the cpu and wasm backends, must match torchvision's logits to rel L2 <= 1e-4 and its stage
 * checkpoints (l2, sum, probe values in NCHW order).
 */
import { describe, expect, it } from 'vitest';
import { hashInit, hashInput } from './weights/hash-init';
import { bitsXor, fixtureKeys, readFixture, runParity, sumF64, useBackend } from './testing/fixtures.node';
import { testGraph } from './testing/models';
import { buildGraph, modelIdsFor, stateDictKeys } from '../arch';

const NAMES = ['densenet_small', 'resnext_small', 'shufflenet_v2_x0_5', 'mnasnet0_5'] as const;
const fixturePath = (n: string) => new URL(`./fixtures/parity/parity_${n}.json`, import.meta.url);

describe('hash formula is bit-exact with the fixtures', () => {
  for (const name of NAMES) {
    it(name, () => {
      const f = readFixture(fixturePath(name));
      const sd = hashInit(fixtureKeys(f));
      let checked = 0;
      for (const e of f.state_dict) {
        if (!e.checksum) continue;
        const t = sd.get(e.key);
        expect(t, e.key).toBeDefined();
        expect(bitsXor(t!.data), e.key).toBe(e.checksum.bits_xor);
        expect(sumF64(t!.data)).toBe(e.checksum.sum_f64_sequential);
        checked++;
      }
      expect(checked).toBeGreaterThan(10);
      const x = hashInput(f.input.shape);
      expect(bitsXor(x)).toBe(f.input.checksum!.bits_xor);
    });
  }
});

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`parity on ${backend}`, () => {
    for (const name of NAMES) {
      it(name, async () => {
        await useBackend(backend);
        const f = readFixture(fixturePath(name));
        const r = runParity(f, testGraph(name, f.input.shape[2]));
        console.log(
          `[parity] ${name} ${backend}: rel L2 fused ${r.relL2.toExponential(2)}, unfused ${r.unfusedRelL2.toExponential(2)}, max |d| ${r.maxAbs.toExponential(2)}`,
        );
        expect(r.relL2).toBeLessThanOrEqual(1e-4);
        expect(r.unfusedRelL2).toBeLessThanOrEqual(1e-4);
        expect(r.capturedRelL2).toBeLessThanOrEqual(1e-4);
        expect(r.argmax).toBe(f.output.argmax);
        for (const c of r.checkpoints) {
          expect(c.node, `checkpoint ${c.name} has a node`).not.toBeNull();
          expect(c.shapeOk, `checkpoint ${c.name} shape`).toBe(true);
          expect(c.relL2, `checkpoint ${c.name} l2`).toBeLessThan(1e-4);
          expect(c.sumErr, `checkpoint ${c.name} sum`).toBeLessThan(1e-4);
          expect(c.probeErr, `checkpoint ${c.name} probes`).toBeLessThan(1e-4);
        }
      });
    }
  });
}

/**
 * The registered digits models (lib/arch specs, 28x28x1) against scripts/py/digits_models.py
 * (torchvision's classes with the documented replacements), eval mode, hash-initialised weights:
 * logits-only fixtures from scripts/py/make_parity_fixture.py --logits-only. Every digits model
 * of the registry must have one.
 */
describe('digits models: parity with torchvision classes', () => {
  for (const id of modelIdsFor('digits')) {
    for (const backend of ['cpu', 'wasm'] as const) {
      it(`${id} on ${backend}`, async () => {
        await useBackend(backend);
        const f = readFixture(fixturePath(id));
        const graph = buildGraph(id);
        expect(f.input.shape).toEqual([1, ...graph.input]);
        expect(stateDictKeys(graph).map((e) => [e.key, [...e.shape]])).toEqual(f.state_dict.map((e) => [e.key, e.shape]));
        const sd = hashInit(fixtureKeys(f));
        for (const e of f.state_dict) if (e.checksum) expect(bitsXor(sd.get(e.key)!.data), e.key).toBe(e.checksum.bits_xor);
        expect(bitsXor(hashInput(f.input.shape))).toBe(f.input.checksum!.bits_xor);
        const r = runParity(f, graph);
        console.log(
          `[parity] ${id} ${backend}: rel L2 fused ${r.relL2.toExponential(2)}, unfused ${r.unfusedRelL2.toExponential(2)}, max |d| ${r.maxAbs.toExponential(2)}`,
        );
        expect(r.relL2).toBeLessThanOrEqual(1e-4);
        expect(r.unfusedRelL2).toBeLessThanOrEqual(1e-4);
        expect(r.argmax).toBe(f.output.argmax);
      });
    }
  }
});
