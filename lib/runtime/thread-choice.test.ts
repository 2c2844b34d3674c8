import { describe, expect, it } from 'vitest';
import { THREAD_CHOICE_KEY, chooseThreads, chosenThreads } from './thread-choice';
import { planThreads, type ThreadEnvironment } from './wasm-threads';

/** A Storage stand-in: a Map, or one that refuses every call (a sandboxed frame). */
function memoryStore() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
}
const refusing = {
  getItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
  removeItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
};

describe("the reader's choice of WASM threads for the session", () => {
  it('is kept, read back and cleared', () => {
    const s = memoryStore();
    expect(chosenThreads(s)).toBeUndefined();
    expect(chooseThreads(1, s)).toBe(true);
    expect(s.m.get(THREAD_CHOICE_KEY)).toBe('1');
    expect(chosenThreads(s)).toBe(1);
    expect(chooseThreads(null, s)).toBe(true);
    expect(chosenThreads(s)).toBeUndefined();
  });

  it('drops a stored value that is not a thread count, and refuses to store one', () => {
    for (const bad of ['0', '9', '-1', '1.5', 'two', '', ' 1', '1e0', '11']) {
      const s = memoryStore();
      s.setItem(THREAD_CHOICE_KEY, bad);
      expect(chosenThreads(s), bad).toBeUndefined();
      expect(s.m.has(THREAD_CHOICE_KEY), bad).toBe(false);
    }
    expect(() => chooseThreads(0, memoryStore())).toThrow(/whole number from 1 to 8, got 0/);
    expect(() => chooseThreads(2.5, memoryStore())).toThrow(RangeError);
  });

  it('says so where the browser keeps no storage, instead of throwing', () => {
    expect(chooseThreads(1, null)).toBe(false);
    expect(chooseThreads(1, refusing)).toBe(false);
    expect(chosenThreads(refusing)).toBeUndefined();
    expect(chosenThreads(null)).toBeUndefined();
  });

  it('planThreads: a choice by the reader carries a notice (so the device panel offers one per core back); one by the code does not', () => {
    const isolated: ThreadEnvironment = { crossOriginIsolated: true, secureContext: true, sharedArrayBuffer: true, cores: 4, embeddedIn: null };
    const mine = planThreads(isolated, 1, 'reader');
    expect(mine).toEqual({
      threads: 1,
      reason: 'chosen',
      notice: expect.stringMatching(/^One thread, as chosen for this browser session .* this device could run 4\.$/),
    });
    expect(planThreads(isolated, 1)).toEqual({ threads: 1, reason: 'requested', notice: null });
    // Where threads are impossible anyway, the reason is the page's, not the choice.
    expect(planThreads({ ...isolated, crossOriginIsolated: false }, 1, 'reader').reason).toBe('not-isolated');
  });
});
