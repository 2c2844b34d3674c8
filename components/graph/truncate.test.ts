import { describe, expect, it } from 'vitest';
import { truncateWords } from './truncate';

describe('truncateWords', () => {
  it('keeps what fits', () => {
    expect(truncateWords('Dense block 1', 13)).toBe('Dense block 1');
  });

  it('cuts after a whole word, so the glyph shows the first words of its accessible name', () => {
    expect(truncateWords('Dense block 1', 10)).toBe('Dense…');
    expect(truncateWords('1.2G MACs · 335K params', 18)).toBe('1.2G MACs · 335K…');
    expect(truncateWords('conv 3x3/1, 64 → 128', 9)).toBe('conv 3x3…');
  });

  it('cuts inside a first word that is longer than the box', () => {
    expect(truncateWords('features.denseblock1', 6)).toBe('featu…');
    expect(truncateWords('denselayer12', 6)).toBe('dense…');
  });
});
