'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';

type Choice = 'system' | 'light' | 'dark';
const KEY = 'layerwise-theme';
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
  const mounted = useSyncExternalStore(subscribeNothing, () => true, () => false);
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
          onClick={() => select(c.value)}
          className={
            'rounded-md px-2 py-1 ' +
            (current === c.value
              ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900'
              : 'text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800')
          }
        >
          {c.label}
        </button>
      ))}
    </div>
  );
}
