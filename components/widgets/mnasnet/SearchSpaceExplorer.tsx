'use client';

/**
 * MnasNet's factorized hierarchical search space, hands on: the 7 blocks with their choices as
 * knobs, a seeded "Sample" (lib/arch's sampler), params and MACs from the spec at once, the
 * architecture's latency measured on this device with tfjs, and a small random or evolutionary
 * search that plots MACs against measured latency with the Pareto front marked.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { useId, useMemo, useState } from 'react';
import {
  MNAS_CONV_OPS,
  MNAS_FILTER_MULTS,
  MNAS_KERNELS,
  MNAS_SE_RATIOS,
  MNAS_SEARCH_BASE_WIDTHS,
  MNAS_STRIDES,
  mnasWidths,
  resolveMnasNet,
  type MnasBlockChoice,
} from '@/lib/arch';
import { decodeMnasBlocks, encodeMnasBlocks } from '@/lib/models/mnas-code';
import { BACKEND_CHOICES } from '@/lib/widgets/guideline-lab/meta';
import {
  MOBILENETV2_BLOCKS,
  PUBLISHED_ACCURACY_POINTS,
  SEARCH_MODES,
  SEARCH_SIZES,
  archCost,
  layerChoices,
  paretoFront,
  sampleBlocks,
  standInAccuracy,
  type SearchMode,
  type SearchPoint,
} from '@/lib/widgets/search-space/search';
import { searchSpaceMeta, type SearchSpaceSchema } from '@/lib/widgets/search-space/meta';
import { lessonWidget } from '@/components/widgets/LessonWidget';
import type { WidgetProps } from '@/lib/widgets/types';
import { BackendNotice, BackendSelect, Field, JobProgress, TensorReadout, buttonClass, fmtMs, primaryButtonClass, selectClass, useChartWidth, useTfjsJob } from '@/components/widgets/shufflenet/common';
import { TABLE_STYLE } from '@/components/widgets/shufflenet/table-style';

const OP_LABEL: Record<MnasBlockChoice['op'], string> = { conv: 'Conv', sepconv: 'SepConv', mbconv1: 'MBConv1', mbconv3: 'MBConv3', mbconv6: 'MBConv6' };
const SAMPLE_COUNTS = [4, 8, 16, 24, 32, 48];

const m = (n: number, d = 1) => `${(n / 1e6).toFixed(d)}M`;

function BlockTable({ blocks, onChange, disabled }: { blocks: readonly MnasBlockChoice[]; onChange: (b: MnasBlockChoice[]) => void; disabled: boolean }) {
  const captionId = useId();
  const widths = mnasWidths(resolveMnasNet({ blocks, baseWidths: MNAS_SEARCH_BASE_WIDTHS })).blocks;
  const set = (i: number, patch: Partial<MnasBlockChoice>) => onChange(blocks.map((b, j) => (j === i ? { ...b, ...patch } : b)));
  const sel = `${selectClass} px-1 py-0.5 text-xs`;
  // Output side length of each block: 112 after the stem, divided by each block's stride.
  const sides: number[] = [];
  let side = 112;
  for (const s of MNAS_STRIDES) {
    side /= s;
    sides.push(side);
  }
  return (
    <>
      <p id={captionId} className="mb-1 text-xs text-slate-600 dark:text-slate-400">
        One layer design per block, repeated N times; only the first layer of a block has stride 2 (MobileNetV2 backbone: widths {MNAS_SEARCH_BASE_WIDTHS.join(', ')}).
      </p>
      <div className="overflow-x-auto">
        <table aria-labelledby={captionId} style={TABLE_STYLE} className="w-full min-w-[34rem] border-collapse text-left text-xs">
          <thead>
            <tr className="border-b border-slate-200 text-slate-600 dark:border-slate-700 dark:text-slate-400">
              <th scope="col" className="py-1 pr-1 font-medium">
                Block
              </th>
              <th scope="col" className="py-1 pr-1 font-medium">
                ConvOp
              </th>
              <th scope="col" className="py-1 pr-1 font-medium">
                Kernel
              </th>
              <th scope="col" className="py-1 pr-1 font-medium">
                SE
              </th>
              <th scope="col" className="py-1 pr-1 font-medium">
                Skip
              </th>
              <th scope="col" className="py-1 pr-1 font-medium">
                Filters
              </th>
              <th scope="col" className="py-1 font-medium">
                Layers N
              </th>
            </tr>
          </thead>
          <tbody>
            {blocks.map((b, i) => {
              const res = sides[i];
              return (
                <tr key={i} className="border-b border-slate-100 dark:border-slate-800">
                  <th scope="row" className="py-1 pr-1 font-normal whitespace-nowrap">
                    {i + 1} <span className="text-slate-500 dark:text-slate-400">({res}²)</span>
                  </th>
                  <td className="py-1 pr-1">
                    <select aria-label={`Block ${i + 1} ConvOp`} className={sel} value={b.op} disabled={disabled} onChange={(e) => set(i, { op: e.target.value as MnasBlockChoice['op'] })}>
                      {MNAS_CONV_OPS.map((o) => (
                        <option key={o} value={o}>
                          {OP_LABEL[o]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="py-1 pr-1">
                    <select aria-label={`Block ${i + 1} kernel`} className={sel} value={b.kernel} disabled={disabled} onChange={(e) => set(i, { kernel: Number(e.target.value) as MnasBlockChoice['kernel'] })}>
                      {MNAS_KERNELS.map((k) => (
                        <option key={k} value={k}>
                          {k}×{k}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="py-1 pr-1">
                    <select aria-label={`Block ${i + 1} squeeze-and-excitation`} className={sel} value={b.se} disabled={disabled} onChange={(e) => set(i, { se: Number(e.target.value) as MnasBlockChoice['se'] })}>
                      {MNAS_SE_RATIOS.map((s) => (
                        <option key={s} value={s}>
                          {s === 0 ? 'none' : s}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="py-1 pr-1">
                    <select aria-label={`Block ${i + 1} skip`} className={sel} value={b.skip} disabled={disabled} onChange={(e) => set(i, { skip: e.target.value as MnasBlockChoice['skip'] })}>
                      <option value="none">none</option>
                      <option value="identity">identity</option>
                    </select>
                  </td>
                  <td className="py-1 pr-1 whitespace-nowrap">
                    <select aria-label={`Block ${i + 1} filter size`} className={sel} value={b.filterMult} disabled={disabled} onChange={(e) => set(i, { filterMult: Number(e.target.value) as MnasBlockChoice['filterMult'] })}>
                      {MNAS_FILTER_MULTS.map((f) => (
                        <option key={f} value={f}>
                          ×{f}
                        </option>
                      ))}
                    </select>{' '}
                    <span className="tabular-nums text-slate-500 dark:text-slate-400">{widths[i]}</span>
                  </td>
                  <td className="py-1">
                    <select aria-label={`Block ${i + 1} layers`} className={sel} value={b.layers} disabled={disabled} onChange={(e) => set(i, { layers: Number(e.target.value) })}>
                      {[...new Set([...layerChoices(i), b.layers])].sort((a, c) => a - c).map((l) => (
                        <option key={l} value={l}>
                          {l}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

const CW_MAX = 640;

function SearchChart({ points, targetMs, size, onPick }: { points: readonly SearchPoint[]; targetMs: number | null; size: number; onPick: (p: SearchPoint) => void }) {
  const [chartRef, CW] = useChartWidth(CW_MAX);
  const narrow = CW < 480;
  const CH = narrow ? 260 : 320;
  const CM = { top: 14, right: 16, bottom: 42, left: 60 };
  const front = paretoFront(points);
  const lat = points.map((p) => p.latencyMs).concat(targetMs ?? []);
  const macs = points.map((p) => p.macs / 1e6);
  const x = scaleLinear()
    .domain([0, Math.max(1, ...lat) * 1.08])
    .range([CM.left, CW - CM.right])
    .nice();
  const y = scaleLinear()
    .domain([0, Math.max(1, ...macs) * 1.1])
    .range([CH - CM.bottom, CM.top])
    .nice();
  const frontPts = points.filter((_, i) => front[i]).sort((a, b) => a.latencyMs - b.latencyMs);
  // The front as a staircase: up to each front point's MACs, then right to the next.
  const stairs: Array<[number, number]> = [];
  frontPts.forEach((p, i) => {
    if (i > 0) stairs.push([p.latencyMs, frontPts[i - 1].macs / 1e6]);
    stairs.push([p.latencyMs, p.macs / 1e6]);
  });
  const path = line<[number, number]>()
    .x((d) => x(d[0]))
    .y((d) => y(d[1]))(stairs);
  return (
    <div ref={chartRef} className="w-full">
    <svg width={CW} height={CH} viewBox={`0 0 ${CW} ${CH}`} className="block max-w-full" role="img" aria-label={`Multiply-adds against measured latency for ${points.length} sampled architectures; ${frontPts.length} on the Pareto front`}>
      <g fontSize={11}>
        {x.ticks(narrow ? 4 : 6).map((t) => (
          <g key={`x${t}`} transform={`translate(${x(t)},0)`}>
            <line y1={CM.top} y2={CH - CM.bottom} stroke="currentColor" strokeOpacity={0.1} />
            <text y={CH - CM.bottom + 16} textAnchor="middle" className="fill-slate-600 dark:fill-slate-400">
              {t}
            </text>
          </g>
        ))}
        {y.ticks(5).map((t) => (
          <g key={`y${t}`} transform={`translate(0,${y(t)})`}>
            <line x1={CM.left} x2={CW - CM.right} stroke="currentColor" strokeOpacity={0.1} />
            <text x={CM.left - 6} dy="0.32em" textAnchor="end" className="fill-slate-600 dark:fill-slate-400">
              {t}M
            </text>
          </g>
        ))}
      </g>
      <text x={(CM.left + CW - CM.right) / 2} y={CH - 6} textAnchor="middle" fontSize={12} className="fill-slate-700 dark:fill-slate-300">
        Measured latency here at {size}×{size} (ms)
      </text>
      <text transform={`translate(12,${(CM.top + CH - CM.bottom) / 2}) rotate(-90)`} textAnchor="middle" fontSize={12} className="fill-slate-700 dark:fill-slate-300">
        Multiply-adds at 224×224
      </text>
      {targetMs !== null && (
        <g>
          <line x1={x(targetMs)} x2={x(targetMs)} y1={CM.top} y2={CH - CM.bottom} stroke="currentColor" strokeDasharray="4 3" className="text-slate-500" />
          <text x={x(targetMs) + 4} y={CM.top + 10} fontSize={11} className="fill-slate-600 dark:fill-slate-400">
            {narrow ? `T = ${fmtMs(targetMs)}` : `T = MobileNetV2 here (${fmtMs(targetMs)})`}
          </text>
        </g>
      )}
      {path && <path d={path} fill="none" strokeWidth={1.5} className="stroke-accent-600 dark:stroke-accent-300" strokeDasharray="5 3" />}
      {points.map((p, i) => (
        <circle
          key={p.index}
          cx={x(p.latencyMs)}
          cy={y(p.macs / 1e6)}
          r={front[i] ? 5.5 : 4}
          className={front[i] ? 'cursor-pointer fill-accent-600 dark:fill-accent-300' : 'cursor-pointer fill-slate-400 dark:fill-slate-500'}
          stroke="white"
          strokeWidth={1}
          data-front={front[i] ? 'true' : 'false'}
          onClick={() => onPick(p)}
        >
          <title>{`#${p.index + 1}: ${fmtMs(p.latencyMs)}, ${m(p.macs)} MACs, stand-in accuracy ${(p.accuracy * 100).toFixed(1)}%, reward ${p.reward.toFixed(4)}${front[i] ? ' (Pareto front)' : ''}`}</title>
        </circle>
      ))}
    </svg>
    </div>
  );
}

export function SearchSpaceWidget({ state, onChange }: WidgetProps<SearchSpaceSchema>) {
  const decoded = useMemo(() => decodeMnasBlocks(state.blocks), [state.blocks]);
  const blocks = useMemo(() => (decoded.ok ? decoded.blocks : [...MOBILENETV2_BLOCKS]), [decoded]);
  const cost = useMemo(() => archCost(blocks), [blocks]);
  const captionId2 = useId();
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
    const r = await measureJob.run('Measuring', (ctx) =>
      measureArchitecture({ blocks, size, reduced: state.reduced, backend: state.backend, ...ctx.request }),
    );
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
  const best = [...points].sort((a, b) => b.reward - a.reward).slice(0, 5);

  return (
    <div>
      {!decoded.ok && (
        <p role="alert" className="mb-2 text-xs text-amber-800 dark:text-amber-200">
          The block choices given were not valid ({decoded.error}); showing MobileNetV2 instead.
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className={primaryButtonClass} onClick={sample} disabled={busy} data-control="seed">
          Sample
        </button>
        <button type="button" className={buttonClass} onClick={() => setBlocks(MOBILENETV2_BLOCKS)} disabled={busy} data-control="blocks">
          MobileNetV2
        </button>
        <span className="text-xs text-slate-600 dark:text-slate-400" data-testid="search-seed">
          seed {state.seed}
        </span>
      </div>
      <div className="mt-3" data-control="blocks">
        <BlockTable blocks={blocks} onChange={setBlocks} disabled={busy} />
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4" data-testid="arch-cost" data-params={cost.params} data-macs={cost.macs}>
        <div>
          <dt className="text-xs text-slate-500 dark:text-slate-400">Parameters (spec)</dt>
          <dd className="font-semibold tabular-nums" data-testid="arch-params">
            {m(cost.params, 2)}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500 dark:text-slate-400">Multiply-adds at 224×224</dt>
          <dd className="font-semibold tabular-nums" data-testid="arch-macs">
            {m(cost.macs)}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500 dark:text-slate-400">Stand-in accuracy*</dt>
          <dd className="font-semibold tabular-nums">{(standInAccuracy(cost.macs) * 100).toFixed(1)}%</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500 dark:text-slate-400">Latency here</dt>
          <dd className="font-semibold tabular-nums" data-testid="arch-latency" data-ms={current ? current.ms.toFixed(3) : ''}>
            {current ? fmtMs(current.ms) : 'not measured'}
          </dd>
        </div>
      </dl>

      <div className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Field label="Input size for timing" control="size">
          {(id) => (
            <select id={id} className={selectClass} value={state.size} disabled={busy} onChange={(e) => onChange({ size: e.target.value as (typeof SEARCH_SIZES)[number] })}>
              {SEARCH_SIZES.map((s) => (
                <option key={s} value={s}>
                  {s}×{s}
                </option>
              ))}
            </select>
          )}
        </Field>
        <BackendSelect value={state.backend} choices={BACKEND_CHOICES} disabled={busy} onChange={(b) => onChange({ backend: b as (typeof BACKEND_CHOICES)[number] })} />
        <label className="col-span-2 flex items-center gap-2 self-end pb-1 text-sm" data-control="reduced">
          <input type="checkbox" checked={state.reduced} disabled={busy} onChange={(e) => onChange({ reduced: e.target.checked })} />
          Quick measurements
        </label>
      </div>
      <div className="mt-3">
        <button type="button" className={buttonClass} onClick={measure} disabled={busy}>
          Measure latency on this device
        </button>
        <JobProgress status={measureJob.status} onCancel={measureJob.cancel} />
        <BackendNotice info={measureJob.backend} requested={state.backend} />
        <TensorReadout tensors={measureJob.tensors} testId="tensor-readout-measure" />
      </div>

      <h4 className="mt-5 text-sm font-semibold text-slate-900 dark:text-white">A small search</h4>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        Measures MobileNetV2 here first and uses its latency as the target T (as the paper did on the Pixel), then {state.samples} candidates, scored with the soft reward
        (α = β = −0.07).
      </p>
      <div className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Field label="Strategy" control="mode">
          {(id) => (
            <select id={id} className={selectClass} value={state.mode} disabled={busy} onChange={(e) => onChange({ mode: e.target.value as SearchMode })}>
              {SEARCH_MODES.map((mode) => (
                <option key={mode} value={mode}>
                  {mode === 'random' ? 'Random' : 'Evolution'}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Candidates" control="samples">
          {(id) => (
            <select id={id} className={selectClass} value={state.samples} disabled={busy} onChange={(e) => onChange({ samples: Number(e.target.value) })}>
              {[...new Set([...SAMPLE_COUNTS, state.samples])].sort((a, b) => a - b).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="col-span-2 flex items-end">
          <button type="button" className={primaryButtonClass} onClick={search} disabled={busy}>
            Run search
          </button>
        </div>
      </div>
      <JobProgress status={searchJob.status} onCancel={searchJob.cancel} />
      <BackendNotice info={searchJob.backend} requested={state.backend} />
      <TensorReadout tensors={searchJob.tensors} testId="tensor-readout-search" />
      {points.length > 0 && (
        <div className="mt-3" data-testid="search-result" data-points={points.length} data-front={front.filter(Boolean).length}>
          <SearchChart points={points} targetMs={targetMs} size={searchSize} onPick={(p) => setBlocks(p.blocks)} />
          <p id={captionId2} className="mt-2 mb-1 text-xs text-slate-600 dark:text-slate-400">
            Best candidates by reward (stand-in accuracy × (latency / T)^−0.07)
          </p>
          <div className="overflow-x-auto">
            <table aria-labelledby={captionId2} style={TABLE_STYLE} className="w-full min-w-[28rem] border-collapse text-left text-xs">
              <thead>
                <tr className="border-b border-slate-200 text-slate-600 dark:border-slate-700 dark:text-slate-400">
                  <th scope="col" className="py-1 pr-2 font-medium">
                    #
                  </th>
                  <th scope="col" className="py-1 pr-2 text-right font-medium">
                    Latency
                  </th>
                  <th scope="col" className="py-1 pr-2 text-right font-medium">
                    MACs
                  </th>
                  <th scope="col" className="py-1 pr-2 text-right font-medium">
                    Stand-in acc.
                  </th>
                  <th scope="col" className="py-1 pr-2 text-right font-medium">
                    Reward
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    <span className="sr-only">Load</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {best.map((p) => (
                  <tr key={p.index} className="border-b border-slate-100 dark:border-slate-800">
                    <td className="py-1 pr-2 tabular-nums">
                      {p.index + 1}
                      {front[points.indexOf(p)] ? ' ◆' : ''}
                    </td>
                    <td className="py-1 pr-2 text-right tabular-nums">{fmtMs(p.latencyMs)}</td>
                    <td className="py-1 pr-2 text-right tabular-nums">{m(p.macs)}</td>
                    <td className="py-1 pr-2 text-right tabular-nums">{(p.accuracy * 100).toFixed(1)}%</td>
                    <td className="py-1 pr-2 text-right font-medium tabular-nums">{p.reward.toFixed(4)}</td>
                    <td className="py-1">
                      <button type="button" className="text-accent-600 underline disabled:opacity-50 dark:text-accent-300" disabled={busy} onClick={() => setBlocks(p.blocks)}>
                        Load #{p.index + 1}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">◆ and blue: on the Pareto front (no other candidate is both faster here and has more MACs, hence a higher stand-in accuracy). Click a dot to load it.</p>
        </div>
      )}
      <p className="mt-3 rounded-md bg-amber-50 px-2 py-1.5 text-xs text-amber-950 dark:bg-amber-500/10 dark:text-amber-100" data-testid="stand-in-note">
        * Stand-in, not a measurement: accuracy needs training (the paper trained every sample for 5 epochs on ImageNet). This widget uses a curve fitted to MnasNet-A1&apos;s
        published top-1 at five widths ({PUBLISHED_ACCURACY_POINTS.map((p) => `${p.macsM}M: ${(p.top1 * 100).toFixed(1)}%`).join(', ')}), so it rewards multiply-adds, not
        good design. Latency, params and MACs are real.
      </p>
    </div>
  );
}

/** The lesson form: state held in the page, initialised from MDX props (components/widgets/LessonWidget.tsx). */
export const SearchSpaceExplorer = lessonWidget(searchSpaceMeta, SearchSpaceWidget);
