'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';

type Choice = 'system' | 'light' | 'dark';
const KEY = 'layerwise-theme';
const ICONS: Record<Choice, string> = {
  // monitor, sun, moon (24×24 strokes)
  system: 'M3 5h18v11H3zM8 20h8M12 16v4',
  light: 'M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4',
  dark: 'M20 14.5A8 8 0 0 1 9.5 4 8 8 0 1 0 20 14.5z',
};
const CHOICES: ReadonlyArray<{ value: Choice; label: string }> = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

function readChoice(): Choice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

function apply(choice: Choice) {
  const dark = choice === 'dark' || (choice === 'system' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.classList.toggle('dark', dark);
  document.documentElement.dataset.theme = choice;
}

const subscribeNothing = () => () => {};

/** System / light / dark, remembered in localStorage; "system" follows the OS setting live. */
export function ThemeToggle() {
  // The server cannot know the stored choice: render "system" there and the real one after mount.
  const mounted = useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
  const [choice, setChoice] = useState<Choice>(() => (typeof window === 'undefined' ? 'system' : readChoice()));

  useEffect(() => {
    if (choice !== 'system') return;
    const mq = matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => apply('system');
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, [choice]);

  const select = (next: Choice) => {
    setChoice(next);
    try {
      if (next === 'system') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, next);
    } catch {
      /* storage blocked: the choice still applies to this page */
    }
    apply(next);
  };

  const current = mounted ? choice : 'system';
  return (
    <div role="radiogroup" aria-label="Colour theme" className="flex rounded-lg border border-slate-200 p-0.5 text-xs dark:border-slate-700">
      {CHOICES.map((c) => (
        <button
          key={c.value}
          type="button"
          role="radio"
          aria-checked={current === c.value}
          aria-label={c.label}
          title={`${c.label} theme`}
          onClick={() => select(c.value)}
          className={
            // 24 px targets on a phone (WCAG 2.5.8), so the header's five links fit beside them at 390 px.
            'rounded-md p-1 sm:p-1.5 ' +
            (current === c.value
              ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900'
              : 'text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800')
          }
        >
          <svg
            width="16"
            height="16"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
            strokeLinejoin="round"
            aria-hidden="true"
          >
            <path d={ICONS[c.value]} />
          </svg>
        </button>
      ))}
    </div>
  );
}
