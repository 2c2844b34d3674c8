'use client';

import { useCallback, useRef, useState } from 'react';
import type { GuardQuestion } from '@/components/ui/RunGuardNotice';
import type { RunDecision } from '@/lib/runtime/run-guard';

export interface RunGuard {
  /** What to show (RunGuardNotice's `decision`), or null. */
  readonly question: GuardQuestion | null;
  /**
   * Whether the action may start now. A refusal or an unanswered question is shown instead; a
   * "Run anyway" remembers `key` (so re-runs of the same model on the same backend don't ask
   * again) and calls `proceed`.
   */
  allow(key: string, decision: RunDecision, proceed: () => void): boolean;
  /** Answers of the notice. */
  confirm(): void;
  cancel(): void;
}

/** The run guard's state for one widget: the pending question and the keys already agreed to. */
export function useRunGuard(): RunGuard {
  const [question, setQuestion] = useState<GuardQuestion | null>(null);
  const agreed = useRef(new Set<string>());
  const pending = useRef<{ key: string; proceed: () => void } | null>(null);

  const allow = useCallback((key: string, decision: RunDecision, proceed: () => void) => {
    if (decision.kind === 'run' || (decision.kind === 'confirm' && agreed.current.has(key))) {
      pending.current = null;
      setQuestion(null);
      return true;
    }
    pending.current = decision.kind === 'confirm' ? { key, proceed } : null;
    setQuestion(decision);
    return false;
  }, []);

  const confirm = useCallback(() => {
    const p = pending.current;
    pending.current = null;
    setQuestion(null);
    if (!p) return;
    agreed.current.add(p.key);
    p.proceed();
  }, []);

  const cancel = useCallback(() => {
    pending.current = null;
    setQuestion(null);
  }, []);

  return { question, allow, confirm, cancel };
}
