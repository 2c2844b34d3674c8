'use client';

import { Caveat } from '@/components/ui/Alert';
import { DescriptionList, type DescriptionItem } from '@/components/ui/DescriptionList';
import { GradientLegend } from '@/components/ui/GradientLegend';
import { RunButton } from '@/components/ui/RunButton';
import { RunReport } from '@/components/ui/RunReport';
import { RunGuardNotice } from '@/components/ui/RunGuardNotice';
import type { Pair } from '@/lib/arch/ir';
import type { Field } from '@/lib/arch/receptive-field';
import { MASS_FRACTION, type Box, type EffectiveFieldSummary, type TheoreticalBox } from '@/lib/explain/effective-rf';
import { HEAT_SCALE_NAME, heatStops } from '@/lib/explain/heatmap';
import { formatPercent, formatSig } from '@/lib/format';
import type { WeightsLabel } from '@/lib/lab/handle';
import type { UnitGrid, Unit } from '@/lib/lab/cell-selection';
import type { EffectiveField } from './useEffectiveField';
import { FIELD_COLOURS } from './FieldImage';

const LUO_2016 = 'https://proceedings.neurips.cc/paper/2016/hash/c8067ad1937f728f51288b3eb986afaa-Abstract.html';
const ARAUJO_2019 = 'https://distill.pub/2019/computing-receptive-fields/';

const size = (p: Pair) => `${p[0]}×${p[1]} px`;
const span = (b: Box) => `rows ${b[0]}–${b[2]}, columns ${b[1]}–${b[3]}`;
const pct = formatPercent(MASS_FRACTION, 2);

/** "Channel 12, cell (3, 5)" or "Feature 412" (a vector's unit). */
export function unitName(grid: UnitGrid, u: Unit): string {
  return grid.layout === 'NCHW' ? `Channel ${u.channel}, cell (${u.cell[0]}, ${u.cell[1]})` : `Feature ${u.channel}`;
}

function theoreticalText(f: Field, t: TheoreticalBox, image: Pair): string {
  if (t.global) return `the whole ${size(image)} image (a global pool mixes every position)`;
  const jump = f.jump[0] === f.jump[1] ? `${f.jump[0]}` : `${f.jump[0]}×${f.jump[1]}`;
  const larger = t.larger[0] || t.larger[1] ? `, larger than the ${image[0]}×${image[1]} image` : '';
  const whole = t.size[0] === image[0] && t.size[1] === image[1];
  const on = whole
    ? 'it covers the whole image'
    : t.clipped
      ? `${size(t.size)} of it lies on the image (${span(t.box)}), the rest in the padding`
      : span(t.box);
  return `${size(t.rf)}, jump ${jump} px${larger}; ${on}`;
}

export interface FieldReadoutProps {
  readonly layer: string;
  readonly unit: Unit;
  readonly grid: UnitGrid;
  readonly field: Field;
  readonly theoretical: TheoreticalBox;
  readonly image: Pair;
  readonly summary: EffectiveFieldSummary | null;
  readonly erf: EffectiveField;
  readonly weights: WeightsLabel;
}

/** What the selected unit's two fields are, in numbers and words, with the job that computes the effective one. */
export function FieldReadout({ layer, unit, grid, field, theoretical, image, summary, erf, weights }: FieldReadoutProps) {
  const { job, gradient } = erf;
  const zero = gradient && summary && !(summary.peak > 0);
  const items: DescriptionItem[] = [['Theoretical', theoreticalText(field, theoretical, image)]];
  if (summary && gradient && summary.extent && summary.ratio) {
    items.push(
      [`Effective (${pct})`, `${size(summary.extent.size)} (${span(summary.extent.box)})`],
      [
        'Effective ÷ theoretical',
        `${formatSig(summary.ratio.side, 2)} (rows ${formatSig(summary.ratio.rows, 2)}, columns ${formatSig(summary.ratio.cols, 2)})`,
      ],
      ['Nonzero gradient', summary.footprint ? size([summary.footprint[2] - summary.footprint[0] + 1, summary.footprint[3] - summary.footprint[1] + 1]) : '—'],
    );
  }
  if (gradient) items.push(['Value of the unit', formatSig(gradient.value)]);

  const sentence = !erf.available
    ? 'The theoretical field is drawn on the image; the effective field is computed in the model lab, which runs its own model.'
    : job.running
      ? `Computing the effective field of ${unitName(grid, unit).toLowerCase()}…`
      : zero
        ? `${unitName(grid, unit)} is ${formatSig(gradient.value)} on this image${gradient.value === 0 ? ' (an activation cut it to zero)' : ''}, so no input pixel moves it: its gradient is zero everywhere. Pick a brighter cell, or a layer before the activation.`
        : summary?.ratio && summary.extent
          ? `Effective field of ${unitName(grid, unit).toLowerCase()} of ${layer}: ${pct} of the gradient lies within ${size(summary.extent.size)}, ${formatSig(summary.ratio.side, 2)} of the theoretical ${size(theoretical.size)}.`
          : `Theoretical field of ${unitName(grid, unit).toLowerCase()} of ${layer}: ${size(theoretical.size)} on the image.`;

  return (
    <div
      role="group"
      aria-label="Receptive field of the selected cell"
      className="space-y-2 rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-700"
      data-testid="field-readout"
    >
      <div className="grid gap-x-4 gap-y-2 md:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="min-w-0 space-y-1.5">
          <p className="font-semibold text-slate-900 dark:text-white">
            {unitName(grid, unit)} of {layer}
          </p>
          <p role="status" aria-live="polite" className="text-slate-700 dark:text-slate-300" data-testid="erf-readout" data-ratio={summary?.ratio?.side ?? ''}>
            {sentence}
          </p>
          <DescriptionList className="text-xs tabular-nums" items={items} testId="field-numbers" />
        </div>
        <div className="min-w-0 space-y-2 text-xs">
          {erf.available ? (
            <RunButton
              onRun={erf.start}
              job={job}
              variant="secondary"
              unit="steps"
              doneText={gradient && summary && summary.peak > 0 ? 'Done: the colours on the image are its effective field.' : undefined}
              errorText={(m) => `The effective field could not be computed: ${m}`}
            >
              {gradient ? 'Compute it again' : 'Compute the effective field'}
            </RunButton>
          ) : null}
          <RunGuardNotice decision={erf.question} onConfirm={erf.confirm} onCancel={erf.cancelQuestion} confirmLabel="Compute it anyway" />
          {erf.available ? <RunReport backend={job.backend} tensors={job.tensors} tensorTestId="erf-tensors" /> : null}
          {weights.kind === 'seeded' ? (
            <Caveat testId="erf-random">These weights are random: the effective field shows what the architecture does, not what a network learned.</Caveat>
          ) : null}
        </div>
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        The <em>theoretical</em> field is every input pixel this unit can depend on, from the kernels, strides and padding of the layers before it (
        <a className="text-link" href={ARAUJO_2019}>
          Araujo et al. 2019
        </a>
        ), clipped to the image. The <em>effective</em> field is how much each pixel actually moves the unit on this image: the gradient |∂y/∂x|, summed over
        the colour channels. Its extent is the box that holds {pct} of that gradient, {formatPercent((1 - MASS_FRACTION) / 2, 2)} cut off each side along rows
        and along columns (for a Gaussian, about 4σ); the ratio compares its sides with the theoretical field&apos;s on the image (the square root of the two
        areas&apos; ratio). Luo, Li, Urtasun and Zemel (
        <a className="text-link" href={LUO_2016}>
          NeurIPS 2016
        </a>
        ) found effective fields roughly Gaussian and much smaller than the theoretical ones, the more so the deeper the layer; they average over many images,
        this is one.
      </p>
    </div>
  );
}

function Swatch({ colour, dashed }: { colour: string; dashed?: boolean }) {
  return (
    <svg width="18" height="10" className="mr-1 inline-block align-middle" aria-hidden="true">
      <rect x="1" y="1" width="16" height="8" fill="none" stroke="#000" strokeWidth="3" />
      <rect x="1" y="1" width="16" height="8" fill="none" stroke={colour} strokeWidth="1.5" strokeDasharray={dashed ? '4 2' : undefined} />
    </svg>
  );
}

/** What the marks and colours over the image mean (under the image). */
export function FieldLegend({ peak }: { readonly peak: number | null }) {
  return (
    <div className="space-y-2">
      {peak !== null && peak > 0 ? (
        <GradientLegend
          ariaLabel={`Colour scale ${HEAT_SCALE_NAME}: |∂y/∂x| from 0 to its largest value, ${formatSig(peak)}`}
          stops={heatStops()}
          ticks={[
            { offset: 0, label: '0' },
            { offset: 1, label: formatSig(peak) },
          ]}
          caption={`|∂y/∂x|, summed over the colour channels, ÷ its largest value (${HEAT_SCALE_NAME}; faint where small)`}
        />
      ) : null}
      <ul className="space-y-0.5 text-xs text-slate-600 dark:text-slate-400" aria-label="Marks on the image">
        <li>
          <Swatch colour={FIELD_COLOURS.theoretical} dashed /> theoretical field
        </li>
        <li>
          <Swatch colour={FIELD_COLOURS.effective} /> box holding {pct} of the gradient
        </li>
        <li>
          <span
            className="mr-1 inline-block h-2.5 w-2.5 rounded-full border border-black align-middle"
            style={{ background: FIELD_COLOURS.cell }}
            aria-hidden="true"
          />
          the field’s centre (the selected cell’s place)
        </li>
      </ul>
    </div>
  );
}
