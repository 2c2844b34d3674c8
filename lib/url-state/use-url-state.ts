'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { parseParams, toSearchParams, type Notice, type Schema, type StateOf } from './schema';

/**
 * A widget's or page's state, kept in the URL: parsed (with notices for bad values) from the
 * current search parameters, and updated with `router.replace` so every view is a shareable link
 * and the back button is not flooded with knob changes. Needs a <Suspense> boundary above it.
 */
export type Patch<S extends Schema> = Partial<StateOf<S>> | ((prev: StateOf<S>) => Partial<StateOf<S>>);

export function useUrlState<S extends Schema>(schema: S): [StateOf<S>, readonly Notice[], (patch: Patch<S>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const query = params.toString();
  const { state, notices } = useMemo(() => parseParams(schema, new URLSearchParams(query)), [schema, query]);

  // router.replace is asynchronous: two quick changes must build on each other, not on the state
  // of the last render, or the second would undo the first.
  const latest = useRef<StateOf<S>>(state);
  useEffect(() => {
    latest.current = state;
  }, [state]);

  const update = useCallback(
    (patch: Patch<S>) => {
      const merged = { ...latest.current, ...(typeof patch === 'function' ? patch(latest.current) : patch) };
      const next = toSearchParams(schema, merged).toString();
      latest.current = merged;
      router.replace(next ? `${pathname}?${next}` : pathname, { scroll: false });
    },
    [schema, router, pathname],
  );
  return [state, notices, update];
}
