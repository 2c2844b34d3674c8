'use client';

import { ErrorNote } from '@/components/ui/Alert';
import { BackendNotice } from '@/components/ui/BackendNotice';
import { Button } from '@/components/ui/Button';
import { Progress } from '@/components/ui/Progress';
import type { SessionSnapshot } from '@/lib/widgets/train/session';
import type { TrainSessionApi } from './useTrainSession';

export interface TrainControlsProps {
  readonly api: TrainSessionApi;
  /** Starts (or resumes) training with the settings on screen. */
  readonly onTrain: () => void;
  /** Why Train cannot start (no model chosen), if it cannot. */
  readonly blocked?: string | null;
  readonly requestedBackend: string;
}

function outcome(s: SessionSnapshot): string {
  const done = s.models.filter((m) => m.status === 'done').length;
  switch (s.phase) {
    case 'done':
      return `Done: ${done} model${done === 1 ? '' : 's'} trained for ${s.config.steps} steps.`;
    case 'cancelled':
      return 'Cancelled: the step in flight was dropped; the curves and the weights of every completed step are kept.';
    case 'failed':
      return 'Stopped.';
    default:
      return '';
  }
}

/** Train / Pause / Resume / Cancel / Reset, the one progress display, the backend that ran and any failure. */
export function TrainControls({ api, onTrain, blocked, requestedBackend }: TrainControlsProps) {
  const s = api.snapshot;
  const phase = s?.phase ?? 'idle';
  const running = phase === 'training' || phase === 'loading';
  const progress = s?.progress;
  const text = api.booting
    ? 'Loading TensorFlow.js and the trainer…'
    : progress
      ? progress.label
      : s
        ? outcome(s)
        : 'Press Train: the digits (8,000 training images) load first, then the first step compiles the kernels.';
  return (
    <div className="space-y-2" data-testid="train-controls" data-phase={api.booting ? 'booting' : phase}>
      <div className="flex flex-wrap items-center gap-2">
        {!s || phase === 'idle' ? (
          <Button variant="primary" onClick={onTrain} disabled={api.booting || !!blocked} testId="train-start">
            Train
          </Button>
        ) : null}
        {running ? <Button onClick={api.pause}>Pause</Button> : null}
        {phase === 'paused' ? (
          <Button variant="primary" onClick={onTrain}>
            Resume
          </Button>
        ) : null}
        {running || phase === 'paused' ? <Button onClick={api.cancel}>Cancel</Button> : null}
        {s ? <Button onClick={() => void api.reset()}>Reset</Button> : null}
      </div>
      <Progress
        label="Training progress"
        fraction={api.booting ? 0 : progress && (running || phase === 'paused') ? (progress.total ? progress.done / progress.total : 0) : null}
        valueText={progress ? `${progress.done} of ${progress.total} steps` : undefined}
        text={text}
      />
      {blocked && !s ? <p className="text-[13px] text-slate-700 dark:text-slate-300">{blocked}</p> : null}
      {api.bootError ? <ErrorNote>{api.bootError}</ErrorNote> : null}
      {s?.error ? <ErrorNote>{s.error}</ErrorNote> : null}
      <BackendNotice info={s?.backend ?? null} requested={requestedBackend} verb="Training on" />
    </div>
  );
}
