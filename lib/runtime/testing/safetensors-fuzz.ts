/**
 * A seeded generator of malformed (and some well-formed) variants of a real state_dict file, for
 * the fuzz test (lib/runtime/weights/safetensors-fuzz.test.ts) and scripts/fuzz-safetensors.ts.
 *
 * The base file is a model's seeded weights (heInit) in torchvision key order, num_batches_tracked
 * included as I64, written the way the reference writer lays files out. Every mutation is built
 * so its verdict is known by construction, never by asking a parser:
 *
 *   invalid  the file breaks a rule of the format: every reader must refuse it
 *   misfit   a well-formed file that does not fit the model (key, shape, integer dtype)
 *   values   a well-formed, fitting file with NaN/Inf or a negative running variance
 *   valid    a well-formed, fitting file with usable values: it must load
 *
 * Framework-free (no tfjs, no parser): the same mutations can be fed to any parser.
 */
import type { Graph } from '../../arch/ir';
import { FUZZ_CLASSES, type Mutation, fuzzContext } from './fuzz/base';
import { contentClasses } from './fuzz/content-classes';
import { entryClasses } from './fuzz/entry-classes';
import { formatClasses } from './fuzz/format-classes';

export { FUZZ_CLASSES, type Expect, type FuzzClass, type Mutation } from './fuzz/base';

/** Builds every class's mutations for one base file. `perClass` ≥ 100 gives the 1,000. */
export function fuzzMutations(graph: Graph, opts: { seed?: number; perClass?: number } = {}): { base: Uint8Array; mutations: () => Generator<Mutation> } {
  const perClass = opts.perClass ?? 110;
  const seed = opts.seed ?? 1;
  const { baseFile } = fuzzContext(graph, seed);
  function* gen(): Generator<Mutation> {
    // A fresh context per pass: the same seed gives the same mutations every time.
    const c = fuzzContext(graph, seed);
    const classes = { ...formatClasses(c), ...entryClasses(c), ...contentClasses(c) };
    for (const cls of FUZZ_CLASSES) {
      const variants = classes[cls];
      for (let n = 0; n < perClass; n++) yield variants[n % variants.length]();
    }
  }
  return { base: baseFile, mutations: gen };
}
