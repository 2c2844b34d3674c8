/** `arch list [--dataset D]`: registered model ids, one per line (optionally those of one dataset). */
import { DATASETS, type Dataset, MODEL_IDS, modelIdsFor } from '../lib/arch/registry';
import { type Command, UsageError } from './arch-types';

export const listCommand: Command = {
  summary: 'print every registered model id, one per line (--dataset imagenet|cifar10|digits: only those)',
  usage: `list [--dataset ${DATASETS.join('|')}]`,
  run(args, io) {
    let ids: readonly string[] = MODEL_IDS;
    if (args.length > 0) {
      if (args[0] !== '--dataset' || args.length !== 2) throw new UsageError(`list takes only --dataset ${DATASETS.join('|')}, got: ${args.join(' ')}`);
      const d = args[1] as Dataset;
      if (!DATASETS.includes(d)) throw new UsageError(`list --dataset: unknown dataset "${args[1]}"; one of: ${DATASETS.join(', ')}`);
      ids = modelIdsFor(d);
    }
    io.stdout(ids.join('\n') + '\n');
    return 0;
  },
};
