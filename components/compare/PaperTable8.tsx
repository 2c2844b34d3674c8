import { LogScatter, type ScatterPoint } from '@/components/charts/LogScatter';
import { SHUFFLENET_V2_TABLE8, type Table8Row } from '@/lib/papers/shufflenet-v2-table8';

const color = (r: Table8Row) =>
  r.model.startsWith('ShuffleNet v2') ? '#009E73' : r.model.includes('MobileNet') ? '#0072B2' : r.model.startsWith('ShuffleNet v1') ? '#E69F00' : '#CC79A7';

/**
 * The paper's own measurements (ShuffleNet v2, Table 8) as time per image against FLOPs, on a GPU
 * and on an ARM phone: at equal FLOPs the models are far apart in time, and the GPU and the phone
 * do not even agree on the order.
 */
export function PaperTable8() {
  const pts = (time: (r: Table8Row) => number): ScatterPoint[] =>
    SHUFFLENET_V2_TABLE8.map((r) => ({ key: r.model, x: r.mflops * 1e6, y: time(r), label: r.model, color: color(r), emphasis: r.siteId !== undefined }));
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <figure>
        <LogScatter
          title="ShuffleNet v2 paper, Table 8: GPU time per batch of 8 against FLOPs"
          points={pts((r) => 1000 / r.gpuBatchesPerS)}
          xLabel="FLOPs (multiply-adds, as the paper counts)"
          yLabel="GTX 1080Ti: ms per batch of 8"
        />
        <figcaption className="text-xs text-slate-500 dark:text-slate-400">GPU (GTX 1080Ti, batch 8), from the paper.</figcaption>
      </figure>
      <figure>
        <LogScatter
          title="ShuffleNet v2 paper, Table 8: ARM time per image against FLOPs"
          points={pts((r) => 1000 / r.armImagesPerS)}
          xLabel="FLOPs (multiply-adds, as the paper counts)"
          yLabel="Snapdragon 810: ms per image"
        />
        <figcaption className="text-xs text-slate-500 dark:text-slate-400">ARM (Qualcomm Snapdragon 810, single thread), from the paper.</figcaption>
      </figure>
      <p className="text-xs text-slate-500 md:col-span-2 dark:text-slate-400">
        Green: ShuffleNet v2 (labelled; also measurable on this page). Blue: MobileNet v1/v2. Orange: ShuffleNet v1. Pink: Xception, NASNet-A, PNASNet-5.
      </p>
    </div>
  );
}
