'use client';

import { useMemo } from 'react';
import { Stat, StatGrid } from '@/components/ui/Stat';
import { formatInt, formatMs, formatPercent, formatSig } from '@/lib/format';
import { smooth, type CurvePoint } from '@/lib/widgets/train/curves';
import { slotColor } from '@/lib/widgets/train/schema';
import type { ModelRecord } from '@/lib/widgets/train/session';
import { throughput } from '@/lib/widgets/train/throughput';
import { CurveChart, type ChartSeries } from './CurveChart';

/** TensorBoard's default smoothing weight for the train curves (the raw batch values are drawn faintly). */
const SMOOTHING = 0.8;

const points = (xs: readonly number[], steps: readonly { step: number }[]): CurvePoint[] => steps.map((s, i) => ({ x: s.step + 1, y: xs[i] }));
const pct = (v: number) => formatPercent(v, 2);
const ACCURACY: readonly [number, number] = [0, 1];

/** The numbers of the model on screen: step, loss, accuracies, images/s and ms per step. */
export function TrainStats({ record, steps, batchSize, testSubsetSize }: { record: ModelRecord; steps: number; batchSize: number; testSubsetSize: number }) {
  const last = record.steps.at(-1);
  const lastEval = record.evals.at(-1);
  const t = throughput(record.steps, batchSize);
  return (
    <StatGrid columns={3} testId="train-stats">
      <Stat label="Step" value={`${record.steps.length} / ${steps}`} detail={record.label} testId="stat-step" data={{ 'data-step': record.steps.length }} />
      <Stat label="Train loss" value={formatSig(last?.loss)} detail="last batch" data={{ 'data-loss': last?.loss ?? '' }} />
      <Stat label="Train accuracy" value={last ? formatPercent(last.accuracy) : '—'} detail="last batch" />
      <Stat
        label="Test accuracy"
        value={record.final ? formatPercent(record.final.accuracy) : lastEval ? formatPercent(lastEval.accuracy) : '—'}
        detail={
          record.final
            ? `whole test split (${formatInt(record.final.n)} images)`
            : lastEval
              ? `${testSubsetSize}-image subset, step ${lastEval.step}`
              : 'every few steps'
        }
        testId="stat-test-accuracy"
        data={{ 'data-accuracy': record.final?.accuracy ?? lastEval?.accuracy ?? '', 'data-full': record.final ? 1 : 0 }}
      />
      <Stat
        label="Images / s"
        value={formatSig(t.imagesPerSecond)}
        detail="training, after the first step"
        data={{ 'data-images-per-second': t.imagesPerSecond ?? '' }}
      />
      <Stat label="Time per step" value={formatMs(t.msPerStep)} detail={`batch of ${batchSize}`} />
    </StatGrid>
  );
}

/** Live loss and accuracy curves of every model of the session (train: smoothed batch values; test: the fixed subset). */
export function TrainCurves({ records, steps, testSubsetSize }: { records: readonly ModelRecord[]; steps: number; testSubsetSize: number }) {
  const many = records.length > 1;
  const { loss, accuracy } = useMemo(() => {
    const loss: ChartSeries[] = [];
    const accuracy: ChartSeries[] = [];
    for (const r of records) {
      if (r.steps.length === 0) continue;
      const color = slotColor(r.key);
      const name = many ? `${r.label}: ` : '';
      const l = r.steps.map((s) => s.loss);
      if (!many) loss.push({ key: `${r.key}-loss-raw`, label: 'train loss (each batch)', color, style: 'faint', points: points(l, r.steps) });
      loss.push({ key: `${r.key}-loss`, label: `${name}train loss (smoothed)`, color, style: 'line', points: points(smooth(l, SMOOTHING), r.steps) });
      accuracy.push({
        key: `${r.key}-train-acc`,
        label: `${name}train (smoothed)`,
        color,
        dash: '4 3',
        style: 'line',
        points: points(
          smooth(
            r.steps.map((s) => s.accuracy),
            SMOOTHING,
          ),
          r.steps,
        ),
      });
      if (r.evals.length)
        accuracy.push({
          key: `${r.key}-test-acc`,
          label: `${name}test (${testSubsetSize} images)`,
          color,
          style: 'dots',
          points: r.evals.map((e) => ({ x: e.step, y: e.accuracy })),
        });
    }
    return { loss, accuracy };
  }, [records, many, testSubsetSize]);
  const n = records.reduce((a, r) => a + r.steps.length, 0);
  const latest = records.filter((r) => r.steps.length).at(-1);
  const lastLoss = latest?.steps.at(-1)?.loss;
  const lastTest = latest?.evals.at(-1);
  return (
    <div className="grid gap-4 md:grid-cols-2" data-testid="train-curves" data-points={n}>
      <CurveChart
        title="Loss"
        summary={latest ? `${latest.label} at step ${latest.steps.length}: train loss ${formatSig(lastLoss)}` : 'no step yet'}
        series={loss}
        xMax={steps}
        yLabel="cross-entropy"
        testId="loss-curve"
        data={{ 'data-points': n }}
      />
      <CurveChart
        title="Accuracy"
        summary={lastTest ? `${latest!.label}: ${formatPercent(lastTest.accuracy)} on the test subset at step ${lastTest.step}` : 'no evaluation yet'}
        series={accuracy}
        xMax={steps}
        yLabel="accuracy"
        yDomain={ACCURACY}
        yFormat={pct}
        testId="accuracy-curve"
        data={{ 'data-evals': records.reduce((a, r) => a + r.evals.length, 0) }}
      />
    </div>
  );
}
