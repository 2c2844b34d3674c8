/**
 * The micro-benchmarks behind ShuffleNet v2's four guidelines (Ma et al., ECCV 2018,
 * arXiv:1807.11164, Sec. 2, Tables 1-4), as pure data: the paper's channel settings and speeds,
 * and a builder that turns each row into an ir.ts Graph (built with lib/arch's GraphBuilder, so
 * MACs and parameters come from the same cost model as every other number on the site).
 *
 * Every benchmark stacks a block 10 times on a 56×56 feature map: the input size the captions of
 * Tables 1-3 state ("Input image size is 56 × 56"). Table 4's caption states none; the lab uses
 * 56×56 for G4 as well, and says so (`paperSize`). The paper measured a GTX 1080Ti
 * (cuDNN 7.0, "GPU", batches per second) and one thread of a Snapdragon 810 ("ARM", images per
 * second; Tables 2-4 label that column "CPU"). Its channel settings differ per platform, so
 * each row has both, and three widths (×1/×2/×4 in Tables 1-2, three values of c in Tables 3-4).
 *
 * What the paper leaves open and how it is read here:
 * - No BatchNorm, bias or activation in G1-G3 (the guidelines are about the convolutions);
 *   G4 is the only benchmark with ReLUs.
 * - G2, ARM ×1, g = 8: the paper's c = 180 is not divisible by 8; c is rounded to the nearest
 *   multiple of g (184), 3% more FLOPs than the g = 1 row.
 * - G3: the block drawings are in the paper's appendix. Series blocks run n 1×1 convolutions of
 *   round(c/√n) channels (so n·c′² ≈ c²); parallel blocks run n 1×1 convolutions side by side on
 *   the whole c-channel input, each producing c/n channels, and concatenate them (FLOPs c², equal
 *   to the 1-fragment block by construction).
 * - G4: a ResNet bottleneck with c input/output channels and c/4 in the middle (1×1, 3×3, 1×1),
 *   a ReLU after each convolution (the last one after the shortcut add), as in ResNet.
 * No tfjs here: the measurements are in ./run.ts.
 */
import { GraphBuilder } from '@/lib/arch/builder';
import { INPUT, type Graph } from '@/lib/arch/ir';

export const GUIDELINE_IDS = ['g1', 'g2', 'g3', 'g4'] as const;
export type GuidelineId = (typeof GUIDELINE_IDS)[number];
export const PLATFORMS = ['gpu', 'arm'] as const;
export type Platform = (typeof PLATFORMS)[number];
/** Index of the paper's width column: 0, 1, 2 (×1, ×2, ×4 or the three values of c). */
export type WidthIndex = 0 | 1 | 2;
export const WIDTH_INDICES: readonly WidthIndex[] = [0, 1, 2];

/** Blocks stacked in every benchmark network. */
export const BLOCKS = 10;
/** Feature-map size of the paper's benchmarks. */
export const PAPER_SIZE = 56;

type Triple = readonly [number, number, number];

export interface BenchRow {
  readonly label: string;
  /** The paper's speeds for this row: GPU batches/s and ARM images/s, one per width column. */
  readonly paper: Readonly<Record<Platform, Triple>>;
}

export interface Guideline {
  readonly id: GuidelineId;
  readonly short: string;
  readonly title: string;
  /** The paper's table with these numbers. */
  readonly table: string;
  /** The input size the table's caption states (Tables 1-3: 56), or null where it states none (Table 4). */
  readonly paperSize: number | null;
  readonly block: string;
  /** Headers of the three width columns, per platform. */
  readonly columns: Readonly<Record<Platform, readonly [string, string, string]>>;
  readonly rows: readonly BenchRow[];
  /** What the guideline predicts, as [faster row, slower row] pairs of row indices. */
  readonly expect: readonly (readonly [number, number])[];
}

export const PAPER_UNITS: Readonly<Record<Platform, string>> = { gpu: 'batches/s', arm: 'images/s' };
export const PLATFORM_LABELS: Readonly<Record<Platform, string>> = { gpu: 'GTX 1080Ti', arm: 'Snapdragon 810 (ARM)' };

// ---- the paper's settings ------------------------------------------------------------------

/** Table 1: (c1, c2) for ×1 per row; ×2 and ×4 multiply both. */
const G1_CHANNELS: Readonly<Record<Platform, readonly (readonly [number, number])[]>> = {
  gpu: [
    [128, 128],
    [90, 180],
    [52, 312],
    [36, 432],
  ],
  arm: [
    [32, 32],
    [22, 44],
    [13, 78],
    [9, 108],
  ],
};
/** Table 2: c for ×1 per group count. */
const G2_GROUPS = [1, 2, 4, 8] as const;
const G2_CHANNELS: Readonly<Record<Platform, readonly number[]>> = { gpu: [128, 180, 256, 360], arm: [64, 90, 128, 180] };
/** Tables 3 and 4: the channel count of each width column. */
const G3_C: Readonly<Record<Platform, Triple>> = { gpu: [128, 256, 512], arm: [64, 128, 256] };
const G4_C: Readonly<Record<Platform, Triple>> = { gpu: [32, 64, 128], arm: [32, 64, 128] };
const SCALE: Triple = [1, 2, 4];

export const G3_LAYOUTS = [
  { id: '1-fragment', n: 1, parallel: false },
  { id: '2-fragment-series', n: 2, parallel: false },
  { id: '4-fragment-series', n: 4, parallel: false },
  { id: '2-fragment-parallel', n: 2, parallel: true },
  { id: '4-fragment-parallel', n: 4, parallel: true },
] as const;

export const G4_VARIANTS = [
  { relu: true, shortcut: true },
  { relu: true, shortcut: false },
  { relu: false, shortcut: true },
  { relu: false, shortcut: false },
] as const;

export const GUIDELINES: Readonly<Record<GuidelineId, Guideline>> = {
  g1: {
    id: 'g1',
    short: 'G1',
    title: 'Equal channel width minimises memory access cost',
    table: 'Table 1',
    paperSize: PAPER_SIZE,
    block: 'two 1×1 convolutions, c1 → c2 → c1, at the same FLOPs',
    columns: { gpu: ['×1', '×2', '×4'], arm: ['×1', '×2', '×4'] },
    rows: [
      { label: '1:1', paper: { gpu: [1480, 723, 232], arm: [76.2, 21.7, 5.3] } },
      { label: '1:2', paper: { gpu: [1296, 586, 206], arm: [72.9, 20.5, 5.1] } },
      { label: '1:6', paper: { gpu: [876, 489, 189], arm: [69.1, 17.9, 4.6] } },
      { label: '1:12', paper: { gpu: [748, 392, 163], arm: [57.6, 15.1, 4.4] } },
    ],
    expect: [
      [0, 1],
      [0, 2],
      [0, 3],
    ],
  },
  g2: {
    id: 'g2',
    short: 'G2',
    title: 'Excessive group convolution increases memory access cost',
    table: 'Table 2',
    paperSize: PAPER_SIZE,
    block: 'one 1×1 group convolution c → c with g groups, at the same FLOPs',
    columns: { gpu: ['×1', '×2', '×4'], arm: ['×1', '×2', '×4'] },
    rows: [
      { label: 'g = 1', paper: { gpu: [2451, 1289, 437], arm: [40.0, 10.2, 2.3] } },
      { label: 'g = 2', paper: { gpu: [1725, 873, 341], arm: [35.0, 9.5, 2.2] } },
      { label: 'g = 4', paper: { gpu: [1026, 644, 338], arm: [32.9, 8.7, 2.1] } },
      { label: 'g = 8', paper: { gpu: [634, 445, 230], arm: [27.8, 7.5, 1.8] } },
    ],
    expect: [
      [0, 1],
      [0, 2],
      [0, 3],
    ],
  },
  g3: {
    id: 'g3',
    short: 'G3',
    title: 'Network fragmentation reduces the degree of parallelism',
    table: 'Table 3',
    paperSize: PAPER_SIZE,
    block: '1 to 4 1×1 convolutions in series or in parallel, at the same FLOPs',
    columns: { gpu: ['c = 128', 'c = 256', 'c = 512'], arm: ['c = 64', 'c = 128', 'c = 256'] },
    rows: [
      { label: '1-fragment', paper: { gpu: [2446, 1274, 434], arm: [40.2, 10.1, 2.3] } },
      { label: '2-fragment-series', paper: { gpu: [1790, 909, 336], arm: [38.6, 10.1, 2.2] } },
      { label: '4-fragment-series', paper: { gpu: [752, 745, 349], arm: [38.4, 10.1, 2.3] } },
      { label: '2-fragment-parallel', paper: { gpu: [1537, 803, 320], arm: [33.4, 9.1, 2.2] } },
      { label: '4-fragment-parallel', paper: { gpu: [691, 572, 292], arm: [35.0, 8.4, 2.1] } },
    ],
    expect: [
      [0, 1],
      [0, 2],
      [0, 3],
      [0, 4],
    ],
  },
  g4: {
    id: 'g4',
    short: 'G4',
    title: 'Element-wise operations are not negligible',
    table: 'Table 4',
    paperSize: null,
    block: 'a ResNet bottleneck (1×1, 3×3, 1×1) with its ReLUs and shortcut switched on or off',
    columns: { gpu: ['c = 32', 'c = 64', 'c = 128'], arm: ['c = 32', 'c = 64', 'c = 128'] },
    rows: [
      { label: 'ReLU on, shortcut on', paper: { gpu: [2427, 2066, 1436], arm: [56.7, 16.9, 5.0] } },
      { label: 'ReLU on, shortcut off', paper: { gpu: [2647, 2256, 1735], arm: [61.9, 18.8, 5.2] } },
      { label: 'ReLU off, shortcut on', paper: { gpu: [2672, 2121, 1458], arm: [57.3, 18.2, 5.1] } },
      { label: 'ReLU off, shortcut off', paper: { gpu: [2842, 2376, 1782], arm: [66.3, 20.2, 5.4] } },
    ],
    expect: [
      [1, 0],
      [2, 0],
      [3, 0],
    ],
  },
};

// ---- channel settings and graphs -----------------------------------------------------------

const roundToMultiple = (v: number, m: number) => Math.max(m, Math.round(v / m) * m);

export interface RowSetting {
  /** Human description, e.g. "c1 = 128, c2 = 128". */
  readonly text: string;
  /** Set when this differs from the paper's own setting, saying why. */
  readonly note?: string;
}

/** The channel setting of one row at one width, as used here. */
export function rowSetting(id: GuidelineId, row: number, platform: Platform, width: WidthIndex): RowSetting {
  const s = SCALE[width];
  switch (id) {
    case 'g1': {
      const [c1, c2] = G1_CHANNELS[platform][row];
      return { text: `c1 = ${c1 * s}, c2 = ${c2 * s}` };
    }
    case 'g2': {
      const g = G2_GROUPS[row];
      const paperC = G2_CHANNELS[platform][row] * s;
      const c = roundToMultiple(paperC, g);
      return c === paperC ? { text: `c = ${c}, g = ${g}` } : { text: `c = ${c}, g = ${g}`, note: `the paper's c = ${paperC} is not divisible by ${g}` };
    }
    case 'g3': {
      const c = G3_C[platform][width];
      const l = G3_LAYOUTS[row];
      if (l.n === 1) return { text: `one 1×1, ${c} → ${c}` };
      if (l.parallel) return { text: `${l.n} × 1×1 side by side, ${c} → ${c / l.n} each, concat` };
      const cs = Math.round(c / Math.sqrt(l.n));
      return { text: `${l.n} × 1×1 in series, ${cs} → ${cs}` };
    }
    case 'g4': {
      const c = G4_C[platform][width];
      const v = G4_VARIANTS[row];
      return { text: `1×1 ${c}→${c / 4}, 3×3 ${c / 4}→${c / 4}, 1×1 ${c / 4}→${c}${v.relu ? ', ReLUs' : ''}${v.shortcut ? ', shortcut' : ''}` };
    }
  }
}

/** The benchmark network of one row: 10 blocks on a 56×56 map (Tables 1-3's size; resize with lib/lab's resizeGraph). */
export function buildBenchmark(id: GuidelineId, row: number, platform: Platform, width: WidthIndex): Graph {
  const s = SCALE[width];
  const gid = `${id}-${row}-${platform}-${width}`;
  switch (id) {
    case 'g1': {
      const [c1, c2] = G1_CHANNELS[platform][row].map((c) => c * s);
      const b = new GraphBuilder(gid, [c1, PAPER_SIZE, PAPER_SIZE]);
      let x: string = INPUT;
      for (let i = 0; i < BLOCKS; i++) {
        x = b.conv(`block${i}.conv1`, x, { outC: c2, k: 1 });
        x = b.conv(`block${i}.conv2`, x, { outC: c1, k: 1 });
      }
      return b.build(x);
    }
    case 'g2': {
      const g = G2_GROUPS[row];
      const c = roundToMultiple(G2_CHANNELS[platform][row] * s, g);
      const b = new GraphBuilder(gid, [c, PAPER_SIZE, PAPER_SIZE]);
      let x: string = INPUT;
      for (let i = 0; i < BLOCKS; i++) x = b.conv(`block${i}.conv`, x, { outC: c, k: 1, groups: g });
      return b.build(x);
    }
    case 'g3': {
      const c = G3_C[platform][width];
      const l = G3_LAYOUTS[row];
      const cin = l.parallel || l.n === 1 ? c : Math.round(c / Math.sqrt(l.n));
      const b = new GraphBuilder(gid, [cin, PAPER_SIZE, PAPER_SIZE]);
      let x: string = INPUT;
      for (let i = 0; i < BLOCKS; i++) {
        if (l.parallel) {
          const input = x;
          const parts = Array.from({ length: l.n }, (_, j) => b.conv(`block${i}.branch${j}`, input, { outC: c / l.n, k: 1 }));
          x = b.add(`block${i}.concat`, { kind: 'concat' }, parts);
        } else {
          for (let j = 0; j < l.n; j++) x = b.conv(`block${i}.conv${j}`, x, { outC: cin, k: 1 });
        }
      }
      return b.build(x);
    }
    case 'g4': {
      const c = G4_C[platform][width];
      const v = G4_VARIANTS[row];
      const b = new GraphBuilder(gid, [c, PAPER_SIZE, PAPER_SIZE]);
      let x: string = INPUT;
      for (let i = 0; i < BLOCKS; i++) {
        const input = x;
        let h = b.conv(`block${i}.conv1`, input, { outC: c / 4, k: 1 });
        if (v.relu) h = b.act(`block${i}.relu1`, h);
        h = b.conv(`block${i}.conv2`, h, { outC: c / 4, k: 3, p: 1 });
        if (v.relu) h = b.act(`block${i}.relu2`, h);
        h = b.conv(`block${i}.conv3`, h, { outC: c, k: 1 });
        if (v.shortcut) h = b.add(`block${i}.add`, { kind: 'add' }, [h, input]);
        if (v.relu) h = b.act(`block${i}.relu3`, h);
        x = h;
      }
      return b.build(x);
    }
  }
}

// ---- reading results -------------------------------------------------------------------------

/** Speeds divided by the first row's (the paper's tables are read this way too). */
export function normalise(speeds: readonly number[]): number[] {
  const base = speeds[0];
  return speeds.map((s) => (base > 0 && Number.isFinite(s) ? s / base : NaN));
}

export function paperColumn(id: GuidelineId, platform: Platform, width: WidthIndex): number[] {
  return GUIDELINES[id].rows.map((r) => r.paper[platform][width]);
}

export type Verdict = 'holds' | 'mixed' | 'does not hold';

/**
 * Whether the guideline's predictions hold for a set of speeds (one per row): each predicted
 * [faster, slower] pair counts when the faster row is at least `tolerance` faster.
 */
export function verdict(id: GuidelineId, speeds: readonly number[], tolerance = 0.03): { verdict: Verdict; held: number; of: number } {
  const pairs = GUIDELINES[id].expect;
  const held = pairs.filter(([f, s]) => speeds[f] > speeds[s] * (1 + tolerance)).length;
  const v: Verdict = held === pairs.length ? 'holds' : held === 0 ? 'does not hold' : 'mixed';
  return { verdict: v, held, of: pairs.length };
}

/** Default paper setting to compare with: GPU numbers for GPU backends, ARM numbers otherwise. */
export function platformFor(backend: string): Platform {
  return backend === 'webgl' || backend === 'webgpu' ? 'gpu' : 'arm';
}

/** Spatial size, warm-up and timed passes for a run. */
export function runPlan(reduced: boolean): { size: number; warmup: number; repeats: number } {
  return reduced ? { size: 28, warmup: 1, repeats: 3 } : { size: PAPER_SIZE, warmup: 2, repeats: 7 };
}
