'use client';

import { useState } from 'react';
import { useTfjsJob } from '@/components/hooks/useTfjsJob';
import { ConfusionMatrix } from './ConfusionMatrix';
import { Caveat } from '@/components/ui/Alert';
import { RunButton } from '@/components/ui/RunButton';
import { Stat, StatGrid } from '@/components/ui/Stat';
import type { Graph } from '@/lib/arch/ir';
import { DIGITS_SPLIT } from '@/lib/data/digits/split';
import { formatInt, formatPercent } from '@/lib/format';
import { DIGIT_CLASSES } from '@/lib/lab/digits-input';
import type { LabHandle, WeightsLabel } from '@/lib/lab/handle';
import { BACKEND_LABELS } from '@/lib/runtime/backend-names';
import type { EvalReport } from '@/lib/train/types';

/** One finished test, with what it tested. */
interface Tested {
  readonly report: EvalReport;
  readonly graph: Graph;
  readonly weights: WeightsLabel;
  readonly backend: LabHandle['backend'];
}

const sameWeights = (a: WeightsLabel, b: WeightsLabel) =>
  a.kind === 'seeded'
    ? b.kind === 'seeded' && a.seed === b.seed
    : a.kind === 'shipped'
      ? b.kind === 'shipped' && a.id === b.id
      : b.kind === 'file' && a.name === b.name;
const weightsKind = (w: WeightsLabel) => (w.kind === 'seeded' ? 'random' : w.kind === 'shipped' ? 'trained (shipped)' : 'from file');
const weightsText = (w: WeightsLabel) => (w.kind === 'seeded' ? `random weights (seed ${w.seed})` : w.name);

const N = DIGITS_SPLIT.testCount;

/**
 * "Test accuracy (digits test split, 2,000 images)": the loaded model and weights on the whole test
 * split, through the same fused Model as every run (the Runner's session, lib/runtime/evaluate.ts),
 * as a job of the page's queue with progress and Cancel. Shows the accuracy and the confusion
 * matrix; a result stays shown only while the model and weights it was measured on are loaded.
 */
export function TestAccuracy({ source, model }: { source: LabHandle | null; /** The registered id, for captions (else the graph's id). */ model?: string }) {
  const job = useTfjsJob();
  const [tested, setTested] = useState<Tested | null>(null);

  const start = async () => {
    if (!source) return;
    const handle = source;
    const r = await job.run('Loading the digits test split', async (ctx) => {
      const { digitsTestSet } = await import('@/lib/lab/digits-test-set');
      const test = await digitsTestSet({
        signal: ctx.signal,
        onProgress: (p) => ctx.progress(Math.round(p.loaded / 1000), Math.round((p.total ?? 0) / 1000), 'Loading the digits test split (kB)'),
      });
      ctx.progress(0, test.labels.length, 'Testing');
      return handle.evaluate(test, { signal: ctx.signal, onProgress: (done, total) => ctx.progress(done, total, 'Testing') });
    });
    if (r)
      setTested({ report: { accuracy: r.accuracy, n: r.n, confusion: r.confusion }, graph: handle.graph, weights: handle.weights, backend: handle.backend });
  };

  const shown = tested && source && tested.graph === source.graph && sameWeights(tested.weights, source.weights) ? tested : null;
  const correct = shown ? shown.report.confusion.reduce((a, row, t) => a + row[t], 0) : 0;

  return (
    <section aria-label="Test accuracy" className="rounded-xl border border-slate-200 p-4 dark:border-slate-800" data-testid="test-accuracy">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        How often the loaded weights name the right digit on the {formatInt(N)} test digits, which no training on this site ever sees.
      </p>
      <RunButton
        onRun={start}
        job={job}
        disabled={!source}
        unit="images"
        idleText={source ? undefined : 'Run the model first: the test uses the weights it loads.'}
        doneText={shown ? `Done. Tested ${weightsText(shown.weights)} on ${BACKEND_LABELS[shown.backend]}.` : undefined}
        errorText={(m) => `The test failed: ${m}`}
      >
        Test accuracy (digits test split, {formatInt(N)} images)
      </RunButton>
      {tested && !shown && job.status.kind !== 'running' && (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">The model or its weights changed since the last test; test again.</p>
      )}
      {shown && (
        <div className="mt-3 space-y-3">
          <StatGrid columns={2}>
            <Stat
              label="Test accuracy"
              value={formatPercent(shown.report.accuracy)}
              detail={`${formatInt(correct)} of ${formatInt(shown.report.n)} correct`}
              testId="test-accuracy-value"
              data={{ 'data-accuracy': shown.report.accuracy, 'data-n': shown.report.n }}
            />
            <Stat label="Weights" value={weightsKind(shown.weights)} detail={weightsText(shown.weights)} />
          </StatGrid>
          {shown.weights.kind === 'seeded' && (
            <div className="text-sm">
              <Caveat testId="test-accuracy-random">These weights are random: about 10% (one digit in ten) is what guessing gives.</Caveat>
            </div>
          )}
          <ConfusionMatrix
            confusion={shown.report.confusion}
            labels={DIGIT_CLASSES}
            what={`${model ?? shown.graph.id} with ${weightsText(shown.weights)}, the ${formatInt(shown.report.n)} test digits`}
          />
        </div>
      )}
    </section>
  );
}
