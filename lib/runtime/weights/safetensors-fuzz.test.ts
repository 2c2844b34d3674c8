/**
 * The seeded safetensors fuzz (issue 12): 1,100 mutations of a real shufflenet_v2_x0_5
 * state_dict across ten classes, each with its verdict known by construction
 * (lib/runtime/testing/safetensors-fuzz.ts), fed to the parser and then to the lab's own load
 * path (RunSession.setWeights on wasm). Asserts: nothing but SafetensorsError escapes, no invalid
 * file is accepted and no valid one refused, every refusal is one line of ≤ 200 characters that
 * starts with its rule, misfits and NaN/Inf files are refused by the lab with short lines, and
 * the weights loaded before each refused file are untouched (same logits).
 * The same outcome table: `npx tsx scripts/fuzz-safetensors.ts`.
 */
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../arch';
import { RunSession } from '../../lab/session';
import { weightsErrorMessage } from '../../lab/weights-message';
import type { RgbaImage } from '../imagenet';
import { fuzzMutations } from '../testing/safetensors-fuzz';
import { type Outcome, formatTable, judge, messageProblems, tally } from '../testing/safetensors-fuzz-report';
import { readWeightsFile } from './read-weights';
import * as parser from './safetensors';
import { scanValues } from './value-scan';

function image(w: number, h: number): RgbaImage {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37) % 256;
  return { width: w, height: h, data };
}

describe('safetensors fuzz', () => {
  it('refuses every invalid file with one short line naming its rule, and the lab keeps its weights', { timeout: 120_000 }, async () => {
    const graph = buildGraph('shufflenet_v2_x0_5', { size: 64 });
    const { mutations } = fuzzMutations(graph, { seed: 1, perClass: 110 });

    const s = await RunSession.open('wasm');
    await s.setInput(image(64, 64));
    const previous = { kind: 'seeded', seed: 7 } as const;
    expect(await s.load(graph, previous)).toEqual({ ok: true });
    const baseline = Array.from((await s.run()).logits);
    const tensors = s.numTensors();

    const outcomes: Outcome[] = [];
    const wrong: string[] = [];
    let version = s.version;
    let valid = 0;
    let refused = 0;
    for (const m of mutations()) {
      const o = judge(parser, m, graph, (t) => scanValues(t, graph).length > 0);
      outcomes.push(o);
      const tag = `[${m.cls}] ${m.name} (${m.expect})`;
      if (o.verdict === 'crash') wrong.push(`${tag}: crashed: ${o.message}`);
      else if (m.expect === 'invalid' && o.verdict !== 'refused') wrong.push(`${tag}: accepted`);
      else if (m.expect !== 'invalid' && o.verdict !== 'accepted') wrong.push(`${tag}: refused: ${o.message}`);
      if (o.verdict === 'refused') {
        const p = messageProblems(o.message!, o.rule);
        if (p.length) wrong.push(`${tag}: message ${p.join(', ')}: ${o.message!.slice(0, 300)}`);
      }

      if (m.expect === 'valid') {
        // Valid files: the shared validated path must say yes; every 8th also loads in the session.
        const v = readWeightsFile(m.bytes, graph);
        if (!v.ok) wrong.push(`${tag}: refused by readWeightsFile: ${v.issues[0]?.message}`);
        if (valid++ % 8 === 0) {
          const r = await s.setWeights({ kind: 'file', name: 'fuzz.safetensors', blob: new Blob([m.bytes as Uint8Array<ArrayBuffer>]) });
          if (!r.ok) wrong.push(`${tag}: refused by the lab: ${r.issues[0]?.message}`);
          expect(await s.setWeights(previous)).toEqual({ ok: true });
          version = s.version;
        }
        continue;
      }

      // Every other file goes through the lab's path, as an upload, and must leave the weights alone.
      const r = await s.setWeights({ kind: 'file', name: 'fuzz.safetensors', blob: new Blob([m.bytes as Uint8Array<ArrayBuffer>]) });
      if (r.ok) {
        wrong.push(`${tag}: loaded by the lab`);
        expect(await s.setWeights(previous)).toEqual({ ok: true });
        version = s.version;
        continue;
      }
      if (m.expect === 'invalid' && !(r.issues.length === 1 && r.issues[0].kind === 'parse' && r.issues[0].rule === o.rule))
        wrong.push(`${tag}: lab issue ${r.issues[0]?.kind}`);
      if (m.expect === 'misfit' && (r.issues.length === 0 || r.issues.some((i) => i.kind === 'parse' || i.kind === 'values')))
        wrong.push(`${tag}: lab issue ${r.issues[0]?.kind}`);
      if (m.expect === 'values' && !(r.findings?.length && r.issues[0].kind === 'values')) wrong.push(`${tag}: values not reported`);
      // What the reader sees: a headline saying the previous weights stay, then short lines.
      const notice = weightsErrorMessage('fuzz.safetensors', graph.id, r.issues, 'seeded random, seed 7').split('\n');
      if (!notice[0].includes('The previous weights (seeded random, seed 7) stay loaded.')) wrong.push(`${tag}: notice does not say the weights stay`);
      const long = notice.find((l) => l.length > 200);
      if (long) wrong.push(`${tag}: notice line of ${long.length} chars: ${long.slice(0, 80)}`);
      // Nothing changed: same weights source, no model or weights change (version), same logits.
      if (s.version !== version || s.weights !== previous) wrong.push(`${tag}: the session changed`);
      if (++refused % 100 === 0) expect(Array.from((await s.run()).logits), tag).toEqual(baseline);
    }
    // The weights loaded before every refused file are still the ones in use, unchanged.
    expect(Array.from((await s.run()).logits)).toEqual(baseline);
    expect(s.numTensors()).toBe(tensors);
    s.dispose();

    console.log(formatTable(tally(outcomes)));
    expect(wrong.slice(0, 20)).toEqual([]);
    expect(outcomes.length).toBeGreaterThanOrEqual(1000);
    expect(valid).toBeGreaterThan(100);
    for (const r of tally(outcomes)) expect(r.files, r.cls).toBeGreaterThanOrEqual(100);
  });
});
