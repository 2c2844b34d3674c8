/**
 * Declared once: a URL parameter that sets an architecture knob takes its range, step, label and
 * doc from the knob's declaration in lib/arch (Family.knobSpecs); seed, backend and sample are one
 * declaration each, imported everywhere.
 */
import { describe, expect, it } from 'vitest';
import { DENSENET_KNOBS, getFamily, MODELS, modelKnobs, RESNEXT_KNOBS, type KnobSpec } from '@/lib/arch';
import { compareSchema } from '@/lib/compare/schema';
import { RUNTIME_PARAMS } from '@/lib/embed/schema';
import { SAMPLE_IDS, SAMPLE_PHOTOS } from '@/lib/lab/samples';
import { LAB_KNOB_PARAMS, labSchema } from '@/lib/models/lab-schema';
import { cardinalityGroupsSchema } from '@/lib/widgets/cardinality-groups/meta';
import { denseConnectivitySchema } from '@/lib/widgets/dense-connectivity/meta';
import { groupEquivalenceSchema } from '@/lib/widgets/group-equivalence/meta';
import { WIDGETS } from '@/lib/widgets/registry';
import { searchSpaceSchema } from '@/lib/widgets/search-space/meta';
import { BACKEND_PARAM, SEED_MAX, SEED_MIN } from './common-params';
import { intKnobP, itemKnobP, numKnobP } from './knob-params';
import type { Param } from './schema';

/** The parts of a parameter that must equal its knob's declaration. */
function declared(p: Param) {
  const range = p.kind === 'int' || p.kind === 'number' || p.kind === 'intList' ? { min: p.min, max: p.max } : {};
  return { doc: p.doc, ...range };
}

function fromSpec(s: KnobSpec) {
  const range = s.kind === 'int' || s.kind === 'number' || s.kind === 'intList' ? { min: s.min, max: s.max } : {};
  return { doc: s.doc, ...range };
}

describe('lab knob parameters derive from the knob declarations', () => {
  it.each(MODELS.map((m) => m.id))('%s: range, step, label and doc equal the declaration; default is the model’s', (id) => {
    const m = MODELS.find((x) => x.id === id)!;
    const schema = labSchema(id);
    const specs = getFamily(m.family).knobSpecs as Record<string, KnobSpec>;
    const knobs = modelKnobs(id) as Record<string, unknown>;
    for (const [url, knob] of Object.entries(LAB_KNOB_PARAMS[m.family])) {
      const p = schema[url];
      const spec = specs[knob];
      expect(spec, `${id} ${knob} is declared`).toBeDefined();
      expect(p.label).toBe(spec.label);
      if (spec.kind === 'code') {
        expect(p.kind).toBe('string');
        expect(p.doc).toBe(spec.doc);
        continue;
      }
      expect(p.kind).toBe(spec.kind);
      expect(declared(p)).toEqual(fromSpec(spec));
      if ((p.kind === 'int' || p.kind === 'number') && (spec.kind === 'int' || spec.kind === 'number')) expect(p.step).toBe(spec.step);
      if (p.kind === 'number' && spec.kind === 'number') expect(p.minExclusive).toBe(spec.minExclusive);
      if (p.kind === 'intList' && spec.kind === 'intList') expect([p.minLength, p.maxLength]).toEqual([spec.minLength, spec.maxLength]);
      expect(p.default).toEqual(knobs[knob]);
    }
  });

  it('keeps the URL ranges the lab always had', () => {
    const d = labSchema('densenet121');
    expect(d.k).toMatchObject({ kind: 'int', min: 1, max: 128, default: 32 });
    expect(d.init).toMatchObject({ kind: 'int', min: 1, max: 512, default: 64 });
    expect(d.theta).toMatchObject({ kind: 'number', min: 0, max: 1, minExclusive: true, default: 0.5 });
    const r = labSchema('resnext50_32x4d');
    expect(r.C).toMatchObject({ kind: 'int', min: 1, max: 256, default: 32 });
    expect(r.d).toMatchObject({ kind: 'int', min: 1, max: 512, default: 4 });
    const s = labSchema('shufflenet_v2_x1_0');
    expect(s.split).toMatchObject({ kind: 'number', min: 0.05, max: 0.95, step: 0.05 });
  });
});

describe('widget knob parameters narrow the declaration, with its doc', () => {
  it('dense-connectivity, cardinality-groups, group-equivalence, search-space', () => {
    const pairs: [Param, KnobSpec][] = [
      [denseConnectivitySchema.k, DENSENET_KNOBS.growthRate],
      [denseConnectivitySchema.k0, DENSENET_KNOBS.initFeatures],
      [denseConnectivitySchema.bottleneck, DENSENET_KNOBS.bottleneck],
      [denseConnectivitySchema.theta, DENSENET_KNOBS.compression],
      [cardinalityGroupsSchema.C, RESNEXT_KNOBS.cardinality],
      [cardinalityGroupsSchema.d, RESNEXT_KNOBS.widthPerGroup],
      [groupEquivalenceSchema.C, RESNEXT_KNOBS.cardinality],
      [groupEquivalenceSchema.d, RESNEXT_KNOBS.widthPerGroup],
    ];
    for (const [p, spec] of pairs) {
      expect(p.doc).toBe(spec.doc);
      if ((p.kind === 'int' || p.kind === 'number') && (spec.kind === 'int' || spec.kind === 'number')) {
        expect(p.min).toBeGreaterThanOrEqual(spec.min);
        expect(p.max).toBeLessThanOrEqual(spec.max);
      }
    }
    expect(denseConnectivitySchema.L.doc).toBe(DENSENET_KNOBS.blockConfig.itemDoc);
    expect(searchSpaceSchema.blocks.doc).toBe(labSchema('mnasnet1_0').blocks.doc);
    // The widgets' own limits, unchanged.
    expect([denseConnectivitySchema.L.max, denseConnectivitySchema.k.max, denseConnectivitySchema.k0.max]).toEqual([12, 64, 128]);
    expect([cardinalityGroupsSchema.C.max, cardinalityGroupsSchema.d.max, groupEquivalenceSchema.C.max, groupEquivalenceSchema.d.max]).toEqual([
      64, 128, 16, 16,
    ]);
  });

  it('refuses to widen a declaration or to start outside it', () => {
    expect(() => intKnobP(DENSENET_KNOBS.growthRate, 4, { max: 1000 })).toThrow(RangeError);
    expect(() => itemKnobP(DENSENET_KNOBS.blockConfig, 0)).toThrow(RangeError);
    expect(() => numKnobP(DENSENET_KNOBS.compression, 2)).toThrow(RangeError);
    expect(numKnobP(DENSENET_KNOBS.compression, 0.5)).toMatchObject({ min: 0, minExclusive: true, max: 1 });
  });
});

describe('seed, backend and sample are declared once', () => {
  const schemas: [string, Readonly<Record<string, Param>>][] = [
    ...WIDGETS.map((w): [string, Readonly<Record<string, Param>>] => [w.id, w.schema]),
    ['lab', labSchema('densenet121')],
    ['compare', compareSchema],
  ];

  it('every backend parameter is the one declaration', () => {
    const withBackend = schemas.filter(([, s]) => 'backend' in s);
    expect(withBackend.length).toBeGreaterThan(8);
    for (const [id, s] of withBackend) expect(s.backend, id).toBe(BACKEND_PARAM);
    expect(RUNTIME_PARAMS.backend).toBe(BACKEND_PARAM);
  });

  it('every seed parameter has the one range', () => {
    const withSeed = schemas.filter(([, s]) => 'seed' in s);
    expect(withSeed.length).toBeGreaterThan(6);
    for (const [id, s] of withSeed) expect(s.seed, id).toMatchObject({ kind: 'int', min: SEED_MIN, max: SEED_MAX });
    expect(RUNTIME_PARAMS.seed).toMatchObject({ min: SEED_MIN, max: SEED_MAX });
  });

  it('every photo picker offers the one list of sample photos', () => {
    expect(SAMPLE_IDS).toEqual(SAMPLE_PHOTOS.map((p) => p.id));
    const withSample = schemas.filter(([, s]) => 'sample' in s);
    expect(withSample.length).toBeGreaterThan(2);
    for (const [id, s] of withSample) expect(s.sample, id).toMatchObject({ kind: 'enum', values: SAMPLE_IDS, default: 'chelsea' });
  });
});
