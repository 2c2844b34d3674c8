'use client';

/**
 * MnasNet's factorized hierarchical search space, hands on: the 7 blocks with their choices as
 * knobs, a seeded "Sample" (lib/arch's sampler), params and MACs from the spec at once, the
 * architecture's latency measured on this device with tfjs, and a small random or evolutionary
 * search that plots MACs against measured latency with the Pareto front marked.
 */
import { useMemo, useState } from 'react';
import { useTfjsJob } from '@/components/hooks/useTfjsJob';
import { BackendSelect } from '@/components/ui/BackendSelect';
import { Button } from '@/components/ui/Button';
import { RunButton } from '@/components/ui/RunButton';
import { Select } from '@/components/ui/Select';
import { Stat, StatGrid } from '@/components/ui/Stat';
import { Toggle } from '@/components/ui/Toggle';
import type { MnasBlockChoice } from '@/lib/arch';
import { formatMillions, formatMs, formatPercent } from '@/lib/format';
import { decodeMnasBlocks, encodeMnasBlocks } from '@/lib/models/mnas-code';
import { BACKEND_CHOICES } from '@/lib/widgets/guideline-lab/meta';
import type { SearchSpaceSchema } from '@/lib/widgets/search-space/meta';
import {
  MOBILENETV2_BLOCKS,
  PUBLISHED_ACCURACY_POINTS,
  SEARCH_MODES,
  SEARCH_SIZES,
  archCost,
  paretoFront,
  standInAccuracy,
  sampleBlocks,
  type SearchPoint,
} from '@/lib/widgets/search-space/search';
import type { WidgetProps } from '@/lib/widgets/types';
import { SearchBestTable } from './SearchBestTable';
import { SearchBlockTable } from './SearchBlockTable';
import { SearchChart } from './SearchChart';
import { SubHeading } from '@/components/ui/Heading';
import { RunReport } from '@/components/ui/RunReport';

const SAMPLE_COUNTS = [4, 8, 16, 24, 32, 48];

export function SearchSpaceWidget({ state, onChange }: WidgetProps<SearchSpaceSchema>) {
  const decoded = useMemo(() => decodeMnasBlocks(state.blocks), [state.blocks]);
  const blocks = useMemo(() => (decoded.ok ? decoded.blocks : [...MOBILENETV2_BLOCKS]), [decoded]);
  const cost = useMemo(() => archCost(blocks), [blocks]);
  const measureJob = useTfjsJob();
  const searchJob = useTfjsJob();
  const busy = measureJob.running || searchJob.running;
  const [latency, setLatency] = useState<{ code: string; size: string; backend: string; ms: number } | null>(null);
  const [points, setPoints] = useState<SearchPoint[]>([]);
  const [targetMs, setTargetMs] = useState<number | null>(null);
  const [searchSize, setSearchSize] = useState(Number(state.size));
  const size = Number(state.size);
  const setBlocks = (b: readonly MnasBlockChoice[]) => onChange({ blocks: encodeMnasBlocks(b) });
  const current = latency && latency.code === state.blocks && latency.size === state.size && latency.backend === state.backend ? latency : null;

  const sample = () => {
    const seed = (state.seed + 1) % 1_000_000;
    onChange({ seed, blocks: encodeMnasBlocks(sampleBlocks(seed)) });
  };

  const measure = async () => {
    const { measureArchitecture } = await import('@/lib/widgets/search-space/measure');
    const req = { code: state.blocks, size: state.size, backend: state.backend };
    const r = await measureJob.run('Measuring', (ctx) => measureArchitecture({ blocks, size, reduced: state.reduced, backend: state.backend, ...ctx.request }));
    if (r) setLatency({ ...req, ms: r.ms });
  };

  const search = async () => {
    const { runSearch } = await import('@/lib/widgets/search-space/measure');
    setPoints([]);
    setTargetMs(null);
    setSearchSize(size);
    await searchJob.run('Searching', (ctx) =>
      runSearch({
        mode: state.mode,
        seed: state.seed,
        samples: state.samples,
        size,
        reduced: state.reduced,
        backend: state.backend,
        ...ctx.request,
        onTarget: (ms) => {
          setTargetMs(ms);
          ctx.progress(0, state.samples, 'Searching');
        },
        onPoint: (p, done, total) => {
          setPoints((ps) => [...ps, p]);
          ctx.progress(done, total, 'Searching');
        },
      }),
    );
  };

  const front = paretoFront(points);

  return (
    <div>
      {!decoded.ok && (
        <p role="alert" className="mb-2 text-xs text-amber-800 dark:text-amber-200">
          The block choices given were not valid ({decoded.error}); showing MobileNetV2 instead.
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="primary" onClick={sample} disabled={busy} control="seed">
          Sample
        </Button>
        <Button onClick={() => setBlocks(MOBILENETV2_BLOCKS)} disabled={busy} control="blocks">
          MobileNetV2
        </Button>
        <span className="text-xs text-slate-600 dark:text-slate-400" data-testid="search-seed">
          seed {state.seed}
        </span>
      </div>
      <div className="mt-3" data-control="blocks">
        <SearchBlockTable blocks={blocks} onChange={setBlocks} disabled={busy} />
      </div>
      <div className="mt-3" data-testid="arch-cost" data-params={cost.params} data-macs={cost.macs}>
        <StatGrid columns={4}>
          <Stat label="Parameters (spec)" value={formatMillions(cost.params, 2)} testId="arch-params" />
          <Stat label="Multiply-adds at 224×224" value={formatMillions(cost.macs)} testId="arch-macs" />
          <Stat label="Stand-in accuracy*" value={formatPercent(standInAccuracy(cost.macs))} />
          <Stat
            label="Latency here"
            value={current ? formatMs(current.ms) : 'not measured'}
            testId="arch-latency"
            data={{ 'data-ms': current ? current.ms.toFixed(3) : '' }}
          />
        </StatGrid>
      </div>

      <div className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Select
          label="Input size for timing"
          control="size"
          value={state.size}
          disabled={busy}
          onChange={(size) => onChange({ size })}
          options={SEARCH_SIZES.map((sz) => [sz, `${sz}×${sz}`] as const)}
        />
        <BackendSelect value={state.backend} choices={BACKEND_CHOICES} disabled={busy} onChange={(backend) => onChange({ backend })} />
        <Toggle
          className="col-span-2 self-end pb-1"
          label="Quick measurements"
          control="reduced"
          checked={state.reduced}
          disabled={busy}
          onChange={(reduced) => onChange({ reduced })}
        />
      </div>
      <RunButton variant="secondary" onRun={measure} job={measureJob} disabled={busy}>
        Measure latency on this device
      </RunButton>
      <RunReport backend={measureJob.backend} requested={state.backend} tensors={measureJob.tensors} tensorTestId="tensor-readout-measure" />

      <SubHeading className="mt-5 text-sm font-semibold text-slate-900 dark:text-white">A small search</SubHeading>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        Measures MobileNetV2 here first and uses its latency as the target T (as the paper did on the Pixel), then {state.samples} candidates, scored with the
        soft reward (α = β = −0.07).
      </p>
      <div className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Select
          label="Strategy"
          control="mode"
          value={state.mode}
          disabled={busy}
          onChange={(mode) => onChange({ mode })}
          options={SEARCH_MODES.map((mode) => [mode, mode === 'random' ? 'Random' : 'Evolution'] as const)}
        />
        <Select
          label="Candidates"
          control="samples"
          value={String(state.samples)}
          disabled={busy}
          onChange={(v) => onChange({ samples: Number(v) })}
          options={[...new Set([...SAMPLE_COUNTS, state.samples])].sort((a, b) => a - b).map((n) => [String(n), String(n)] as const)}
        />
      </div>
      <RunButton onRun={search} job={searchJob} disabled={busy} unit="candidates">
        Run search
      </RunButton>
      <RunReport backend={searchJob.backend} requested={state.backend} tensors={searchJob.tensors} tensorTestId="tensor-readout-search" />
      {points.length > 0 && (
        <div className="mt-3" data-testid="search-result" data-points={points.length} data-front={front.filter(Boolean).length}>
          <SearchChart points={points} targetMs={targetMs} size={searchSize} onPick={(p) => setBlocks(p.blocks)} />
          <SearchBestTable points={points} front={front} disabled={busy} onLoad={(p) => setBlocks(p.blocks)} />
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            ◆ and blue: on the Pareto front (no other candidate is both faster here and has more MACs, hence a higher stand-in accuracy). Click a dot to load
            it.
          </p>
        </div>
      )}
      <p className="mt-3 rounded-md bg-amber-50 px-2 py-1.5 text-xs text-amber-950 dark:bg-amber-500/10 dark:text-amber-100" data-testid="stand-in-note">
        * Stand-in, not a measurement: accuracy needs training (the paper trained every sample for 5 epochs on ImageNet). This widget uses a curve fitted to
        MnasNet-A1&apos;s published top-1 at five widths ({PUBLISHED_ACCURACY_POINTS.map((p) => `${p.macsM}M: ${formatPercent(p.top1)}`).join(', ')}), so it
        rewards multiply-adds, not good design. Latency, params and MACs are real.
      </p>
    </div>
  );
}
