'use client';

import { useMemo, useState } from 'react';
import { KnobsPanel } from '@/components/model-lab/KnobsPanel';
import { hintClass } from '@/components/ui/styles';
import { formatMacs, formatParams } from '@/lib/format';
import { isVariantSlot, knobParams, modelCost, slotDefaults, slotKnobNames, slotModelOf } from '@/lib/widgets/train/knobs';

/**
 * One training slot's architecture knobs (lib/widgets/train/knobs.ts), in the model lab's own
 * panel (components/model-lab/KnobsPanel.tsx, the same controls from the same declarations), under
 * a disclosure that says which variant it is and what it costs: params and MACs follow the knobs.
 */
export function ModelKnobs({
  slot,
  state,
  onChange,
  onRemove,
  indent = false,
  showCost = true,
}: {
  readonly slot: string;
  readonly state: Readonly<Record<string, unknown>>;
  readonly onChange: (patch: Record<string, unknown>) => void;
  /** A second variant can be removed. */
  readonly onRemove?: () => void;
  /** Indented under the model's checkbox (/train); flush in the embed. */
  readonly indent?: boolean;
  /** Params and MACs in the summary (off where the line above already shows them). */
  readonly showCost?: boolean;
}) {
  const schema = useMemo(() => knobParams([slot]), [slot]);
  const names = useMemo(() => slotKnobNames(slot), [slot]);
  const { model, notices } = slotModelOf(slot, state);
  const cost = modelCost(model.id, model.knobs);
  const variant = isVariantSlot(slot);
  // Open at first where there is something to see: a second variant, or knobs a link changed.
  const [open] = useState(variant || model.variant !== '');
  const reset = () => onChange(slotDefaults(slot));
  return (
    <details className={`${indent ? 'ml-6 ' : ''}rounded-md border border-slate-200 px-2 py-1 dark:border-slate-800`} data-testid={`knobs-${slot}`} open={open}>
      <summary className="cursor-pointer text-[13px]">
        {variant ? 'Variant B' : 'Knobs'}
        {model.variant ? `: ${model.variant}` : variant ? ': as registered' : ''}
        {showCost ? (
          <>
            {' '}
            <KnobCost slot={slot} params={cost.params} macs={cost.macs} />
          </>
        ) : null}
      </summary>
      <div className="mt-2 space-y-2">
        <KnobsPanel
          schema={schema}
          names={names}
          state={state}
          onChange={onChange}
          onReset={reset}
          error={notices.length ? notices.map((n) => n.message).join(' ') : null}
          whileInvalid=""
          title={variant ? `${model.id}, variant B` : `Knobs of ${model.id}`}
          resetLabel="Reset to the registered model"
          compact
        />
        {onRemove ? (
          <button type="button" onClick={onRemove} className="text-xs text-accent-600 hover:underline dark:text-accent-300">
            Remove variant B
          </button>
        ) : null}
      </div>
    </details>
  );
}

/** What a slot's network costs (lib/arch's counters), with the exact numbers for tests and tools. */
export function KnobCost({ slot, params, macs }: { readonly slot: string; readonly params: number; readonly macs: number }) {
  return (
    <span className={hintClass} data-testid={`cost-${slot}`} data-params={params} data-macs={macs}>
      {formatParams(params)} · {formatMacs(macs)}
    </span>
  );
}
