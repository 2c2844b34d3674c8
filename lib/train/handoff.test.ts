import { describe, expect, it } from 'vitest';
import {
  MAX_TRAINED_ENTRIES,
  TRAINED_KEY_MAX_LENGTH,
  TRAINED_KEY_PATTERN,
  loadTrainedWeights,
  memoryStore,
  newKey,
  saveTrainedWeights,
  trainedLabHref,
} from './handoff';

describe('trained weights handoff', () => {
  it('keys match the lab parameter pattern and fit its length', () => {
    for (const [now, r] of [
      [0, 0],
      [Date.now(), 0.999999],
      [8.64e15, 0.5],
    ] as const) {
      const k = newKey(now, () => r);
      expect(k).toMatch(TRAINED_KEY_PATTERN);
      expect(k.length).toBeLessThanOrEqual(TRAINED_KEY_MAX_LENGTH);
    }
    expect(newKey(1, () => 0)).not.toBe(newKey(1, () => 0.5));
  });

  it('stores a copy and gives it back by key; unknown or malformed keys give null', async () => {
    const store = memoryStore();
    const bytes = Uint8Array.of(1, 2, 3);
    const key = await saveTrainedWeights({ modelId: 'resnet_digits', bytes, label: 'resnet_digits, 100 steps' }, store);
    bytes[0] = 99;
    const got = await loadTrainedWeights(key, store);
    expect(got).toMatchObject({ key, modelId: 'resnet_digits', label: 'resnet_digits, 100 steps' });
    expect([...got!.bytes]).toEqual([1, 2, 3]);
    expect(await loadTrainedWeights('abc-def', store)).toBeNull();
    expect(await loadTrainedWeights('<script>', store)).toBeNull();
    expect(trainedLabHref('resnet_digits', key)).toBe(`/models/resnet_digits?trained=${key}`);
  });

  it('records the knobs the weights were trained with; the lab link carries them; entries from before knobs are of the registered model', async () => {
    const store = memoryStore();
    const key = await saveTrainedWeights({ modelId: 'densenet_digits', knobs: 'k=24&blocks=6%2C6%2C6', bytes: Uint8Array.of(1), label: 'd' }, store);
    expect((await loadTrainedWeights(key, store))?.knobs).toBe('k=24&blocks=6%2C6%2C6');
    expect(trainedLabHref('densenet_digits', key, 'k=24&blocks=6%2C6%2C6')).toBe(`/models/densenet_digits?trained=${key}&k=24&blocks=6%2C6%2C6`);
    expect((await loadTrainedWeights(await saveTrainedWeights({ modelId: 'm', bytes: Uint8Array.of(1), label: '' }, store), store))?.knobs).toBe('');
    const old = 'm00000-00000000';
    await store.put({ key: old, modelId: 'm', label: '', bytes: Uint8Array.of(1), savedAt: 0 } as unknown as Parameters<typeof store.put>[0]);
    expect((await loadTrainedWeights(old, store))?.knobs).toBe('');
  });

  it('keeps only the newest entries', async () => {
    const store = memoryStore();
    const keys: string[] = [];
    for (let i = 0; i < MAX_TRAINED_ENTRIES + 3; i++) {
      keys.push(await saveTrainedWeights({ modelId: 'm', bytes: Uint8Array.of(i), label: `${i}` }, store));
      await new Promise((r) => setTimeout(r, 2));
    }
    expect((await store.keys()).length).toBe(MAX_TRAINED_ENTRIES);
    expect(await loadTrainedWeights(keys[0], store)).toBeNull();
    expect((await loadTrainedWeights(keys.at(-1)!, store))?.label).toBe(`${MAX_TRAINED_ENTRIES + 2}`);
  });

  it('refuses empty weights', async () => {
    await expect(saveTrainedWeights({ modelId: 'm', bytes: new Uint8Array(0), label: '' }, memoryStore())).rejects.toThrow(/0 bytes/);
  });

  it('without IndexedDB (Node) the default store still round-trips within the page', async () => {
    const key = await saveTrainedWeights({ modelId: 'densenet_digits', bytes: Uint8Array.of(7), label: 'x' });
    expect((await loadTrainedWeights(key))?.modelId).toBe('densenet_digits');
  });
});
