'use client';

/**
 * Shared parts of the lab widgets' embeddable forms: the model's graph at the paper's knobs, a
 * model picker, a backend picker, and a compact runner (the lab's Runner, folded away) for the
 * widgets that need a run to show anything.
 */
import { useMemo, useState } from 'react';
import { Runner } from '@/components/lab/Runner';
import { BackendSelect } from '@/components/ui/BackendSelect';
import { Select } from '@/components/ui/Select';
import { BACKEND_CHOICES } from '@/lib/embed/schema';
import { MODEL_IDS, buildGraph, getModel, type Graph } from '@/lib/arch';
import type { RunResult } from '@/lib/lab/handle';
import type { BackendChoice } from '@/lib/lab/session';
import { labGraph } from '@/lib/models/lab-graph';
import { labSchema, type LabState } from '@/lib/models/lab-schema';
import { BACKEND_LABELS, isBackendName } from '@/lib/runtime/backend-names';
import { useEmbed } from '../context';

/** The registered model at its paper's knobs (and an input size, when given). */
export function useModelGraph(model: string, size?: number): Graph {
  return useMemo(() => {
    const defaults = Object.fromEntries(Object.entries(labSchema(model)).map(([k, p]) => [k, p.default])) as LabState;
    const built = labGraph(model, size === undefined ? defaults : { ...defaults, size });
    return built.ok ? built.graph : buildGraph(model);
  }, [model, size]);
}

export function asBackendChoice(b: string): BackendChoice {
  return b === 'auto' || isBackendName(b) ? b : 'auto';
}

export function ModelSelect({ value, onChange, disabled }: { value: string; onChange: (model: string) => void; disabled?: boolean }) {
  return <Select label="Model" control="model" value={value} disabled={disabled} onChange={onChange} options={MODEL_IDS.map((id) => [id, id] as const)} />;
}

export function BackendPicker({ value, onChange }: { value: (typeof BACKEND_CHOICES)[number]; onChange: (backend: (typeof BACKEND_CHOICES)[number]) => void }) {
  return <BackendSelect value={value} choices={BACKEND_CHOICES} onChange={onChange} />;
}

/**
 * The lab's Runner, folded into a <details>: it runs by itself when the embed starts (visible, or
 * Start clicked) and stays open for a Run button otherwise.
 */
export function CompactRunner(props: {
  /** The model id, for the summary line. */
  model: string;
  graph: Graph;
  backend: string;
  sample: string;
  seed: number;
  onSampleChange?: (sample: string) => void;
  /** Digits models: the test digit (the URL's), and where a new choice goes. */
  digit?: number;
  onDigitChange?: (digit: number) => void;
  onSeedChange: (seed: number) => void;
  onRun: (r: RunResult) => void;
  onInvalidate: () => void;
  result: RunResult | null;
}) {
  const { autoStart } = useEmbed();
  const [open, setOpen] = useState(!autoStart);
  const status = props.result ? `ran ${props.model} on ${BACKEND_LABELS[props.result.backend]}` : autoStart ? 'running…' : 'not run yet';
  return (
    <details
      className="rounded-lg border border-slate-200 dark:border-slate-800"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      data-testid="compact-runner"
    >
      <summary className="cursor-pointer select-none px-3 py-2 text-sm font-medium">
        Input, weights and run <span className="font-normal text-slate-500 dark:text-slate-400">({status})</span>
      </summary>
      <Runner
        graph={props.graph}
        dataset={getModel(props.model).dataset}
        backend={asBackendChoice(props.backend)}
        sample={props.sample}
        seed={props.seed}
        onSampleChange={props.onSampleChange}
        digit={props.digit}
        onDigitChange={props.onDigitChange}
        onSeedChange={props.onSeedChange}
        onRun={props.onRun}
        onInvalidate={props.onInvalidate}
        onGuardQuestion={(asking) => asking && setOpen(true)}
        autoRun={autoStart}
        className="rounded-t-none border-x-0 border-b-0"
      />
    </details>
  );
}

/** The run a lab embed keeps in its URL: which model on which backend, and its input. */
export interface EmbedRunState {
  readonly model: string;
  readonly backend: (typeof BACKEND_CHOICES)[number];
  readonly sample: string;
  readonly seed: number;
  readonly digit: number;
}

/**
 * The embed's last run, as long as it is a run of the graph shown (a model switch invalidates it),
 * and the CompactRunner wired to the embed's URL state that makes it.
 */
export function useEmbedRun<S extends EmbedRunState>(state: S, onChange: (patch: Partial<S>) => void, graph: Graph) {
  const [result, setResult] = useState<RunResult | null>(null);
  const current = result && result.graph === graph ? result : null;
  const runner = (
    <CompactRunner
      model={state.model}
      graph={graph}
      backend={state.backend}
      sample={state.sample}
      seed={state.seed}
      onSampleChange={(sample) => onChange({ sample } as Partial<S>)}
      digit={state.digit}
      onDigitChange={(digit) => onChange({ digit } as Partial<S>)}
      onSeedChange={(seed) => onChange({ seed } as Partial<S>)}
      onRun={setResult}
      onInvalidate={() => setResult(null)}
      result={current}
    />
  );
  return { current, runner };
}
