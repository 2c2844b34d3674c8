/**
 * The lab page's whole state, as URL parameters: one schema per model, whose defaults are that
 * model's own knobs. Knob parameters are short (`k`, `C`, `d`...) because they end up in links.
 */
import { MODEL_IDS, getModel, modelKnobs, type DenseNetKnobs, type FamilyId, type KnobInput, type MnasNetKnobs, type ResNeXtKnobs, type ShuffleNetV2Knobs } from '@/lib/arch';
import { BACKEND_ORDER } from '@/lib/runtime/backend-names';
import { boolP, enumP, intListP, intP, numP, stringP, type Schema, type StateOf } from '@/lib/url-state/schema';
import { decodeMnasBlocks, encodeMnasBlocks } from './mnas-code';

export const SAMPLES = ['chelsea', 'coffee', 'astronaut', 'rocket'] as const;
export const COLOR_MODES = ['macs', 'params', 'time', 'output'] as const;
/** Profiling at 224 on a slow device takes a while; the default is a quick, still telling size. */
export const PROFILE_SIZES = ['64', '112', '160', '224'] as const;

function commonParams(defaultSize: number) {
  return {
    size: intP(32, 512, defaultSize, 'input size in pixels (square)'),
    layer: stringP(/^[A-Za-z0-9_.:-]*$/, 'a layer name such as features.conv0', 200, '', 'the selected layer'),
    open: stringP(/^[A-Za-z0-9_.:,-]*$/, 'comma-separated group ids', 4000, '', 'expanded groups of the graph'),
    color: enumP(COLOR_MODES, 'macs', 'what the graph colours nodes by'),
    backend: enumP(['auto', ...BACKEND_ORDER] as const, 'auto', 'TensorFlow.js backend'),
    sample: enumP(SAMPLES, 'chelsea', 'built-in input photo'),
    seed: intP(0, 2 ** 31 - 1, 0, 'seed of the random weights'),
    psize: enumP(PROFILE_SIZES, '112', 'input size of the per-layer profile'),
  } as const;
}

function familyParams(family: FamilyId, knobs: object): Schema {
  switch (family) {
    case 'densenet': {
      const k = knobs as DenseNetKnobs;
      return {
        k: intP(1, 128, k.growthRate, 'growth rate k: channels each dense layer adds'),
        blocks: intListP(1, 64, 1, 6, k.blockConfig, 'layers per dense block'),
        init: intP(1, 512, k.initFeatures, 'channels after the stem (k0 of the first block)'),
        bottleneck: boolP(k.bottleneck, 'DenseNet-B: 1×1 bottleneck to 4k channels before each 3×3 conv'),
        theta: numP(0, 1, k.compression, 'compression θ of the transition layers', true),
      };
    }
    case 'resnext': {
      const k = knobs as ResNeXtKnobs;
      return {
        C: intP(1, 256, k.cardinality, 'cardinality C: groups of the 3×3 conv'),
        d: intP(1, 512, k.widthPerGroup, 'bottleneck width d: channels per group in stage 1'),
        layers: intListP(1, 64, 4, 4, k.layers, 'blocks per stage'),
      };
    }
    case 'shufflenet_v2': {
      const k = knobs as ShuffleNetV2Knobs;
      return {
        repeats: intListP(1, 32, 3, 3, k.stagesRepeats, 'units in stages 2, 3 and 4'),
        channels: intListP(1, 4096, 5, 5, k.stagesOutChannels, 'output channels of conv1, stages 2–4 and conv5'),
        split: numP(0.05, 0.95, k.splitRatio, 'fraction of channels on the identity branch (c′/c)'),
      };
    }
    case 'mnasnet': {
      const k = knobs as MnasNetKnobs;
      return {
        alpha: numP(0, 3, k.alpha, 'width multiplier α', true),
        blocks: stringP(/^[a-z0-9.:_]*$/, 'seven op:kernel:se:skip:mult:layers items joined by _', 400, encodeMnasBlocks(k.blocks), 'the 7 block choices'),
      };
    }
  }
}

export type CommonState = StateOf<ReturnType<typeof commonParams>>;
/** The common parameters, typed, plus the family's knob parameters (validated by the schema). */
export type LabState = CommonState & Record<string, unknown>;

/** Family knob parameter names, for the knob panel (the rest are common to every lab). */
export function knobParamNames(id: string): string[] {
  const m = getModel(id);
  return Object.keys(familyParams(m.family, modelKnobs(id)));
}

export function labSchema(id: string): Schema {
  const m = getModel(id);
  return { ...commonParams(m.defaultSize), ...familyParams(m.family, modelKnobs(id)) };
}

export function isModelId(id: string): boolean {
  return MODEL_IDS.includes(id);
}

/**
 * The knob overrides a lab state asks for, in lib/arch's terms; `error` when the URL form itself
 * is malformed (MnasNet's block code), which the page shows as a notice.
 */
export function knobOverrides(id: string, state: Readonly<Record<string, unknown>>): { knobs: KnobInput; error: string | null } {
  const s = state as Record<string, never>;
  switch (getModel(id).family) {
    case 'densenet':
      return { knobs: { growthRate: s.k, blockConfig: s.blocks, initFeatures: s.init, bottleneck: s.bottleneck, compression: s.theta }, error: null };
    case 'resnext':
      return { knobs: { cardinality: s.C, widthPerGroup: s.d, layers: s.layers }, error: null };
    case 'shufflenet_v2':
      return { knobs: { stagesRepeats: s.repeats, stagesOutChannels: s.channels, splitRatio: s.split }, error: null };
    case 'mnasnet': {
      const decoded = decodeMnasBlocks(s.blocks);
      return decoded.ok ? { knobs: { alpha: s.alpha, blocks: decoded.blocks }, error: null } : { knobs: { alpha: s.alpha }, error: decoded.error };
    }
  }
}
