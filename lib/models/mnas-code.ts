/**
 * A compact, readable URL form of MnasNet block choices: one block per `_`-separated item,
 * `op:kernel:se:skip:mult:layers`, e.g. `mbconv6:5:0.25:id:1:3`.
 */
import {
  MNAS_CONV_OPS,
  MNAS_FILTER_MULTS,
  MNAS_KERNELS,
  MNAS_MAX_LAYERS,
  MNAS_NUM_BLOCKS,
  MNAS_SE_RATIOS,
  MNASNET_KNOBS,
  type MnasBlockChoice,
} from '@/lib/arch';
import { stringP, type StringParam } from '@/lib/url-state/schema';

export function encodeMnasBlocks(blocks: readonly MnasBlockChoice[]): string {
  return blocks.map((b) => [b.op, b.kernel, b.se, b.skip === 'identity' ? 'id' : 'none', b.filterMult, b.layers].join(':')).join('_');
}

/** Parses the URL form; returns an error message naming the bad block and field instead of throwing. */
export function decodeMnasBlocks(code: string): { ok: true; blocks: MnasBlockChoice[] } | { ok: false; error: string } {
  const items = code.split('_');
  if (items.length !== MNAS_NUM_BLOCKS) return { ok: false, error: `expected ${MNAS_NUM_BLOCKS} blocks separated by "_", found ${items.length}` };
  const blocks: MnasBlockChoice[] = [];
  for (const [i, item] of items.entries()) {
    const f = item.split(':');
    const where = `block ${i + 1}`;
    if (f.length !== 6) return { ok: false, error: `${where}: expected op:kernel:se:skip:mult:layers, found "${item}"` };
    const [op, kernel, se, skip, mult, layers] = f;
    if (!(MNAS_CONV_OPS as readonly string[]).includes(op)) return { ok: false, error: `${where}: op must be one of ${MNAS_CONV_OPS.join(', ')}` };
    const k = Number(kernel);
    if (!(MNAS_KERNELS as readonly number[]).includes(k)) return { ok: false, error: `${where}: kernel must be 3 or 5` };
    const s = Number(se);
    if (!(MNAS_SE_RATIOS as readonly number[]).includes(s)) return { ok: false, error: `${where}: se must be 0 or 0.25` };
    if (skip !== 'id' && skip !== 'none') return { ok: false, error: `${where}: skip must be id or none` };
    const m = Number(mult);
    if (!(MNAS_FILTER_MULTS as readonly number[]).includes(m)) return { ok: false, error: `${where}: mult must be one of ${MNAS_FILTER_MULTS.join(', ')}` };
    const l = Number(layers);
    if (!Number.isInteger(l) || l < 1 || l > MNAS_MAX_LAYERS)
      return { ok: false, error: `${where}: layers must be a whole number from 1 to ${MNAS_MAX_LAYERS}` };
    blocks.push({
      op: op as MnasBlockChoice['op'],
      kernel: k as MnasBlockChoice['kernel'],
      se: s as MnasBlockChoice['se'],
      skip: skip === 'id' ? 'identity' : 'none',
      filterMult: m as MnasBlockChoice['filterMult'],
      layers: l,
    });
  }
  return { ok: true, blocks };
}

/**
 * The URL parameter of MnasNet's `blocks` knob in this form, for the lab and the search-space
 * explorer alike: doc and label from the knob's declaration (MNASNET_KNOBS.blocks).
 */
export function mnasBlocksParam(blocks: readonly MnasBlockChoice[]): StringParam {
  const spec = MNASNET_KNOBS.blocks;
  return {
    ...stringP(/^[a-z0-9.:_]+$/, 'seven op:kernel:se:skip:mult:layers items joined by "_"', 400, encodeMnasBlocks(blocks), spec.doc),
    label: spec.label,
  };
}
