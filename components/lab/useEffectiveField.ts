'use client';

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { type TfjsJob, useTfjsJob } from '@/components/hooks/useTfjsJob';
import { useRunGuard } from '@/components/hooks/useRunGuard';
import type { GuardQuestion } from '@/components/ui/RunGuardNotice';
import { footprint } from '@/lib/arch/footprint';
import { effectiveFieldPasses } from '@/lib/explain/effective-rf';
import { guardRun } from '@/lib/runtime/run-guard';
import type { CellGradient } from '@/lib/explain/effective-rf-run';
import type { LabHandle } from '@/lib/lab/handle';
import type { Unit } from '@/lib/lab/cell-selection';
import { type FieldSelection, NO_FIELD_SELECTION, fieldJobId, nextFieldSelection } from '@/lib/lab/effective-field-selection';

interface Done {
  /** The job it came from (effective-field-selection.ts fieldJobId). */
  readonly id: string;
  readonly gradient: CellGradient;
}

export interface EffectiveField {
  readonly job: TfjsJob;
  /** The gradient of the selected unit, once computed for this very run, layer and unit. */
  readonly gradient: CellGradient | null;
  /** Whether the source can differentiate its model (the lab's runs can; the training lab's maps cannot). */
  readonly available: boolean;
  /** Computes it (again); asks first when the run guard expects it to take long. */
  readonly start: () => Promise<void>;
  /** The run guard's question ("about N s … Compute it anyway?") or refusal, while one is open. */
  readonly question: GuardQuestion | null;
  readonly confirm: () => void;
  readonly cancelQuestion: () => void;
}

/**
 * The effective receptive field of the selected unit, as a job of the page's queue (useTfjsJob:
 * progress, Cancel, the tensor check), started whenever the run, the layer or the unit changes;
 * a new selection cancels the job (and drops the question) of the previous one. A new handle of
 * the same run is not a new selection: the job, its question and its result stay
 * (lib/lab/effective-field-selection.ts).
 */
export function useEffectiveField(source: LabHandle | null, layer: string | null, unit: Unit | null): EffectiveField {
  const job = useTfjsJob();
  const { run, cancel } = job;
  const { question, allow, confirm, cancel: cancelQuestion } = useRunGuard();
  const [selection, setSelection] = useState<FieldSelection>(NO_FIELD_SELECTION);
  const next = nextFieldSelection(selection, source, layer, unit);
  if (next !== selection) setSelection(next);
  const id = fieldJobId(next);
  const [done, setDone] = useState<Done | null>(null);

  // What a start works on: the latest handle and selection (one `start` for the hook's life).
  const latest = useRef({ source, layer, unit, id });
  useLayoutEffect(() => {
    latest.current = { source, layer, unit, id };
  });

  const start = useCallback(
    async function go(): Promise<void> {
      const { source: handle, layer: l, unit: u, id: forId } = latest.current;
      if (!handle?.effectiveField || !l || !u || !forId) return;
      // Forward and backward: about effectiveFieldPasses forward passes; asked once per model and backend.
      const decision = guardRun(footprint(handle.graph), handle.backend, { passes: effectiveFieldPasses(handle.threads), verb: 'Compute it' });
      if (!allow(`${handle.graph.id}|${handle.backend}`, decision, () => void go())) return;
      const gradient = await run('Computing the effective field', (ctx) =>
        handle.effectiveField!({
          layer: l,
          channel: u.channel,
          cell: u.cell,
          ...ctx.request,
          onProgress: (d, t) => ctx.progress(d, t, 'Computing the effective field'),
        }),
      );
      if (gradient) setDone({ id: forId, gradient });
    },
    [run, allow],
  );

  // Once per selection and run. A short delay merges bursts (Enter held down, clicks across cells) into one job.
  useEffect(() => {
    if (!id) return;
    const t = setTimeout(() => void start(), 120);
    return () => {
      clearTimeout(t);
      cancel();
      cancelQuestion();
    };
  }, [id, start, cancel, cancelQuestion]);

  const gradient = done && done.id === id ? done.gradient : null;
  return { job, gradient, available: !!source?.effectiveField, start, question, confirm, cancelQuestion };
}
