/**
 * What an item's glyph and an expanded group's frame header draw, after shortening each line to
 * its box (pure: GraphScene draws these strings and builds the aria-labels from the same ones, so
 * the two cannot drift apart; tested in glyph-text.test.ts).
 */
import type { PositionedFrame, PositionedItem } from '@/lib/graph';
import { formatCount } from '@/lib/format';
import { glyphText, type GlyphLines } from './card-data';
import { truncateWords } from './truncate';

/** ~6 px per character at 11 px: keeps labels inside their fixed-size box. */
export const fitChars = (width: number, px: number): number => Math.floor(width / (px * 0.6));

/** The lines an item's glyph draws (a merge glyph draws only the first, after its symbol). */
export function drawnGlyphText(p: PositionedItem): GlyphLines {
  const { item, width: w } = p;
  const text = glyphText(item);
  switch (item.type) {
    case 'input':
      return { title: text.title };
    case 'group': {
      // Room left by the "▸ " marker, and by the expand-all button when the group holds groups.
      const room = item.childGroups > 0 ? w - 44 : w - 22;
      return { title: truncateWords(text.title, fitChars(room, 11)), sub: truncateWords(text.sub ?? '', fitChars(w - 16, 9.5)) };
    }
    case 'node':
      return p.shape === 'major'
        ? { title: truncateWords(text.title, fitChars(w - 16, 11)), sub: text.sub }
        : { title: truncateWords(text.title, fitChars(w - 12, 10.5)) };
  }
}

/** A frame header: the group's label, and its MACs at the right when the frame is wide enough. */
export interface FrameHeaderText {
  readonly label: string;
  readonly macs?: string;
}

export function drawnFrameText(f: PositionedFrame): FrameHeaderText {
  const macs = `${formatCount(f.frame.cost.macs)} MACs`;
  // The label gets what the cost figure leaves; the cost goes first when the frame is narrow.
  const macsWidth = macs.length * 9.5 * 0.6;
  const showMacs = f.width - 40 - macsWidth >= 80;
  const labelRoom = f.width - 30 - (showMacs ? macsWidth + 10 : 0);
  const label = truncateWords(f.frame.group.label, fitChars(labelRoom, 11));
  return showMacs ? { label, macs } : { label };
}
