'use client';

/**
 * The paper's Fig. 5 for densenet_digits, trained next to the random weights it was trained from
 * (He init with the training's seed), on one colour scale: for every
 * block, how strongly each target's first conv weights each source. Below, the selected column in
 * words and numbers. Huang et al. 2017 (arXiv:1608.06993), Sec. 5, Fig. 5.
 */
import { GradientLegend } from '@/components/ui/GradientLegend';
import { SubHeading } from '@/components/ui/Heading';
import { formatPercent } from '@/lib/format';
import { reuseFindings, type ReuseTarget } from '@/lib/widgets/dense-reuse/weight-reuse';
import { heatmapStops, ReuseHeatmap, sourceLabel, targetLabel } from './ReuseHeatmap';
import type { ReuseWeightSets, WeightSet } from './useReuseWeights';

export interface ReuseFigureProps {
  readonly weights: ReuseWeightSets;
  readonly selected: { readonly block: number; readonly layer: number };
  readonly accuracy: number | null;
}

const relMin = (set: WeightSet | null) => (set ? Math.min(...set.reuse.flatMap((b) => b.targets.flatMap((t) => t.relative))) : 1);

function ColumnText({ target, name }: { target: ReuseTarget | undefined; name: string }) {
  if (!target) return null;
  const order = target.relative.map((v, s) => [v, s] as const).sort((a, b) => b[0] - a[0]);
  return (
    <li>
      <strong>{name}:</strong> {targetLabel(target)} weights{' '}
      {order.map(([v, s], i) => (
        <span key={s}>
          {i > 0 ? ', ' : ''}
          {sourceLabel(s)} {(v * 100).toFixed(0)}%
        </span>
      ))}{' '}
      (mean |w| {target.meanAbs.map((m) => m.toPrecision(3)).join(', ')} for {target.meanAbs.map((_, s) => sourceLabel(s)).join(', ')}).
    </li>
  );
}

export function ReuseFigure({ weights, selected, accuracy }: ReuseFigureProps) {
  const trained = weights.trained.kind === 'ready' ? weights.trained.set : null;
  const random = weights.init;
  const seed = weights.initSeed;
  // One scale for both, so equal colours mean equal numbers: from the smallest cell of either to 1.
  const lo = Math.min(relMin(trained), relMin(random));
  const domain = [Math.min(lo, 0.999), 1] as const;
  const randomName = `random weights (seed ${seed})`;
  const pick = (set: WeightSet | null) => set?.reuse[selected.block]?.targets[selected.layer - 1];
  return (
    <section aria-label="What each layer weights" className="mt-4 rounded-lg border border-slate-200 p-3 dark:border-slate-700" data-testid="reuse-figure">
      <SubHeading className="font-semibold text-slate-900 dark:text-white">What each layer weights: the 1×1 bottleneck’s mean |w| per earlier layer</SubHeading>
      <p className="mt-1 text-[13px] text-slate-600 dark:text-slate-400">
        Like Fig. 5 of the DenseNet paper: cell (s, ℓ) is the average absolute weight of target ℓ’s first convolution over the input channels that source s
        wrote, each column scaled to its most-weighted source. x₀ is the block’s input (the stem, or the transition before); T is the transition and C the
        classifier that read the block’s output.
      </p>
      <div className="mt-2 space-y-3">
        <div data-testid="reuse-heatmap-trained">
          <p className="mb-1 text-[13px] font-medium">Trained{accuracy !== null ? ` (${formatPercent(accuracy)} on the test digits)` : ''}</p>
          {trained ? (
            <ReuseHeatmap reuse={trained.reuse} domain={domain} selected={selected} weightsName="trained weights" />
          ) : (
            <p className="text-[13px] text-slate-600 dark:text-slate-400">
              {weights.trained.kind === 'loading' ? 'Loading the trained weights…' : 'No trained weights: see the note above.'}
            </p>
          )}
        </div>
        <div data-testid="reuse-heatmap-random">
          <p className="mb-1 text-[13px] font-medium">Before training: random weights (seed {seed}), the He initialisation this training started from</p>
          {random ? <ReuseHeatmap reuse={random.reuse} domain={domain} selected={selected} weightsName={randomName} /> : null}
        </div>
      </div>
      <GradientLegend
        className="mt-2"
        ariaLabel={`Colour: share of the column's most-weighted source, from ${formatPercent(domain[0])} to 100%`}
        stops={heatmapStops()}
        ticks={[
          { offset: 0, label: formatPercent(domain[0]) },
          { offset: 1, label: '100%' },
        ]}
        caption="Share of the column’s most-weighted source (both maps on this one scale)."
      />
      {trained && random ? <Findings trained={trained} init={random} /> : null}
      <ul className="mt-2 space-y-1 text-[13px] text-slate-700 dark:text-slate-300" data-testid="reuse-column">
        <ColumnText target={pick(trained)} name={`Block ${selected.block + 1}, trained`} />
        <ColumnText target={pick(random)} name={`Block ${selected.block + 1}, ${randomName}`} />
      </ul>
    </section>
  );
}

/** The paper's observations, counted on the trained weights and on where they started (weight-reuse.ts). */
function Findings({ trained, init }: { trained: WeightSet; init: WeightSet }) {
  const t = reuseFindings(trained.reuse);
  const i = reuseFindings(init.reuse);
  return (
    <p className="mt-2 text-[13px] text-slate-700 dark:text-slate-300" data-testid="reuse-findings">
      <strong>What training changed.</strong> In blocks 2 and 3, x₀ (the previous transition’s compressed output) is the least-weighted source of{' '}
      {t.x0Least.count} of {t.x0Least.of} layers (before training: {i.x0Least.count}); the paper finds these layers “consistently assign the least weight to the
      outputs of the transition layer”.
      {t.classifierX0 !== null && i.classifierX0 !== null
        ? ` The classifier gives block 3’s x₀ ${formatPercent(t.classifierX0)} of the weight of its most-weighted source (before training: ${formatPercent(i.classifierX0)})${
            t.classifierX0 < i.classifierX0
              ? ': it has moved towards the later layers’ maps, as the paper’s classifier “concentrates towards final feature-maps”.'
              : ': no shift towards the later layers here, unlike the paper’s classifier.'
          }`
        : ''}
    </p>
  );
}
