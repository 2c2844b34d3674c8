/** The page-wide queue on its own (no tfjs): one job at a time, in order, failures included. */
import { describe, expect, it } from 'vitest';
import { enqueue, pendingJobs, whenIdle } from './job-queue';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('enqueue', () => {
  it('runs jobs one after another, never interleaved, in the order they were queued', async () => {
    const log: string[] = [];
    const job = (name: string, steps: number) => async () => {
      log.push(`${name}:start`);
      for (let i = 0; i < steps; i++) await tick();
      log.push(`${name}:end`);
      return name;
    };
    const results = await Promise.all([enqueue(job('a', 3)), enqueue(job('b', 1)), enqueue(job('c', 2))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end']);
  });

  it('passes a failure on to its caller and still runs the next job', async () => {
    const failed = enqueue(async () => {
      throw new Error('boom');
    });
    const next = enqueue(async () => 'next');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });

  it('counts pending jobs and tells when it is idle', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const a = enqueue(() => gate);
    const b = enqueue(async () => undefined);
    expect(pendingJobs()).toBe(2);
    release();
    await Promise.all([a, b]);
    await whenIdle();
    expect(pendingJobs()).toBe(0);
  });
});
