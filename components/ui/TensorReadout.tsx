export interface TensorCheck {
  readonly before: number;
  /** null while the job runs. */
  readonly after: number | null;
}

/** Tensors tfjs holds, before the run and now: equal when nothing leaked. */
export function TensorReadout({ tensors, testId = 'tensor-readout' }: { readonly tensors: TensorCheck | null; readonly testId?: string }) {
  if (!tensors) return null;
  const ok = tensors.after !== null && tensors.after === tensors.before;
  return (
    <p
      className="mt-2 text-xs text-slate-700 dark:text-slate-300"
      data-testid={testId}
      data-before={tensors.before}
      data-after={tensors.after ?? ''}
      data-leaked={tensors.after === null ? undefined : tensors.after - tensors.before}
    >
      Tensors in memory: {tensors.after ?? '…'} (before the run: {tensors.before})
      {tensors.after !== null ? (ok ? ' ✓ nothing leaked' : ' ⚠ not back to the count before the run') : ''}
    </p>
  );
}
