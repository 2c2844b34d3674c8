/**
 * The grouped 3×3 convolution's weight, viewed as a matrix of output channels (rows) by input
 * channels (columns): C blocks of d×d on the diagonal, zeros elsewhere (each cell stands for one
 * 3×3 kernel). Layout in a square of `side` pixels.
 */
export interface DiagBlock {
  readonly group: number;
  readonly x: number;
  readonly y: number;
  readonly size: number;
  /** Channel range [start, end) of the group, on both axes. */
  readonly start: number;
  readonly end: number;
}

export interface BlockDiagonal {
  readonly channels: number;
  readonly cell: number;
  readonly blocks: readonly DiagBlock[];
  /** Non-zero share of the dense (Cd)×(Cd) matrix: 1/C. */
  readonly density: number;
  /** Weights a dense 3×3 conv on C·d channels would have, and those the grouped one has. */
  readonly denseWeights: number;
  readonly groupedWeights: number;
}

export function blockDiagonal(C: number, d: number, side: number, kernel = 9): BlockDiagonal {
  const channels = C * d;
  const cell = side / channels;
  const blocks: DiagBlock[] = Array.from({ length: C }, (_, g) => ({
    group: g,
    x: g * d * cell,
    y: g * d * cell,
    size: d * cell,
    start: g * d,
    end: (g + 1) * d,
  }));
  return { channels, cell, blocks, density: 1 / C, denseWeights: channels * channels * kernel, groupedWeights: C * d * d * kernel };
}

/** Which paths to draw when C is large: all up to `max`, else the first max−1 and the last. */
export function visiblePaths(C: number, max = 6): { shown: number[]; hidden: number } {
  if (C <= max) return { shown: Array.from({ length: C }, (_, i) => i), hidden: 0 };
  return { shown: [...Array.from({ length: max - 1 }, (_, i) => i), C - 1], hidden: C - max };
}
