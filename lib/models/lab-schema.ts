/**
 * The lab page's whole state, as URL parameters: one schema per model, whose defaults are that
 * model's own knobs. Knob parameters are short (`k`, `C`, `d`...) because they end up in links.
 */
import {
  MAX_SIZE,
  MIN_SIZE,
  MODEL_IDS,
  getFamily,
  getModel,
  modelKnobs,
  type Dataset,
  type FamilyId,
  type KnobInput,
  type KnobSpec,
  type MnasNetKnobs,
} from '@/lib/arch';
import { BACKEND_PARAM, seedParam } from '@/lib/url-state/common-params';
import { boolKnobP, intKnobP, intListKnobP, numKnobP } from '@/lib/url-state/knob-params';
import { enumP, intP, parseParams, stringP, toSearchParams, type Param, type Schema, type StateOf } from '@/lib/url-state/schema';
import { SAMPLE_IDS, sampleParam } from '@/lib/lab/samples';
import { digitParam } from '@/lib/lab/digits-input';
import { CELL_PARAM, CHANNEL_PARAM } from '@/lib/lab/cell-params';
import { TRAINED_KEY_MAX_LENGTH, TRAINED_KEY_PATTERN } from '@/lib/train/handoff';
import { urlSourcesFor } from '@/lib/weights/sources';
import { decodeMnasBlocks, mnasBlocksParam } from './mnas-code';
import { CAM_LAYER_PARAM, EXPLAIN_PARAMS } from '@/lib/widgets/lab-explain/meta';

/** The built-in photos (one list: lib/lab/samples.ts). */
export const SAMPLES = SAMPLE_IDS;
export const COLOR_MODES = ['macs', 'params', 'time', 'output'] as const;
/** Profiling at 224 on a slow device takes a while; the default is a quick, still telling size. */
export const PROFILE_SIZES = ['64', '112', '160', '224'] as const;
/** A digits model's own size and two larger ones (the digit resized), for the same FLOPs-vs-time question. */
export const DIGITS_PROFILE_SIZES = ['28', '56', '112'] as const;

function commonParams(defaultSize: number) {
  return {
    size: { ...intP(MIN_SIZE, MAX_SIZE, defaultSize, 'input size in pixels (square)'), label: 'Input size' },
    layer: stringP(/^[A-Za-z0-9_.:-]*$/, 'a layer name such as features.conv0', 200, '', 'the selected layer'),
    channel: CHANNEL_PARAM,
    cell: CELL_PARAM,
    open: stringP(/^[A-Za-z0-9_.:,-]*$/, 'comma-separated group ids', 4000, '', 'expanded groups of the graph'),
    color: enumP(COLOR_MODES, 'macs', 'what the graph colours nodes by'),
    backend: BACKEND_PARAM,
    sample: sampleParam(),
    seed: seedParam(),
    psize: enumP(PROFILE_SIZES, '112', 'input size of the per-layer profile'),
    // The Explain view (components/lab/Explain.tsx): its layer, method, class, opacity, SmoothGrad.
    cam: CAM_LAYER_PARAM,
    ...EXPLAIN_PARAMS,
    trained: stringP(
      TRAINED_KEY_PATTERN,
      'a key made by /train (such as mi3kq1x0-0a1b2c3d)',
      TRAINED_KEY_MAX_LENGTH,
      '',
      'weights trained on /train and stored in this browser (lib/train/handoff.ts), loaded instead of the random ones',
    ),
  } as const;
}

/**
 * What differs for a digits model (lib/data/digits): the input is a test digit (`digit`, an index
 * into the 2,000-image test split) rather than a photo (`sample` is then unused, and left at its
 * default), and profiles run at digit sizes.
 */
function datasetParams(dataset: Dataset): Schema {
  if (dataset !== 'digits') return {};
  return {
    digit: digitParam('the test digit shown to the model (index into the digits test split, 0–1999; a drawing on the digit pad replaces it)'),
    psize: enumP(DIGITS_PROFILE_SIZES, '28', 'input size of the per-layer profile (the digit is resized)'),
  };
}

/**
 * The URL name of each family knob in the lab (short: they end up in links), in panel order. Range,
 * step, label and doc of each come from the knob's declaration in lib/arch (Family.knobSpecs).
 */
export const LAB_KNOB_PARAMS = {
  densenet: { k: 'growthRate', blocks: 'blockConfig', init: 'initFeatures', bottleneck: 'bottleneck', bn: 'bnSize', theta: 'compression' },
  resnext: { C: 'cardinality', d: 'widthPerGroup', layers: 'layers' },
  shufflenet_v2: { repeats: 'stagesRepeats', channels: 'stagesOutChannels', split: 'splitRatio' },
  mnasnet: { alpha: 'alpha', blocks: 'blocks' },
} as const satisfies Record<FamilyId, Readonly<Record<string, string>>>;

function knobParam(spec: KnobSpec, value: unknown): Param {
  switch (spec.kind) {
    case 'int':
      return intKnobP(spec, value as number);
    case 'number':
      return numKnobP(spec, value as number);
    case 'bool':
      return boolKnobP(spec, value as boolean);
    case 'intList':
      return intListKnobP(spec, value as readonly number[]);
    case 'code':
      // The only structured knob: MnasNet's block choices, in mnas-code.ts's URL form.
      return mnasBlocksParam(value as MnasNetKnobs['blocks']);
  }
}

/** The knob parameters of a registered model (short names, its own knobs as defaults): the lab's, and /train's under a prefix. */
const knobParamsById = new Map<string, Schema>();
export function modelKnobParams(id: string): Schema {
  // A registered model's own knobs never change: built once (/train asks for them at every render).
  let s = knobParamsById.get(id);
  if (!s) {
    s = familyParams(getModel(id).family, modelKnobs(id));
    knobParamsById.set(id, s);
  }
  return s;
}

/**
 * The lab's query for knob values (short names; those equal to the model's own are left out), so
 * another page (/train's "Open in the model lab") links to the lab with the same network.
 */
export function labKnobQuery(id: string, knobState: Readonly<Record<string, unknown>>): string {
  return toSearchParams(modelKnobParams(id), knobState as StateOf<Schema>).toString();
}

/** Any knob query (a stored or hand-made one) in labKnobQuery's canonical form: unknown or bad values dropped. */
export function canonicalKnobQuery(id: string, query: string): string {
  return labKnobQuery(id, parseParams(modelKnobParams(id), new URLSearchParams(query)).state);
}

function familyParams(family: FamilyId, knobs: object): Schema {
  const specs = getFamily(family).knobSpecs as Readonly<Record<string, KnobSpec>>;
  const values = knobs as Readonly<Record<string, unknown>>;
  return Object.fromEntries(Object.entries(LAB_KNOB_PARAMS[family]).map(([url, knob]) => [url, knobParam(specs[knob], values[knob])]));
}

export type CommonState = StateOf<ReturnType<typeof commonParams>>;
/**
 * The common parameters, typed, plus the family's knob parameters (validated by the schema); a
 * digits model's `digit` too, and its `psize` is one of DIGITS_PROFILE_SIZES.
 */
export type LabState = Omit<CommonState, 'psize'> & { psize: string; digit?: number; weights: string } & Record<string, unknown>;

/** Family knob parameter names, for the knob panel (the rest are common to every lab). */
export function knobParamNames(id: string): string[] {
  return Object.keys(modelKnobParams(id));
}

/**
 * Which weights the runner uses (lib/weights/sources.ts): the model's default first (its shipped
 * trained weights for a digits model, else random), then the others it offers; `file` records
 * that the reader brings a .safetensors file (which no link can carry).
 */
function weightsParam(id: string): Param {
  const values = urlSourcesFor(id);
  const names: Record<string, string> = {
    trained: 'trained weights shipped with the site',
    imagenet: "the host's ImageNet weights",
    random: 'seeded random weights',
    file: 'a .safetensors file you choose',
  };
  return enumP(values, values[0], `the weights the model runs with: ${values.map((v) => `${v} (${names[v]})`).join(', ')}`);
}

export function labSchema(id: string): Schema {
  const m = getModel(id);
  return { ...commonParams(m.defaultSize), weights: weightsParam(id), ...datasetParams(m.dataset), ...familyParams(m.family, modelKnobs(id)) };
}

export function isModelId(id: string): boolean {
  return MODEL_IDS.includes(id);
}

/**
 * The knob overrides a lab state asks for, in lib/arch's terms; `error` when the URL form itself
 * is malformed (MnasNet's block code), which the page shows as a notice.
 */
export function knobOverrides(id: string, state: Readonly<Record<string, unknown>>): { knobs: KnobInput; error: string | null } {
  const family = getModel(id).family;
  const knobs: Record<string, unknown> = {};
  for (const [url, knob] of Object.entries(LAB_KNOB_PARAMS[family])) knobs[knob] = state[url];
  if (family !== 'mnasnet') return { knobs, error: null };
  const decoded = decodeMnasBlocks(String(state.blocks));
  return decoded.ok ? { knobs: { ...knobs, blocks: decoded.blocks }, error: null } : { knobs: { alpha: knobs.alpha }, error: decoded.error };
}
