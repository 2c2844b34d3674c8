/** Tensor shapes as the lessons write them: [24, 56, 56] → "24×56×56". */
export function formatShape(shape: readonly number[]): string {
  return shape.join('×');
}
