'use client';

/**
 * Channel split and shuffle over 3 consecutive ShuffleNet v2 units. Channels are coloured strands
 * running down the page; the reader steps through split → branches → concat → shuffle, follows one
 * input channel, turns the shuffle off, or makes the first unit the stride-2 unit. What each
 * channel position holds, and the shuffle permutation, come from real tfjs ops on a tiny tensor
 * (lib/widgets/channel-shuffle/trace-tf.ts); lib/widgets/channel-shuffle/layout.ts computes the
 * positions with D3, React draws; the shared stepper (components/hooks/useStepper.ts) plays it.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTfjsJob } from '@/components/hooks/useTfjsJob';
import { describeSlot, neverConvolved, stepAt, stepCount, type ShuffleTrace } from '@/lib/widgets/channel-shuffle/logic';
import { SHUFFLE_FIGURE, hue, shuffleLayout, strandPath } from '@/lib/widgets/channel-shuffle/layout';
import { SHUFFLE_CHANNEL_CHOICES, SHUFFLE_UNITS, type ChannelShuffleSchema } from '@/lib/widgets/channel-shuffle/meta';
import type { WidgetProps } from '@/lib/widgets/types';
import { useStepper } from '@/components/hooks/useStepper';
import { Select } from '@/components/ui/Select';
import { StepperControls, StepperFigure } from '@/components/ui/StepperControls';
import { Toggle } from '@/components/ui/Toggle';

const { W, X0, X1, TOP, ROW } = SHUFFLE_FIGURE;
const curve = strandPath;

export function ChannelShuffleWidget({ state, onChange }: WidgetProps<ChannelShuffleSchema>) {
  const channels = Number(state.channels);
  const [trace, setTrace] = useState<ShuffleTrace | null>(null);
  const total = stepCount(SHUFFLE_UNITS);
  const stepper = useStepper({ step: state.step, total, onStep: (step) => onChange({ step }) });
  const step = stepper.step;

  const job = useTfjsJob();
  const runJob = job.run;
  useEffect(() => {
    // A newer trace (or an unmount) cancels this one: the hook keeps only the latest.
    void runJob('Tracing the channels', async (ctx) => {
      const [{ traceShuffleTf }, { runTfjsJob }] = await Promise.all([import('@/lib/widgets/channel-shuffle/trace-tf'), import('@/lib/runtime/job')]);
      // A few hundred numbers: the CPU backend needs no GPU start-up and is always there.
      return runTfjsJob({ backend: 'cpu', ...ctx.request }, async () =>
        traceShuffleTf({ channels, units: SHUFFLE_UNITS, shuffle: state.shuffle, firstDownsample: state.downsample }),
      );
    }).then((t) => t && setTrace(t));
  }, [runJob, channels, state.shuffle, state.downsample]);
  const error = job.status.kind === 'error' ? job.status.message : null;

  const lay = useMemo(() => (trace ? shuffleLayout(trace) : null), [trace]);
  const c0 = trace?.inputChannels ?? (state.downsample ? channels / 2 : channels);
  const follow = Math.min(state.follow, c0 - 1);
  const shownRows = step + 1;
  const at = stepAt(step);
  const unitTrace = at && trace ? trace.units[at.unit - 1] : null;
  const untouched = trace ? neverConvolved(trace) : [];
  const lastRow = lay?.rows[Math.min(shownRows, lay.rows.length) - 1];
  const reach = lastRow ? lastRow.slots.filter((s) => s.slot.deps.includes(follow)).length : 0;
  const H = TOP + (1 + 4 * SHUFFLE_UNITS) * ROW - 12;
  // The drawing grows with the steps shown (plus one faint row ahead) instead of leaving a blank.
  const shownH = Math.min(H, TOP + Math.min(shownRows + 1, 1 + 4 * SHUFFLE_UNITS) * ROW - 12);

  return (
    <div {...stepper.keys}>
      <div className="flex flex-wrap items-end gap-3">
        <Select
          label="Channels"
          control="channels"
          value={state.channels}
          onChange={(channels) => onChange({ channels })}
          options={SHUFFLE_CHANNEL_CHOICES.map((c) => [c, c] as const)}
        />
        <Select
          label="Follow input channel"
          control="follow"
          value={String(follow)}
          onChange={(v) => onChange({ follow: Number(v) })}
          options={Array.from({ length: c0 }, (_, k) => [String(k), String(k)] as const)}
        />
        <Toggle className="pb-1" asSwitch label="Channel shuffle" control="shuffle" checked={state.shuffle} onChange={(shuffle) => onChange({ shuffle })} />
        <Toggle
          className="pb-1"
          label="First unit is stride-2"
          control="downsample"
          checked={state.downsample}
          onChange={(downsample) => onChange({ downsample })}
        />
      </div>

      <StepperControls
        stepper={stepper}
        statusTestId="shuffle-step"
        status={`Step ${step} of ${total}: ${at ? `unit ${at.unit}, ${at.step === 'branch' ? 'branches' : at.step}` : 'input'}`}
      />

      {error && (
        <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">
          TensorFlow.js could not compute the trace: {error}
        </p>
      )}
      <StepperFigure label="The channel strands" className="mt-3">
        {!lay || !trace ? (
          <div className="flex items-center justify-center text-sm text-slate-500 dark:text-slate-400" style={{ aspectRatio: `${W} / ${H}` }}>
            Computing the channels with TensorFlow.js…
          </div>
        ) : (
          <svg
            viewBox={`0 0 ${W} ${shownH}`}
            className="h-auto w-full max-w-2xl"
            role="img"
            aria-label={`Channel strands through ${SHUFFLE_UNITS} ShuffleNet v2 units, ${shownRows} of ${lay.rows.length} rows shown`}
          >
            {lay.rows.map((row, r) => {
              const y = TOP + r * ROW;
              const visible = r < shownRows;
              return (
                <g key={`label-${r}`} opacity={visible ? 1 : 0.25}>
                  <text x={2} y={y} dy="0.32em" fontSize={10.5} className="fill-slate-600 dark:fill-slate-400">
                    {row.label}
                  </text>
                  <line x1={X0 - 4} x2={X1} y1={y} y2={y} stroke="currentColor" strokeOpacity={0.08} />
                </g>
              );
            })}
            {lay.boxes.map((b, i) => {
              const rowOfBranch = (b.unit - 1) * 4 + 2;
              if (rowOfBranch >= shownRows) return null;
              return (
                <g key={`box-${i}`}>
                  <rect
                    x={b.x0}
                    y={b.y0}
                    width={b.x1 - b.x0}
                    height={b.y1 - b.y0}
                    rx={4}
                    className="fill-slate-100 stroke-slate-400 dark:fill-slate-800 dark:stroke-slate-500"
                  />
                  <text
                    x={(b.x0 + b.x1) / 2}
                    y={(b.y0 + b.y1) / 2}
                    dy="0.32em"
                    textAnchor="middle"
                    fontSize={b.x1 - b.x0 < 90 ? 7 : 8.5}
                    className="fill-slate-700 dark:fill-slate-300"
                  >
                    {b.text}
                  </text>
                </g>
              );
            })}
            {lay.rows.slice(1, shownRows).map((row, i) => {
              const r = i + 1;
              const prev = lay.rows[r - 1];
              const y0 = TOP + (r - 1) * ROW;
              const y1 = TOP + r * ROW;
              const box = row.step === 'branch' ? lay.boxes.filter((b) => b.unit === row.unit) : [];
              return (
                <g key={`edges-${r}`} fill="none">
                  {row.slots.map(({ slot, x }, j) => {
                    const hit = slot.deps.includes(follow);
                    const colour = slot.convolved ? 'currentColor' : hue(slot.deps[0], c0);
                    const from = prev.slots.find((p) => p.slot.key === slot.key);
                    const common = { stroke: colour, strokeWidth: hit ? 2.6 : 1.4, strokeOpacity: hit ? 1 : slot.convolved ? 0.35 : 0.5 };
                    if (from)
                      return (
                        <path key={j} d={curve(from.x, y0, x, y1)} {...common} className={slot.convolved ? 'text-slate-500 dark:text-slate-400' : undefined} />
                      );
                    const b = box.find((bx) => x >= bx.x0 && x <= bx.x1) ?? box[0];
                    return <path key={j} d={`M${x},${b ? b.y1 : y0} L${x},${y1}`} {...common} className="text-slate-500 dark:text-slate-400" />;
                  })}
                  {box.length > 0 &&
                    prev.slots.map(({ slot, x }, j) => {
                      // Strands entering a convolution branch end at its box.
                      const feeds = row.slots.every((s) => s.slot.key !== slot.key);
                      if (!feeds) return null;
                      const targets = box.filter((bx) => (lay.rows[r - 1].whole ? true : x >= bx.x0 && x <= bx.x1));
                      const hit = slot.deps.includes(follow);
                      const colour = slot.convolved ? 'currentColor' : hue(slot.deps[0], c0);
                      return targets.map((bx, t) => (
                        <path
                          key={`in-${j}-${t}`}
                          d={curve(x, y0, Math.min(Math.max(x, bx.x0 + 4), bx.x1 - 4), bx.y0)}
                          stroke={colour}
                          strokeWidth={hit ? 2.6 : 1.4}
                          strokeOpacity={hit ? 1 : 0.5}
                          className={slot.convolved ? 'text-slate-500 dark:text-slate-400' : undefined}
                        />
                      ));
                    })}
                </g>
              );
            })}
            {lay.rows.slice(0, shownRows).map((row, r) =>
              row.slots.map(({ slot, x }, j) => {
                const hit = slot.deps.includes(follow);
                return (
                  <circle
                    key={`dot-${r}-${j}`}
                    cx={x}
                    cy={TOP + r * ROW}
                    r={hit ? 3.4 : 2.4}
                    fill={slot.convolved ? 'currentColor' : hue(slot.deps[0], c0)}
                    className={slot.convolved ? 'text-slate-500 dark:text-slate-400' : undefined}
                    stroke={hit ? 'currentColor' : 'none'}
                    strokeWidth={hit ? 1 : 0}
                  >
                    <title>{`${row.label}, position ${j}: ${describeSlot(slot)}${slot.convolved ? `, computed from input channels ${slot.deps.join(', ')}` : ''}`}</title>
                  </circle>
                );
              }),
            )}
          </svg>
        )}
      </StepperFigure>

      <div className="mt-2 space-y-1 text-xs text-slate-600 dark:text-slate-400">
        <p>
          <span className="font-medium text-slate-800 dark:text-slate-200">Colours:</span> each input channel has its own colour while it is carried unchanged;
          grey strands are new channels computed by a branch&apos;s convolutions. Thick strands carry information from input channel {follow}
          {lastRow ? ` (${reach} of ${lastRow.slots.length} channels at this step)` : ''}.
        </p>
        {trace && (
          <p data-testid="never-convolved" data-channels={JSON.stringify(untouched)}>
            {untouched.length === 0
              ? `Every input channel meets a convolution within ${SHUFFLE_UNITS} units.`
              : `${untouched.length} of ${trace.inputChannels} input channels never meet a convolution in ${SHUFFLE_UNITS} units: ${untouched.join(', ')}.`}
            {!trace.shuffle && untouched.length > 0
              ? ' Without the shuffle the identity half is the same half every time: those channels only ever pass through.'
              : ''}
            {trace.shuffle && untouched.length > 0
              ? ' Channel 0 is a fixed point of the 2-group shuffle; the stride-2 unit that starts every stage feeds all channels to convolutions.'
              : ''}
          </p>
        )}
        {unitTrace && (
          <p>
            Shuffle permutation of unit {at?.unit}, computed by TensorFlow.js on a tensor whose channel c holds c (output position ← concat position):{' '}
            <output data-testid="shuffle-permutation" data-perm={JSON.stringify(unitTrace.perm)} className="font-mono text-slate-800 dark:text-slate-200">
              {unitTrace.perm.map((p, i) => `${i}←${p}`).join('  ')}
            </output>
          </p>
        )}
      </div>
    </div>
  );
}
