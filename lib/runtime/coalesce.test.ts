import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce';

/** A run that waits until released, recording the value current when it started. */
function gate() {
  const seen: number[] = [];
  let value = 0;
  let release: (() => void) | null = null;
  const run = () =>
    new Promise<void>((resolve) => {
      seen.push(value);
      release = resolve;
    });
  return { seen, set: (v: number) => (value = v), release: () => release?.(), run };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('coalesce', () => {
  it('a burst of requests during a run costs one more run, which reads the latest value', async () => {
    const g = gate();
    const c = coalesce(g.run);
    g.set(1);
    c.request();
    expect(c.busy).toBe(true);
    for (let v = 2; v <= 100; v++) {
      g.set(v);
      c.request();
    }
    g.release();
    await tick();
    expect(g.seen).toEqual([1, 100]);
    g.release();
    await c.idle();
    expect(c.busy).toBe(false);
    // Idle again: the next request runs at once.
    g.set(7);
    c.request();
    g.release();
    await c.idle();
    expect(g.seen).toEqual([1, 100, 7]);
  });

  it('a run that throws ends its burst; the next request runs', async () => {
    let n = 0;
    const c = coalesce(async () => {
      n++;
      throw new Error('boom');
    });
    c.request();
    c.request();
    await c.idle();
    expect(c.busy).toBe(false);
    c.request();
    await c.idle();
    expect(n).toBe(2);
  });
});
