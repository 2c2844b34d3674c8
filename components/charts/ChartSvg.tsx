import type { ReactNode, Ref } from 'react';

export interface ChartSvgProps {
  readonly width: number;
  readonly height: number;
  /** The chart's accessible name (also its <title>, the tooltip of the whole figure). */
  readonly title: string;
  /** The lab's figures export this node as SVG/PNG, so fonts and colours are set on it, not inherited from CSS files. */
  readonly svgRef?: Ref<SVGSVGElement>;
  readonly testId?: string;
  readonly onMouseLeave?: () => void;
  readonly children: ReactNode;
}

/**
 * The root of the lab's fixed-width SVG charts (time scatter, roofline, share bars): one place for
 * the viewBox, the image role and name, and the font and colour every exported figure carries.
 */
export function ChartSvg({ width, height, title, svgRef, testId, onMouseLeave, children }: ChartSvgProps) {
  return (
    <svg
      ref={svgRef}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-label={title}
      className="block max-w-full text-slate-700 dark:text-slate-300"
      fontFamily="ui-sans-serif, system-ui, sans-serif"
      fontSize={11}
      onMouseLeave={onMouseLeave}
      data-testid={testId}
    >
      <title>{title}</title>
      {children}
    </svg>
  );
}
