/**
 * The README's concept map against the code: a renamed file, a renamed builder or op, or a chain
 * that grows past six files fails here instead of leaving the map quietly wrong.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LESSON_WIDGETS } from '@/lib/widgets/registry';
import { MAX_CHAIN_FILES, conceptMapProblems, conceptMapSection, parseConceptMap } from './concept-map';

const ROOT = join(__dirname, '..', '..');
const map = parseConceptMap(conceptMapSection(readFileSync(join(ROOT, 'README.md'), 'utf8')));

describe('README concept map', () => {
  it('has the four concepts of issue 11, each a chain of at most six files', () => {
    expect(map.chains.map((c) => c.concept)).toEqual([
      'Growth rate k (DenseNet)',
      'Cardinality C (ResNeXt)',
      'Channel split and shuffle (ShuffleNet v2)',
      'The MnasNet search space',
    ]);
    for (const c of map.chains) {
      expect(c.steps.length, c.concept).toBeGreaterThanOrEqual(4);
      expect(c.steps.length, c.concept).toBeLessThanOrEqual(MAX_CHAIN_FILES);
    }
    expect(map.shared.length).toBeGreaterThanOrEqual(4);
  });

  it('names only files that exist, and each quoted symbol occurs in its file', () => {
    expect(conceptMapProblems(map, ROOT)).toEqual([]);
  });

  it("each chain's tag is a lesson widget whose definition the next step names", () => {
    for (const c of map.chains) {
      const [mdx, defs] = c.steps;
      const tag = /^<([A-Za-z]+)/.exec(mdx.symbol)?.[1];
      const widget = LESSON_WIDGETS.find((w) => w.mdx === tag);
      expect(widget, `${c.concept}: <${tag}> is not a lesson widget`).toBeDefined();
      expect(defs).toEqual({
        path: 'lib/widgets/lesson-definitions.ts',
        symbol: `mdx: '${tag}'`,
      });
      // The chain continues in the widget's own folder (or, for the group-equivalence run, the
      // folder of the forms it runs), where the definition's meta lives.
      expect(c.steps[2].path.startsWith('lib/widgets/'), c.concept).toBe(true);
    }
  });

  it('reports a stale or overlong map', () => {
    const bad = parseConceptMap(
      [
        '## Concept map',
        '- `lib/runtime/executor.ts` `no such symbol here`',
        '### Too long',
        ...['content/lessons/densenet.mdx', 'lib/a.ts', 'lib/b.ts', 'lib/c.ts', 'lib/d.ts', 'lib/e.ts', 'lib/runtime/ops/conv.ts'].map(
          (p, i) => `${i + 1}. \`${p}\` \`tf.conv2d\`: x`,
        ),
      ].join('\n'),
    );
    const problems = conceptMapProblems(bad, ROOT);
    expect(problems).toContain('lib/a.ts: no such file');
    expect(problems).toContain('shared steps: "no such symbol here" does not occur in lib/runtime/executor.ts');
    expect(problems).toContain('Too long: 7 files, more than 6');
    expect(problems).toContain('Too long, step 1: "tf.conv2d" does not occur in content/lessons/densenet.mdx');
  });
});
