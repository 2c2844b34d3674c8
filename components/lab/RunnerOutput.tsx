'use client';

import type { ReactNode } from 'react';

import { Button } from '@/components/ui/Button';
import { DescriptionList } from '@/components/ui/DescriptionList';
import { Progress } from '@/components/ui/Progress';
import { NO_VALUE } from '@/lib/format';
import type { Dataset } from '@/lib/arch/registry';
import type { RunResult } from '@/lib/lab/handle';
import { type ProgressState, progressView } from '@/lib/lab/progress';
import { BACKEND_LABELS, type BackendName } from '@/lib/runtime/backend-names';
import type { WasmThreads } from '@/lib/runtime/wasm-threads';
import { RgbaCanvas } from './RgbaCanvas';
import { Top5 } from './Top5';
import { SubHeading } from '@/components/ui/Heading';

export interface BackendStatus {
  readonly backend: BackendName;
  readonly renderer: string;
  readonly gpuTimer: boolean;
  /** Why the backend differs from the one asked for (a failure, a lost context), or null. */
  readonly message: string | null;
  /** On WebAssembly: its threads, and why not more. */
  readonly threads?: WasmThreads | null;
  /** On WebAssembly: which kernels run the convolutions. */
  readonly convKernels?: string | null;
}

export interface RunnerOutputProps {
  readonly busy: boolean;
  readonly onRun: () => void;
  readonly progress: ProgressState | null;
  readonly idleText: string;
  readonly result: RunResult | null;
  readonly runError: string | null;
  readonly backendStatus: BackendStatus | null;
  readonly numTensors: number | null;
  /** Shown under the progress bar: the run guard's refusal or question. */
  readonly notice?: ReactNode;
  /** The model's input kind: digits models show the digit as is and point to /train for weights. */
  readonly dataset?: Dataset;
}

/** torchvision has no digits weights: they come from /train (or the CLI's `arch train`). */
const DIGITS_WEIGHTS_HINT = 'Train it on the Train page, or load weights trained there or with `arch train` (a .safetensors file), to see real predictions.';

/** The output half of the Runner: the Run button, progress, the top-5, what the model saw, diagnostics. */
export function RunnerOutput({ busy, onRun, progress, idleText, result, runError, backendStatus, numTensors, notice, dataset }: RunnerOutputProps) {
  const digits = dataset === 'digits';
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="primary" onClick={onRun} disabled={busy}>
          {busy ? 'Running…' : result ? 'Run again' : 'Run'}
        </Button>
        {backendStatus && (
          <span className="text-xs text-slate-600 dark:text-slate-400" data-testid="runner-backend" data-backend={backendStatus.backend}>
            on {BACKEND_LABELS[backendStatus.backend]}
          </span>
        )}
      </div>
      <Progress label="Model run progress" {...progressView(progress, idleText)} />
      {notice}
      {backendStatus?.message && (
        <p
          role="alert"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700/60 dark:bg-amber-950/40 dark:text-amber-200"
        >
          {backendStatus.message}
        </p>
      )}
      {backendStatus?.backend === 'wasm' && backendStatus.threads?.notice && (
        <p role="note" className="text-xs text-slate-600 dark:text-slate-400" data-testid="threads-notice">
          {backendStatus.threads.notice}
        </p>
      )}
      {runError && (
        <p
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800/70 dark:bg-red-950/40 dark:text-red-200"
        >
          {runError}
        </p>
      )}
      {result && (
        <div className="space-y-3">
          <SubHeading className="text-sm font-semibold text-slate-900 dark:text-white">{digits ? 'Top-5 digits' : 'Top-5 classes'}</SubHeading>
          <Top5
            predictions={result.top5}
            randomWeights={result.randomWeights}
            seed={result.weights.kind === 'seeded' ? result.weights.seed : undefined}
            weightsHint={digits ? DIGITS_WEIGHTS_HINT : undefined}
          />
          <figure className="flex items-center gap-3">
            <RgbaCanvas
              image={result.inputPreview}
              label={
                digits
                  ? `What the model sees: the ${result.inputPreview.width}×${result.inputPreview.height} digit`
                  : `What the model sees: the ${result.inputPreview.width}×${result.inputPreview.height} centre crop`
              }
              pixelated={digits}
              className="h-20 w-20 rounded border border-slate-200 dark:border-slate-700"
            />
            <figcaption className="text-xs text-slate-600 dark:text-slate-400">
              {digits
                ? `What the model sees: the ${result.inputPreview.width}×${result.inputPreview.height} grey digit, values in [0, 1], with no normalisation.`
                : `What the model sees: resized and centre-cropped to ${result.inputPreview.width}×${result.inputPreview.height}, as torchvision does.`}
            </figcaption>
          </figure>
        </div>
      )}
      <details className="text-xs text-slate-600 dark:text-slate-400">
        <summary className="cursor-pointer">Diagnostics</summary>
        <DescriptionList
          className="mt-2"
          items={[
            ['Backend', backendStatus ? BACKEND_LABELS[backendStatus.backend] : 'not started'],
            ['Renderer', backendStatus?.renderer ?? NO_VALUE],
            ['Layer timer', backendStatus ? (backendStatus.gpuTimer ? 'GPU kernel timer' : 'wall clock') : NO_VALUE],
            ...(backendStatus?.threads ? ([['Threads', String(backendStatus.threads.count)]] as const) : []),
            ...(backendStatus?.convKernels
              ? ([
                  [
                    'Convolutions',
                    <span key="k" data-testid="runner-conv-kernels">
                      {backendStatus.convKernels}
                    </span>,
                  ],
                ] as const)
              : []),
            [
              'Tensors in memory',
              <span key="n" data-testid="runner-num-tensors">
                {numTensors ?? NO_VALUE}
              </span>,
            ],
          ]}
        />
      </details>
    </div>
  );
}
