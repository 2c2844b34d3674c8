'use client';

import { DataTable } from '@/components/ui/DataTable';
import { TableHead } from '@/components/ui/TableHead';
import { formatCount, formatMs, formatPercent, formatSig } from '@/lib/format';
import { modelCost, slotColor } from '@/lib/widgets/train/schema';
import type { ModelRecord } from '@/lib/widgets/train/session';
import { throughput } from '@/lib/widgets/train/throughput';
import { BatchNormCaveat } from './BatchNormCaveat';
import { CompareScatter, type ComparePoint } from './CompareScatter';

/**
 * The papers' claims in miniature, on this device: test accuracy (whole test split) of every
 * finished model against its parameters and MACs (lib/arch's counters) and against its measured
 * inference time per image. Dense reuse (DenseNet: accuracy per parameter), cardinality against
 * width (ResNeXt against ResNet at the same complexity), FLOPs against speed (ShuffleNet v2, MnasNet).
 */
export function Comparison({ records, batchSize, steps }: { records: readonly ModelRecord[]; batchSize: number; steps: number }) {
  const done = records.filter((r) => r.final);
  const pts = (x: (r: ModelRecord) => number | null): ComparePoint[] =>
    done.flatMap((r) => {
      const v = x(r);
      return v === null ? [] : [{ key: r.key, x: v, y: r.final!.accuracy, label: r.label.replace(/_digits\b/, ''), color: slotColor(r.key) }];
    });
  return (
    <div className="space-y-4" data-testid="comparison" data-models={done.length}>
      {done.length < 2 ? (
        <p className="text-[13px] text-slate-600 dark:text-slate-400">
          The comparison fills in as models finish ({done.length} of {records.length} so far).
        </p>
      ) : null}
      <div className="grid gap-4 md:grid-cols-3">
        <CompareScatter
          title="Accuracy against parameters"
          xLabel="parameters"
          points={pts((r) => modelCost(r.id, r.knobs).params)}
          xFormat={(v) => `${formatCount(v)} parameters`}
        />
        <CompareScatter
          title="Accuracy against MACs"
          xLabel="multiply-accumulates"
          points={pts((r) => modelCost(r.id, r.knobs).macs)}
          xFormat={(v) => `${formatCount(v)} MACs`}
        />
        <CompareScatter title="Accuracy against time per image" xLabel="ms per image (batch of 1)" points={pts((r) => r.msPerImage)} xFormat={formatMs} />
      </div>
      <DataTable
        caption="Every model of this session: its cost, its measured speed on this device and what it reached."
        className="min-w-[36rem] text-xs tabular-nums"
      >
        <TableHead
          columns={[
            'model',
            { label: 'params', align: 'right' },
            { label: 'MACs', align: 'right' },
            { label: 'train images/s', align: 'right' },
            { label: 'ms per image', align: 'right' },
            { label: 'test accuracy', align: 'right' },
          ]}
        />
        <tbody>
          {records.map((r) => {
            const c = modelCost(r.id, r.knobs);
            return (
              <tr key={r.key} className="border-b border-slate-100 dark:border-slate-800" data-model={r.key}>
                <th scope="row" className="py-1 pr-2 text-left font-mono font-normal">
                  {r.label}
                </th>
                <td className="pr-2 text-right">{formatCount(c.params)}</td>
                <td className="pr-2 text-right">{formatCount(c.macs)}</td>
                <td className="pr-2 text-right">{formatSig(throughput(r.steps, batchSize).imagesPerSecond)}</td>
                <td className="pr-2 text-right">{formatMs(r.msPerImage)}</td>
                <td className="text-right">{r.final ? formatPercent(r.final.accuracy) : r.status}</td>
              </tr>
            );
          })}
        </tbody>
      </DataTable>
      {/* Under the table, for each model whose BatchNorm settles slower than the run: why its test accuracy lags. */}
      {records.map((r) => (
        <BatchNormCaveat key={r.key} model={r} steps={steps} />
      ))}
    </div>
  );
}
