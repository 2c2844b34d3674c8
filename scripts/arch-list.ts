/** `arch list`: one registered model id per line. */
import { MODEL_IDS } from '../lib/arch/registry';
import { type Command, UsageError } from './arch-types';

export const listCommand: Command = {
  summary: 'print every registered model id, one per line',
  usage: 'list',
  run(args, io) {
    if (args.length > 0) throw new UsageError(`list takes no arguments, got: ${args.join(' ')}`);
    io.stdout(MODEL_IDS.join('\n') + '\n');
    return 0;
  },
};
