/**
 * Full-size torchvision models at 64x64 against fixtures made by scripts/py/make_parity_fixture.py
 * (ResNeXt-50 32x4d with every grouped-conv strategy, DenseNet-121), on wasm (cpu would be slow).
 */
import { describe, expect, it } from 'vitest';
import { buildGraph, stateDictKeys } from '../arch';
import { GROUP_CONV_STRATEGIES } from './groupconv';
import { bitsXor, fixtureKeys, readFixture, runParity, useBackend } from './testing/fixtures.node';
import { hashInit, hashInput } from './weights/hash-init';

const fixture = (n: string) => readFixture(new URL(`./fixtures/parity/parity_${n}.json`, import.meta.url));

describe('full-size parity on wasm', () => {
  it('fixture formula checksums (numpy == JS)', () => {
    for (const n of ['resnext50_32x4d', 'densenet121']) {
      const f = fixture(n);
      const sd = hashInit(fixtureKeys(f));
      for (const e of f.state_dict) if (e.checksum) expect(bitsXor(sd.get(e.key)!.data), e.key).toBe(e.checksum.bits_xor);
      expect(bitsXor(hashInput(f.input.shape))).toBe(f.input.checksum!.bits_xor);
    }
  });

  for (const strategy of GROUP_CONV_STRATEGIES) {
    it(`resnext50_32x4d, grouped conv = ${strategy}`, async () => {
      await useBackend('wasm');
      const f = fixture('resnext50_32x4d');
      const graph = buildGraph('resnext50_32x4d', { size: 64 });
      expect(stateDictKeys(graph).map((e) => e.key)).toEqual(f.state_dict.map((e) => e.key));
      const r = runParity(f, graph, { groupConv: strategy });
      console.log(`[full-parity] resnext50_32x4d wasm ${strategy}: rel L2 fused ${r.relL2.toExponential(2)}, unfused ${r.unfusedRelL2.toExponential(2)}`);
      expect(r.relL2).toBeLessThanOrEqual(1e-4);
      expect(r.unfusedRelL2).toBeLessThanOrEqual(1e-4);
      expect(r.capturedRelL2).toBeLessThanOrEqual(1e-4);
      expect(r.argmax).toBe(f.output.argmax);
      for (const c of r.checkpoints) {
        expect(c.shapeOk, c.name).toBe(true);
        expect(c.relL2, c.name).toBeLessThan(1e-4);
      }
    });
  }

  it('densenet121', async () => {
    await useBackend('wasm');
    const f = fixture('densenet121');
    const graph = buildGraph('densenet121', { size: 64 });
    expect(stateDictKeys(graph).map((e) => e.key)).toEqual(f.state_dict.map((e) => e.key));
    const r = runParity(f, graph);
    console.log(`[full-parity] densenet121 wasm: rel L2 fused ${r.relL2.toExponential(2)}, unfused ${r.unfusedRelL2.toExponential(2)}`);
    expect(r.relL2).toBeLessThanOrEqual(1e-4);
    expect(r.unfusedRelL2).toBeLessThanOrEqual(1e-4);
    expect(r.capturedRelL2).toBeLessThanOrEqual(1e-4);
    expect(r.argmax).toBe(f.output.argmax);
    for (const c of r.checkpoints) {
      expect(c.shapeOk, c.name).toBe(true);
      expect(c.relL2, c.name).toBeLessThan(1e-4);
      expect(c.probeErr, c.name).toBeLessThan(1e-4);
    }
  });
});
