import { describe, expect, it } from 'vitest';
import { buildGraph } from '@/lib/arch';
import { layoutGraph, visibleGraph, type GraphLayout } from '@/lib/graph';
import { ariaLabelOf, frameLabelOf, glyphText } from './card-data';
import { drawnFrameText, drawnGlyphText } from './glyph-text';

/**
 * axe-core 4.14's label-content-name-mismatch, as in its source (isLabelContainedInName /
 * curateTokens): NFKD, parentheticals dropped, every character that is not a letter or a digit
 * made a space, words split by Intl.Segmenter; the visible words must be one contiguous run of the
 * name's words. The e2e (e2e/a11y.spec.ts) runs axe itself on the built pages.
 */
const tokens = (s: string): string[] => {
  let t = s.toLowerCase().normalize('NFKD');
  for (let prev = ''; prev !== t;) [prev, t] = [t, t.replace(/\([^()]*\)/g, '')];
  t = t.replace(/[^\p{L}\p{N}]/gu, ' ');
  return [...new Intl.Segmenter(undefined, { granularity: 'word' }).segment(t)].map((w) => w.segment.trim()).filter(Boolean);
};
const labelInName = (visible: string, name: string): boolean => {
  const v = tokens(visible);
  const n = tokens(name);
  return n.some((_, i) => i + v.length <= n.length && v.every((w, j) => n[i + j] === w));
};

/** Every item's and frame header's visible text, as axe reads it (text nodes run together), with its name. */
function pairs(layout: GraphLayout): { visible: string; name: string }[] {
  const items = layout.items.map((p) => {
    const d = drawnGlyphText(p);
    return { visible: [d.title, d.sub].filter(Boolean).join(' '), name: ariaLabelOf(p.item, d) };
  });
  const frames = layout.frames.map((f) => {
    const d = drawnFrameText(f);
    const g = f.frame.group;
    return { visible: [d.label, d.macs].filter(Boolean).join(' '), name: frameLabelOf(g.label, f.frame.id, f.frame.cost.macs, f.frame.nodeCount, d.label) };
  });
  return [...items, ...frames];
}

describe('glyph text and accessible names', () => {
  const mnasnet = layoutGraph(visibleGraph(buildGraph('mnasnet0_5'), new Set()));

  it("starts a shortened card's name with exactly what the card draws, then says it in full", () => {
    const p = mnasnet.items.find((i) => i.item.type === 'group' && glyphText(i.item).title.startsWith('Block 2:'))!;
    const drawn = drawnGlyphText(p);
    // Collapsed MnasNet blocks have an expand-all button, which leaves room for 23 characters.
    expect(drawn.title).toBe('Block 2: mbconv3 3x3…');
    expect(glyphText(p.item).title).toBe('Block 2: mbconv3 3x3 ×3, 16 ch');
    const name = ariaLabelOf(p.item, drawn);
    expect(name.startsWith(`Block 2: mbconv3 3x3…, ${drawn.sub}; in full: Block 2: mbconv3 3x3 ×3, 16 ch (`)).toBe(true);
    expect(name).toBe(`${drawn.title}, ${drawn.sub}; in full: ${ariaLabelOf(p.item)}`);
    // What went wrong before: the full name has the cut words between the title and the MACs.
    expect(labelInName(`${drawn.title} ${drawn.sub}`, ariaLabelOf(p.item))).toBe(false);
    expect(labelInName(`${drawn.title} ${drawn.sub}`, name)).toBe(true);
  });

  it('keeps the plain name when nothing is shortened', () => {
    const stem = mnasnet.items.find((i) => i.item.type === 'group' && glyphText(i.item).title === 'Stem')!;
    expect(drawnGlyphText(stem)).toEqual(glyphText(stem.item));
    expect(ariaLabelOf(stem.item, drawnGlyphText(stem))).toBe(ariaLabelOf(stem.item));
  });

  it.each([
    ['mnasnet0_5', []],
    ['mnasnet0_5', ['layers', 'layers.9', 'layers.9.0', 'layers.9.0.layers']],
    ['densenet121', ['features', 'features.denseblock1', 'features.denseblock1.denselayer1']],
    ['shufflenet_v2_x1_0', ['stem', 'stage2', 'stage2.0', 'stage2.0.branch1', 'stage2.0.branch2']],
    ['resnext50_32x4d', ['layer1', 'layer1.0']],
  ] as const)('%s open at %j: every visible label is in its name, as axe checks it', (id, open) => {
    const layout = layoutGraph(visibleGraph(buildGraph(id), new Set(open)));
    const all = pairs(layout);
    expect(all.length).toBeGreaterThan(5);
    expect(all.filter((x) => !labelInName(x.visible, x.name))).toEqual([]);
  });
});
