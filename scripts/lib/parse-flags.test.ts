import { describe, expect, it } from 'vitest';
import { type FlagSpec, parseFlags } from './parse-flags';

class Usage extends Error {}

const spec: FlagSpec = {
  flags: ['--model', '--size', '--tag'],
  switches: ['--json', '--help', '-h'],
  repeatable: ['--tag'],
  commaLists: ['--model'],
  error: (m) => new Usage(m),
};

describe('parseFlags', () => {
  it('reads flags with a space or with =, and switches', () => {
    const p = parseFlags(['--model', 'resnet50', '--size=96', '--json'], spec);
    expect([...p.values]).toEqual([
      ['--model', ['resnet50']],
      ['--size', ['96']],
    ]);
    expect([...p.switches]).toEqual(['--json']);
  });

  it('nothing given: nothing read', () => {
    const p = parseFlags([], spec);
    expect(p.values.size + p.switches.size).toBe(0);
  });

  it('keeps everything after the first = as the value, which may start with -- after =', () => {
    expect(parseFlags(['--tag=a=b', '--tag=--x'], spec).values.get('--tag')).toEqual(['a=b', '--x']);
  });

  it('-h reads as --help', () => {
    expect([...parseFlags(['-h'], spec).switches]).toEqual(['--help']);
  });

  it('a repeatable flag keeps its values in order', () => {
    expect(parseFlags(['--tag', 'a', '--tag=b', '--tag', 'c'], spec).values.get('--tag')).toEqual(['a', 'b', 'c']);
  });

  it.each([
    [['--size', '1', '--size', '2'], '--size given twice'],
    [['--model', 'a', '--model=b'], '--model given twice (use a comma list)'],
    [['--size'], '--size needs a value'],
    [['--size', '--json'], '--size needs a value'],
    [['--json=1'], '--json takes no value'],
    [['--seed', '1'], 'unknown option "--seed"'],
    [['resnet50'], 'unknown option "resnet50"'],
    [['--size=1=2', '-x'], 'unknown option "-x"'],
  ])('refuses %j: "%s", as the caller\'s own error', (argv, message) => {
    let thrown: unknown;
    try {
      parseFlags(argv, spec);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Usage);
    expect((thrown as Error).message).toBe(message);
  });
});
