/**
 * Byte sizes, in SI units: kB = 1000 B, MB = 10⁶ B, GB = 10⁹ B.
 *
 * Why SI and not KiB/MiB: every other size on the site is decimal. The bundle budgets of the
 * issue tracker and Next's build output are in kB = 1000 B, weight files are compared with
 * download sizes (decimal), and counts use the same k/M/G prefixes, so "25.6 M params" of
 * float32 weights read as "102 MB" without a second convention to remember. The units are
 * spelled "kB", "MB", "GB" (never "KB", which has meant both).
 */
import { withPrefix } from './count';
import { isFiniteNumber, NO_VALUE } from './number';

/** 512 → "512 B"; 25_600_000 → "25.6 MB"; 1_048_576 → "1.05 MB". */
export function formatBytes(b: number | null | undefined, digits = 3): string {
  if (!isFiniteNumber(b)) return NO_VALUE;
  const { text, prefix } = withPrefix(b, { digits });
  return `${text} ${prefix}B`;
}
