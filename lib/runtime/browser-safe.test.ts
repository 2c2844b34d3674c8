/**
 * lib/runtime is loaded by the site with import(): no module outside tests, *.node.ts files and
 * testing/ may import Node built-ins.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = new URL('.', import.meta.url).pathname;

function files(d: string): string[] {
  return readdirSync(d).flatMap((f) => {
    const p = join(d, f);
    return statSync(p).isDirectory() ? (f === 'fixtures' ? [] : files(p)) : [p];
  });
}

describe('browser safety', () => {
  it('runtime modules import no Node built-ins', () => {
    const shipped = files(dir).filter((p) => p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith('.node.ts') && !p.includes('/testing/'));
    expect(shipped.length).toBeGreaterThan(10);
    for (const p of shipped) {
      const src = readFileSync(p, 'utf8');
      expect(src, p).not.toMatch(/from ['"](node:|fs['"]|path['"]|child_process|os['"])/);
      expect(src, p).not.toMatch(/require\(/);
    }
  });
});

describe('tfjs-free modules', () => {
  it('the modules UI code imports statically do not pull in tfjs', () => {
    // A static import of tfjs would put its 1.5 MB into every page that shows a backend notice.
    for (const f of ['backend-names.ts', 'backend-policy.ts', 'cancel.ts', 'job-queue.ts', 'run-guard.ts', 'throughput.ts']) {
      expect(readFileSync(join(dir, f), 'utf8'), f).not.toMatch(/from ['"]@tensorflow|from ['"]\.\/(backend|job|tensors|timing|active-backend)['"]/);
    }
  });
});
