/**
 * `arch rf <id> [--size N] [--json]`: the theoretical receptive field of every node (lib/arch/
 * receptive-field.ts; Araujo et al. 2019, Distill), named as in torchvision.
 */
import { fieldRows } from '../lib/arch/receptive-field';
import { graphCommandArgs } from './arch-summary';
import type { Command } from './arch-types';

const pair = (p: readonly number[]) => `${p[0]}×${p[1]}`;

export const rfCommand: Command = {
  summary: 'theoretical receptive field, jump and start of every node (Araujo et al. 2019)',
  usage: 'rf <id> [--size N] [--json]',
  details: [
    "  --size N   input size in pixels (default: the model's own, 224 for ImageNet, 28 for digits)",
    '  --json     print {id, size, layers: [{name, rf: [h, w], jump: [h, w], start: [h, w], global}]}',
    '',
    'rf: input pixels one output cell depends on (unclipped; may exceed the image).',
    'jump: input pixels between neighbouring cells. start: [y, x] of the top-left corner of',
    "cell (0, 0)'s field, negative where it reaches into the padding; cell (i, j) starts at",
    'start + [i, j]·jump. global: a global pool or anything after one; rf is then the image.',
  ].join('\n'),
  run(args, io) {
    const { id, graph, json } = graphCommandArgs('rf', args);
    const rows = fieldRows(graph);
    const size = graph.input[1];
    if (json) {
      const layers = rows.map((r) => ({ name: r.name, rf: r.rf, jump: r.jump, start: r.start, global: r.global }));
      io.stdout(JSON.stringify({ id, size, layers }) + '\n');
      return 0;
    }
    const w = Math.max(4, ...rows.map((r) => r.name.length));
    const lines = [
      `${id} at ${size}×${size}: theoretical receptive fields (Araujo et al. 2019)`,
      '',
      `${'name'.padEnd(w)}  ${'rf'.padStart(9)}  ${'jump'.padStart(7)}  ${'start'.padStart(11)}`,
      ...rows.map((r) =>
        r.global
          ? `${r.name.padEnd(w)}  ${'whole image'.padStart(9)}`
          : `${r.name.padEnd(w)}  ${pair(r.rf).padStart(9)}  ${pair(r.jump).padStart(7)}  ${`(${r.start[0]}, ${r.start[1]})`.padStart(11)}`,
      ),
    ];
    io.stdout(lines.join('\n') + '\n');
    return 0;
  },
};
