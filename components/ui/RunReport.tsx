import type { BackendInfo } from '@/lib/runtime/backend';
import { BackendNotice } from './BackendNotice';
import { type TensorCheck, TensorReadout } from './TensorReadout';

export interface RunReportProps {
  /** The backend report of the last run, or null before any run. */
  readonly backend: BackendInfo | null;
  /** What the reader asked for ('auto' or a backend name). */
  readonly requested?: string;
  /** Tensors before and after the last run. */
  readonly tensors: TensorCheck | null;
  /** Test id of the tensor line, when a widget has more than one job. */
  readonly tensorTestId?: string;
}

/** What every tfjs widget says about its last run: which backend ran (and why not a faster one), and that no tensor leaked. */
export function RunReport({ backend, requested, tensors, tensorTestId }: RunReportProps) {
  return (
    <>
      <BackendNotice info={backend} requested={requested} />
      <TensorReadout tensors={tensors} testId={tensorTestId} />
    </>
  );
}
