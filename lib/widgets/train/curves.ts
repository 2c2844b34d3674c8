/**
 * The geometry of the training lab's live curves, computed with D3 (scales, ticks, SVG paths) and
 * handed to React as plain data (D3 computes, React owns the DOM; components/charts' Axis draws
 * the axes). Framework-free, so it is unit-tested in Node.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { axisTicks, plotFrame, type AxisTick, type PlotFrame } from '@/components/charts/ticks';
import { trimZeros, formatSig } from '@/lib/format';

export interface CurvePoint {
  /** Optimizer steps done when the value was measured (a step's own report counts as step + 1). */
  readonly x: number;
  readonly y: number;
}

export interface CurveSeries {
  readonly key: string;
  readonly points: readonly CurvePoint[];
  /** 'line': a path; 'dots': a path with a marker at every point (sparse test evaluations). */
  readonly style: 'line' | 'faint' | 'dots';
}

export interface CurveLayout {
  readonly frame: PlotFrame;
  readonly xTicks: AxisTick[];
  readonly yTicks: AxisTick[];
  readonly paths: readonly {
    readonly key: string;
    readonly style: CurveSeries['style'];
    readonly d: string;
    readonly dots: readonly { x: number; y: number }[];
  }[];
}

export const CURVE_MARGIN = { top: 8, right: 12, bottom: 34, left: 44 } as const;

/**
 * Exponential moving average with TensorBoard's debiasing (the first values are not pulled towards
 * zero): s_t = α s_{t−1} + (1 − α) v_t, shown as s_t / (1 − α^t). Non-finite values are skipped.
 */
export function smooth(values: readonly number[], alpha: number): number[] {
  let s = 0;
  let n = 0;
  return values.map((v) => {
    if (!Number.isFinite(v)) return n ? s / (1 - alpha ** n) : v;
    n++;
    s = alpha * s + (1 - alpha) * v;
    return s / (1 - alpha ** n);
  });
}

/** At most `max` points: the mean of each run of consecutive points (a long run stays cheap to draw). */
export function downsample(points: readonly CurvePoint[], max: number): CurvePoint[] {
  if (points.length <= max) return [...points];
  const per = Math.ceil(points.length / max);
  const out: CurvePoint[] = [];
  for (let i = 0; i < points.length; i += per) {
    const chunk = points.slice(i, i + per);
    out.push({ x: chunk[chunk.length - 1].x, y: chunk.reduce((a, p) => a + p.y, 0) / chunk.length });
  }
  return out;
}

export interface CurveLayoutInput {
  readonly series: readonly CurveSeries[];
  readonly width: number;
  readonly height: number;
  /** The x axis spans 0..xMax (the planned steps), so the curve grows into a fixed frame. */
  readonly xMax: number;
  /** Fixed y domain (accuracy: [0, 1]); default 0..the largest value. */
  readonly yDomain?: readonly [number, number];
  readonly yFormat?: (v: number) => string;
  /** Most points a path gets (default: one per 2 px of plot width). */
  readonly maxPoints?: number;
}

export function curveLayout({ series, width, height, xMax, yDomain, yFormat, maxPoints }: CurveLayoutInput): CurveLayout {
  const frame = plotFrame(width, height, CURVE_MARGIN);
  const x = scaleLinear()
    .domain([0, Math.max(1, xMax)])
    .range([frame.left, frame.right]);
  const top = Math.max(1e-6, ...series.flatMap((s) => s.points.map((p) => p.y)).filter(Number.isFinite));
  const y = scaleLinear()
    .domain(yDomain ? [yDomain[0], yDomain[1]] : [0, top])
    .nice()
    .range([frame.bottom, frame.top]);
  const budget = maxPoints ?? Math.max(20, Math.floor((frame.right - frame.left) / 2));
  const path = line<CurvePoint>()
    .defined((p) => Number.isFinite(p.y))
    .x((p) => x(p.x))
    .y((p) => y(Math.min(y.domain()[1], p.y)));
  const xTicks = axisTicks(x, { count: Math.max(2, Math.round((frame.right - frame.left) / 70)), format: (v) => trimZeros(formatSig(v)) });
  const yTicks = axisTicks(y, { count: 4, format: yFormat ?? ((v) => trimZeros(formatSig(v, 2))) });
  return {
    frame,
    xTicks,
    yTicks,
    paths: series.map((s) => {
      const pts = s.style === 'dots' ? [...s.points] : downsample(s.points, budget);
      return {
        key: s.key,
        style: s.style,
        d: path(pts) ?? '',
        dots: s.style === 'dots' ? pts.filter((p) => Number.isFinite(p.y)).map((p) => ({ x: x(p.x), y: y(p.y) })) : [],
      };
    }),
  };
}
