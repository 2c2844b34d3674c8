/**
 * The ResNeXt paper's comparisons with the numbers the site's spec gives for the same settings:
 * Table 1 (ResNet-50 vs ResNeXt-50 32×4d: params and FLOPs, where the paper's FLOPs are
 * multiply-adds, i.e. MACs) and Table 3 (cardinality vs width at preserved complexity, top-1
 * error on ImageNet-1K, single 224×224 crop).
 */
import { graphCost, resnext } from '@/lib/arch';

export interface AblationRow {
  readonly depth: 50 | 101;
  readonly C: number;
  readonly d: number;
  /** Top-1 error (%), paper Table 3. */
  readonly top1: number;
  readonly params: number;
  readonly macs: number;
}

const TABLE3: ReadonlyArray<readonly [50 | 101, number, number, number]> = [
  [50, 1, 64, 23.9],
  [50, 2, 40, 23.0],
  [50, 4, 24, 22.6],
  [50, 8, 14, 22.3],
  [50, 32, 4, 22.2],
  [101, 1, 64, 22.0],
  [101, 2, 40, 21.7],
  [101, 4, 24, 21.4],
  [101, 8, 14, 21.3],
  [101, 32, 4, 21.2],
];

const LAYERS = { 50: [3, 4, 6, 3], 101: [3, 4, 23, 3] } as const;

export function ablationRows(): AblationRow[] {
  return TABLE3.map(([depth, C, d, top1]) => {
    const cost = graphCost(resnext({ layers: LAYERS[depth], cardinality: C, widthPerGroup: d }, 224)).total;
    return { depth, C, d, top1, params: cost.params, macs: cost.macs };
  });
}

/** Paper Table 1 (complexity) and Table 3 (error) for the two 50-layer models. */
export const PAPER_TABLE1 = {
  resnet50: { params: 25.5e6, flops: 4.1e9, top1: 23.9 },
  resnext50_32x4d: { params: 25.0e6, flops: 4.2e9, top1: 22.2 },
} as const;
