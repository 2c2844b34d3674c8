'use client';

import { createContext, useContext, type ReactNode } from 'react';

/**
 * Heading levels that follow where a widget is shown, so that every page's outline has one h1 and
 * skips no level (axe: page-has-heading-one, heading-order). The context holds the level of the
 * heading that titles the current part of the page: 2 by default (a lesson's or the lab's h2
 * sections), so a widget's frame is an h3 there; an embed page sets 0 (nothing above: the widget's
 * title is the page's h1) or 1 (the lab embeds' own h1). Headings inside are one level further down.
 */
const TitleLevel = createContext(2);

/** Sets the level of the heading above `children`: 0 when they start the page's outline. */
export function TitleLevelProvider({ level, children }: { level: number; children: ReactNode }) {
  return <TitleLevel.Provider value={level}>{children}</TitleLevel.Provider>;
}

/** The `h1`…`h6` one level below the heading above, and that level. */
export function useSubHeading(): { Tag: 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6'; level: 1 | 2 | 3 | 4 | 5 | 6 } {
  const level = Math.min(6, useContext(TitleLevel) + 1) as 1 | 2 | 3 | 4 | 5 | 6;
  return { Tag: `h${level}`, level };
}

/** A heading one level below the title of the widget (or page section) it is in. */
export function SubHeading({ className, children }: { className?: string; children: ReactNode }) {
  const { Tag } = useSubHeading();
  return <Tag className={className}>{children}</Tag>;
}
