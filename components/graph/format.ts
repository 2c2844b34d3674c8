/** Number formatting for the graph's labels and cards (pure; tested in format.test.ts). */
import { humanCount, type Shape } from '@/lib/arch';

export const shapeText = (s: Shape): string => s.join('×');

/** "1.23 M" and, when it helps, the exact count. */
export function countText(n: number): string {
  const h = humanCount(n);
  return n >= 1000 ? `${h} (${n.toLocaleString('en-US')})` : h;
}

export function bytesText(b: number): string {
  if (b >= 1e9) return `${(b / 1e9).toFixed(2)} GB`;
  if (b >= 1e6) return `${(b / 1e6).toFixed(2)} MB`;
  if (b >= 1e3) return `${(b / 1e3).toFixed(1)} KB`;
  return `${b} B`;
}

/** Compact count for labels inside the graph: 1.2M, 340K, 12. */
export function shortCount(n: number): string {
  return humanCount(n).replace(' ', '');
}
