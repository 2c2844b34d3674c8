'use client';

import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Field } from '@/components/ui/Field';
import { Select } from '@/components/ui/Select';
import { controlClass, smallButtonClass } from '@/components/ui/styles';
import { formatInt } from '@/lib/format';
import { digitsOfClass, isGridKey, moveInGrid, pageCount, pageOf } from '@/lib/lab/digit-grid';
import type { LabelledImages } from '@/lib/train/types';
import { DigitCanvas } from './DigitCanvas';

export interface TestDigitGridProps {
  /** The test split ([N, 1, 28, 28]). */
  readonly test: LabelledImages;
  /** The chosen test digit (index into the split), or null when the input is a drawing. */
  readonly selected: number | null;
  readonly onSelect: (index: number) => void;
  readonly disabled?: boolean;
}

const COLUMNS = 10;
const ROWS = 5;
const PAGE = COLUMNS * ROWS;
const CLASS_OPTIONS = [['all', 'all digits'] as const, ...Array.from({ length: 10 }, (_, d) => [String(d), `only ${d}s`] as const)];

/**
 * Every digit of the test split as a paged grid, one radio group with a roving tabindex: Tab
 * enters at the chosen digit, the arrow keys move and choose (as radios do), Home/End go to the
 * row's ends (Ctrl: the list's), PageUp/PageDown turn the page. A class filter and a number field
 * reach any of the 2,000 directly.
 */
export function TestDigitGrid({ test, selected, onSelect, disabled }: TestDigitGridProps) {
  const id = useId();
  const [only, setOnly] = useState<number | null>(null);
  const list = useMemo(() => digitsOfClass(test.labels, only), [test, only]);
  const at = selected === null ? -1 : list.indexOf(selected);
  const [page, setPage] = useState(() => (at >= 0 ? pageOf(at, PAGE) : 0));
  // Follow a choice made elsewhere (the number field, the URL) to its page.
  const [seen, setSeen] = useState({ selected, list });
  if (seen.selected !== selected || seen.list !== list) {
    setSeen({ selected, list });
    setPage(at >= 0 ? pageOf(at, PAGE) : 0);
  }
  const pages = pageCount(list.length, PAGE);
  const first = page * PAGE;
  const cells = list.slice(first, first + PAGE);
  // The one tab stop: the chosen digit when it is on this page, else the page's first.
  const tabStop = at >= first && at < first + PAGE ? at : first;

  const cellRefs = useRef(new Map<number, HTMLButtonElement>());
  // The cell a key moved to gets the focus once it is rendered (it may be on another page).
  const focusAt = useRef<number | null>(null);
  useEffect(() => {
    if (focusAt.current === null) return;
    cellRefs.current.get(focusAt.current)?.focus();
    focusAt.current = null;
  });

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!isGridKey(e.key) || disabled) return;
    e.preventDefault();
    const from = at >= first && at < first + PAGE ? at : tabStop;
    const to = moveInGrid(from, e.key, { count: list.length, columns: COLUMNS, pageSize: PAGE }, e.ctrlKey || e.metaKey);
    setPage(pageOf(to, PAGE));
    focusAt.current = to;
    // Same page, same choice (an end reached): no render follows, so focus now.
    cellRefs.current.get(to)?.focus();
    if (list[to] !== selected) onSelect(list[to]);
  };

  const turn = (p: number) => setPage(Math.max(0, Math.min(pages - 1, p)));
  const label = (i: number) => `test digit ${i}, a ${test.labels[i]}`;
  const last = test.labels.length - 1;

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <div className="w-32">
          <Select
            label="Show"
            control="digit-class"
            value={only === null ? 'all' : String(only)}
            options={CLASS_OPTIONS}
            onChange={(v) => setOnly(v === 'all' ? null : Number(v))}
          />
        </div>
        <Field label="Test digit" control="digit" hint={`0–${last}`}>
          {(fid, hintId) => (
            <input
              id={fid}
              type="number"
              min={0}
              max={last}
              aria-describedby={hintId}
              disabled={disabled}
              className={`w-24 ${controlClass}`}
              value={selected ?? ''}
              placeholder="—"
              onChange={(e) => {
                const n = Number(e.target.value);
                if (e.target.value !== '' && Number.isInteger(n) && n >= 0 && n <= last) onSelect(n);
              }}
            />
          )}
        </Field>
      </div>
      <div
        role="radiogroup"
        aria-label="Test digits"
        aria-describedby={`${id}-keys`}
        className="grid grid-cols-10 gap-0.5"
        onKeyDown={onKeyDown}
        data-testid="test-digit-grid"
      >
        {cells.map((i, k) => {
          const pos = first + k;
          const checked = i === selected;
          return (
            <button
              key={i}
              ref={(el) => {
                if (el) cellRefs.current.set(pos, el);
                else cellRefs.current.delete(pos);
              }}
              type="button"
              role="radio"
              aria-checked={checked}
              aria-label={label(i)}
              tabIndex={pos === tabStop ? 0 : -1}
              disabled={disabled}
              title={label(i)}
              data-index={i}
              onClick={() => onSelect(i)}
              className={`overflow-hidden rounded-sm border-2 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent-500 ${
                checked ? 'border-accent-500 dark:border-accent-400' : 'border-transparent hover:border-slate-400 dark:hover:border-slate-500'
              }`}
            >
              <DigitCanvas pixels={test.images.subarray(i * 784, (i + 1) * 784)} className="block aspect-square w-full" />
            </button>
          );
        })}
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600 dark:text-slate-400">
        <button type="button" className={smallButtonClass} disabled={page === 0} onClick={() => turn(page - 1)}>
          Previous page
        </button>
        <span aria-live="polite" data-testid="test-digit-page">
          {list.length === 0
            ? 'No digits'
            : `${formatInt(first + 1)}–${formatInt(first + cells.length)} of ${formatInt(list.length)}${only === null ? '' : ` ${only}s`} (page ${page + 1} of ${pages})`}
        </span>
        <button type="button" className={smallButtonClass} disabled={page >= pages - 1} onClick={() => turn(page + 1)}>
          Next page
        </button>
      </div>
      <p id={`${id}-keys`} className="text-[11px] text-slate-600 dark:text-slate-400">
        Arrow keys move and choose; Home and End go to the row&rsquo;s ends; Page Up and Page Down turn the page.
      </p>
    </div>
  );
}
