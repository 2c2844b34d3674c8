/**
 * The `npm run -s arch -- <cmd>` CLI, importable for tests: `await main(argv, io)` returns the exit code.
 *
 * Subcommands live in COMMANDS, one module each (scripts/arch-<cmd>.ts). To add one (e.g. `run`
 * from scripts/arch-run.ts), export a `Command` there and add it to COMMANDS below.
 */
import { SpecError } from '../lib/arch/errors';
import { listCommand } from './arch-list';
import { evalCommand } from './arch-eval';
import { rfCommand } from './arch-rf';
import { runCommand } from './arch-run';
import { summaryCommand } from './arch-summary';
import { trainCommand } from './arch-train';
import { type CliIO, type Command, EXIT_OK, EXIT_USAGE, UsageError } from './arch-types';

export const COMMANDS: Readonly<Record<string, Command>> = {
  list: listCommand,
  summary: summaryCommand,
  rf: rfCommand,
  run: runCommand,
  train: trainCommand,
  eval: evalCommand,
};

export function usage(): string {
  const cmds = Object.values(COMMANDS).map((c) => `  ${c.usage.padEnd(36)} ${c.summary}`);
  return [
    'Usage: npm run -s arch -- <command> [options]',
    '',
    'Commands:',
    ...cmds,
    '',
    'Options:',
    '  --help, -h                           show this help (also: <command> --help)',
    '',
    'Exit codes: 0 ok, 2 bad command, model id or option.',
  ].join('\n');
}

export const STD_IO: CliIO = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
};

export async function main(argv: readonly string[], io: CliIO = STD_IO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(usage() + '\n');
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage() + '\n');
    return EXIT_OK;
  }
  const cmd = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!cmd) {
    io.stderr(`arch: unknown command ${JSON.stringify(name)}; valid: ${Object.keys(COMMANDS).join(', ')}\n\n${usage()}\n`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`Usage: npm run -s arch -- ${cmd.usage}\n  ${cmd.summary}\n${cmd.details ? `\n${cmd.details}\n` : ''}`);
    return EXIT_OK;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`arch ${name}: ${e.message}\nUsage: npm run -s arch -- ${cmd.usage}\n`);
      return EXIT_USAGE;
    }
    if (e instanceof SpecError) {
      io.stderr(`arch ${name}: ${e.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}
