'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { parseParams, toSearchParams, type Notice, type Schema, type StateOf } from './schema';

/**
 * A widget's or page's state, kept in the URL: parsed (with notices for bad values) from the
 * current search parameters, and updated with `router.replace` so every view is a shareable link
 * and the back button is not flooded with knob changes. Needs a <Suspense> boundary above it.
 */
export function useUrlState<S extends Schema>(schema: S): [StateOf<S>, readonly Notice[], (patch: Partial<StateOf<S>>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const query = params.toString();
  const { state, notices } = useMemo(() => parseParams(schema, new URLSearchParams(query)), [schema, query]);
  const update = useCallback(
    (patch: Partial<StateOf<S>>) => {
      const next = toSearchParams(schema, { ...state, ...patch }).toString();
      router.replace(next ? `${pathname}?${next}` : pathname, { scroll: false });
    },
    [schema, state, router, pathname],
  );
  return [state, notices, update];
}
