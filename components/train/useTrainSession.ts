'use client';

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { SessionOptions, SessionSnapshot, TrainSession } from '@/lib/widgets/train/session';

export interface TrainSessionApi {
  /** Null before the first Train and after Reset. */
  readonly snapshot: SessionSnapshot | null;
  readonly session: TrainSession | null;
  /** TensorFlow.js and the trainer are being fetched (the first Train only). */
  readonly booting: boolean;
  /** Why the runtime could not be loaded, if it could not. */
  readonly bootError: string | null;
  /** Starts a new session with these options, or resumes the paused one. */
  train(options: SessionOptions): void;
  pause(): void;
  cancel(): void;
  /** Disposes every model; resolves once tfjs' tensors are freed. */
  reset(): Promise<void>;
}

const EMPTY = () => () => undefined;
const NONE = () => null;

/**
 * The training lab's one session (lib/widgets/train/session.ts) for a component: created on the
 * first Train (loading tfjs and the trainer with import(), so the page paints without them),
 * observed with useSyncExternalStore, disposed on Reset and on unmount.
 */
export function useTrainSession(): TrainSessionApi {
  const [session, setSession] = useState<TrainSession | null>(null);
  const [booting, setBooting] = useState(false);
  const [bootError, setBootError] = useState<string | null>(null);
  const ref = useRef<TrainSession | null>(null);
  const snapshot = useSyncExternalStore(session ? session.subscribe : EMPTY, session ? session.getSnapshot : NONE, NONE);

  useEffect(
    () => () => {
      void ref.current?.reset();
      ref.current = null;
    },
    [],
  );

  const train = useCallback((options: SessionOptions) => {
    const existing = ref.current;
    if (existing) {
      void existing.start();
      return;
    }
    setBooting(true);
    setBootError(null);
    void Promise.all([import('@/lib/widgets/train/session'), import('@/lib/widgets/train/runtime').then((m) => m.loadTrainRuntime())])
      .then(([{ TrainSession }, rt]) => {
        const s = new TrainSession(rt, options);
        ref.current = s;
        setSession(s);
        void s.start();
      })
      .catch((e: unknown) => setBootError(`TensorFlow.js could not be loaded: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => setBooting(false));
  }, []);

  const pause = useCallback(() => ref.current?.pause(), []);
  const cancel = useCallback(() => ref.current?.cancel(), []);
  const reset = useCallback(async () => {
    const s = ref.current;
    ref.current = null;
    setSession(null);
    await s?.reset();
  }, []);

  return { snapshot, session, booting, bootError, train, pause, cancel, reset };
}
