/**
 * The shipped digits weights (public/weights/digits/, `npm run weights:digits`): one per digits
 * model, each file matching its index entry (bytes, SHA-256), each record valid, and each model's
 * test accuracy, measured here from its shipped file through the fused inference path on wasm, at
 * least 97% (issue 14) and equal to what its record states. Then the browser loader: progress, cancel, the once-per-page
 * cache, and a clear refusal for a missing, truncated or altered file.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { buildGraph, modelIdsFor } from '../arch';
import { loadDigitsNode } from '../data/digits/node';
import { isCancelled } from '../runtime/cancel';
import { useBackend } from '../runtime/testing/fixtures.node';
import { evaluateStateDict } from '../train/evaluate';
import { recordIssues } from './digits-record';
import { loadShippedDigitsNode, shippedDigitsFile } from './node';
import { SHIPPED_DIGITS, SHIPPED_DIGITS_IDS, ShippedWeightsError, loadShippedDigits, shippedDigitsBytes } from './shipped-digits';

const rows: Record<string, string | number>[] = [];
afterAll(() => rows.length && console.table(rows));

describe('the shipped digits weights', () => {
  it('ship for every digits model (the ids `arch list --dataset digits` prints)', () => {
    expect([...SHIPPED_DIGITS_IDS].sort()).toEqual([...modelIdsFor('digits')].sort());
  });

  for (const id of modelIdsFor('digits')) {
    it(`${id}: the file matches the index (bytes, SHA-256); the record is valid; at most 2 MB`, () => {
      const e = SHIPPED_DIGITS[id];
      const json: unknown = JSON.parse(readFileSync(new URL(`../../public/weights/digits/${id}.json`, import.meta.url), 'utf8'));
      expect(recordIssues(json, id)).toEqual([]);
      const bytes = readFileSync(shippedDigitsFile(id) as string);
      expect(bytes.length).toBe(e.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(e.sha256);
      expect(e.path).toBe(`/weights/digits/${id}.safetensors`);
      expect(e.bytes).toBeLessThanOrEqual(2_000_000);
      expect(e.record.command).toBe(
        `npm run -s arch -- train ${id} --dataset digits ${e.record.command.split(' --dataset digits ')[1].split(' --out ')[0]} --out public/weights/digits/${id}.safetensors`,
      );
    });
  }

  it(
    'each model’s test accuracy from its shipped file, through the fused inference path on wasm, is ≥ 97% and the one its record states',
    { timeout: 300_000 },
    async () => {
      await useBackend('wasm');
      const { test } = loadDigitsNode();
      const baseline = tf.memory().numTensors;
      for (const id of modelIdsFor('digits')) {
        const t0 = performance.now();
        const cpu0 = process.cpuUsage();
        const sd = await loadShippedDigitsNode(id);
        const r = await evaluateStateDict(buildGraph(id), sd, test, { batchSize: 250 });
        const ms = Math.round(performance.now() - t0);
        const cpu = process.cpuUsage(cpu0);
        const rec = SHIPPED_DIGITS[id].record;
        // Wall time depends on what else the machine runs; the process's own CPU time much less.
        rows.push({
          id,
          accuracy: r.accuracy,
          'record says': rec.test.accuracy,
          steps: rec.training.steps,
          'wall ms': ms,
          'cpu ms': Math.round((cpu.user + cpu.system) / 1000),
        });
        expect(r.n).toBe(2000);
        expect(r.accuracy, id).toBeGreaterThanOrEqual(0.97);
        expect(rec.provisional, id).toBeUndefined();
        expect(r.accuracy, id).toBe(rec.test.accuracy);
        expect(r.confusion, id).toEqual(rec.test.confusion);
      }
      expect(tf.memory().numTensors).toBe(baseline);
    },
  );
});

describe('loadShippedDigits (browser): download, progress, cancel, verification', () => {
  const id = 'shufflenet_v2_digits';
  const file = readFileSync(shippedDigitsFile(id) as string);
  afterEach(() => vi.unstubAllGlobals());

  /** fetch answering with `body` in 64 kB chunks (or `status`), counting calls. */
  function serve(body: Uint8Array, status = 200) {
    const calls: string[] = [];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      calls.push(url);
      if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
      if (status !== 200) return new Response('nope', { status });
      let o = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(c) {
          if (o >= body.length) return c.close();
          c.enqueue(body.slice(o, o + 65_536));
          o += 65_536;
        },
      });
      return new Response(stream, { status: 200 });
    });
    return calls;
  }

  it('reports progress up to the file’s size, gives a state dict that fits the model, and downloads once per page', async () => {
    const calls = serve(new Uint8Array(file));
    const seen: number[] = [];
    const sd = await loadShippedDigits(id, { baseUrl: 'http://site', onProgress: (p) => seen.push(p.loaded / (p.total as number)) });
    expect(calls).toEqual([`http://site/weights/digits/${id}.safetensors`]);
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.at(-1)).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(sd.get('conv1.0.weight')?.shape).toEqual([24, 1, 3, 3]);
    await loadShippedDigits(id, { baseUrl: 'http://site' });
    expect(calls.length).toBe(1);
  });

  it('refuses an altered file (SHA-256), a truncated one (size), a missing one (HTTP 404), in one sentence each; nothing is kept', async () => {
    const altered = new Uint8Array(file);
    altered[altered.length - 5] ^= 0xff;
    const cases: [Uint8Array, number, ShippedWeightsError['reason'], RegExp][] = [
      [
        altered,
        200,
        'hash',
        /^The trained weights of shufflenet_v2_digits \(\/weights\/digits\/shufflenet_v2_digits\.safetensors\) do not match their SHA-256 \(the file hashes to [0-9a-f]{12}…, the index lists [0-9a-f]{12}…\): the file is corrupt or was replaced\.$/,
      ],
      [
        new Uint8Array(file.subarray(0, 1000)),
        200,
        'size',
        /arrived with 1,000 bytes, not the [\d,]+ the index lists: the download was cut short or the file was replaced\.$/,
      ],
      [
        new Uint8Array(0),
        404,
        'http',
        /^The trained weights of shufflenet_v2_digits could not be downloaded: http:\/\/bad\d\/weights\/digits\/shufflenet_v2_digits\.safetensors answered HTTP 404 \(not found\)\.$/,
      ],
    ];
    let k = 0;
    for (const [body, status, reason, message] of cases) {
      const base = `http://bad${k++}`;
      const calls = serve(body, status);
      const e = await loadShippedDigits(id, { baseUrl: base }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ShippedWeightsError);
      expect((e as ShippedWeightsError).reason).toBe(reason);
      expect((e as Error).message).toMatch(message);
      // A failure is not cached: the next call tries again.
      await loadShippedDigits(id, { baseUrl: base }).catch(() => undefined);
      expect(calls.length).toBe(2);
    }
  });

  it('stops with a CancelledError when the signal fires mid-download', async () => {
    serve(new Uint8Array(file));
    const ac = new AbortController();
    const e = await shippedDigitsBytes(id, {
      baseUrl: 'http://cancel',
      signal: ac.signal,
      onProgress: (p) => p.loaded > 100_000 && ac.abort(),
    }).catch((x: unknown) => x);
    expect(isCancelled(e)).toBe(true);
  });

  it('names the shipped models when asked for one that has none', async () => {
    await expect(loadShippedDigits('resnet50')).rejects.toThrow(/^No trained weights ship for "resnet50"; shipped: densenet_digits, /);
  });
});
