'use client';

import { useCallback, useEffect, useState } from 'react';
import { type TfjsJob, useTfjsJob } from '@/components/hooks/useTfjsJob';
import { useRunGuard } from '@/components/hooks/useRunGuard';
import type { GuardQuestion } from '@/components/ui/RunGuardNotice';
import { footprint } from '@/lib/arch/footprint';
import { EFFECTIVE_FIELD_PASSES } from '@/lib/explain/effective-rf';
import { guardRun } from '@/lib/runtime/run-guard';
import type { CellGradient } from '@/lib/explain/effective-rf-run';
import type { LabHandle } from '@/lib/lab/handle';
import { sameUnit, type Unit } from '@/lib/lab/cell-selection';

interface Done {
  readonly source: LabHandle;
  readonly layer: string;
  readonly unit: Unit;
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
 * a new selection cancels the job of the previous one.
 */
export function useEffectiveField(source: LabHandle | null, layer: string | null, unit: Unit | null): EffectiveField {
  const job = useTfjsJob();
  const { run, cancel } = job;
  const { question, allow, confirm, cancel: cancelQuestion } = useRunGuard();
  const [done, setDone] = useState<Done | null>(null);
  const channel = unit?.channel ?? -1;
  const row = unit?.cell[0] ?? -1;
  const col = unit?.cell[1] ?? -1;

  const start = useCallback(
    async function go(): Promise<void> {
      if (!source?.effectiveField || !layer || channel < 0) return;
      const handle = source;
      // Forward and backward: about EFFECTIVE_FIELD_PASSES forward passes; asked once per model and backend.
      const decision = guardRun(footprint(handle.graph), handle.backend, { passes: EFFECTIVE_FIELD_PASSES, verb: 'Compute it' });
      if (!allow(`${handle.graph.id}|${handle.backend}`, decision, () => void go())) return;
      const u: Unit = { channel, cell: [row, col] };
      const gradient = await run('Computing the effective field', (ctx) =>
        handle.effectiveField!({ layer, channel, cell: u.cell, ...ctx.request, onProgress: (d, t) => ctx.progress(d, t, 'Computing the effective field') }),
      );
      if (gradient) setDone({ source: handle, layer, unit: u, gradient });
    },
    [source, layer, channel, row, col, run, allow],
  );

  // A short delay merges bursts (Enter held down, clicks across cells) into one job.
  useEffect(() => {
    const t = setTimeout(() => void start(), 120);
    return () => {
      clearTimeout(t);
      cancel();
    };
  }, [start, cancel]);

  const gradient = done && done.source === source && done.layer === layer && sameUnit(done.unit, unit) ? done.gradient : null;
  return { job, gradient, available: !!source?.effectiveField, start, question, confirm, cancelQuestion };
}
