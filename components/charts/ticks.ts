/**
 * Ticks for a chart axis, computed by D3 and returned as plain data for React to draw (D3
 * computes, React owns the DOM). Works with any d3 continuous scale (linear, log, band-free).
 */

export interface AxisTick {
  readonly value: number;
  /** Pixel position along the axis (the scale's output). */
  readonly pos: number;
  readonly label: string;
}

/** The part of a d3 continuous scale the helper needs (linear and log scales both fit). */
export interface TickScale {
  (value: number): number;
  ticks(count?: number): number[];
  tickFormat(count?: number, specifier?: string): (value: number) => string;
}

export interface TickOptions {
  /** Roughly how many ticks (d3's hint). */
  readonly count?: number;
  /** Tick labels; default the scale's own tickFormat(count). */
  readonly format?: (value: number) => string;
  /**
   * Log scales: keep only powers of ten (falls back to the scale's ticks when fewer than two
   * decades are in range), so a log grid stays quiet.
   */
  readonly decades?: boolean;
  /** With `decades`: the tick count to fall back to when fewer than two decades are in range. */
  readonly fallbackCount?: number;
}

const isDecade = (t: number) => t > 0 && Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9;

export function axisTicks(scale: TickScale, { count = 5, format, decades = false, fallbackCount = count }: TickOptions = {}): AxisTick[] {
  let values = scale.ticks(count);
  if (decades) {
    const d = values.filter(isDecade);
    values = d.length >= 2 ? d : scale.ticks(fallbackCount);
  }
  const label = format ?? scale.tickFormat(count);
  return values.map((value) => ({ value, pos: scale(value), label: label(value) })).filter((t) => t.label !== '');
}

/** The plot area's edges in SVG pixels: gridlines span it, tick labels sit outside it. */
export interface PlotFrame {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** A frame from a chart's size and margins. */
export function plotFrame(width: number, height: number, m: { top: number; right: number; bottom: number; left: number }): PlotFrame {
  return { left: m.left, right: width - m.right, top: m.top, bottom: height - m.bottom };
}
