'use client';

import { useState } from 'react';

/**
 * A value that the parent may own (value + onChange, e.g. kept in the URL) or leave to the
 * component (uncontrolled, starting at `initial`). Controlled as soon as `value` is not undefined.
 */
export function useControllable<T>(value: T | undefined, onChange: ((v: T) => void) | undefined, initial: T): [T, (v: T) => void] {
  const [local, setLocal] = useState<T>(initial);
  const controlled = value !== undefined;
  const current = controlled ? value : local;
  const set = (v: T) => {
    if (!controlled) setLocal(v);
    onChange?.(v);
  };
  return [current, set];
}
