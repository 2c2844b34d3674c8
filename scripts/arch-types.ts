/** Shared types of the `npm run arch` CLI: each subcommand is a Command in its own module. */

export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export interface Command {
  /** One line for the command list in --help. */
  readonly summary: string;
  /** Usage line(s), e.g. `summary <id> [--size N] [--json]`. */
  readonly usage: string;
  /** Option-by-option help, printed by `<command> --help` under the usage. */
  readonly details?: string;
  /** Returns the exit code: 0 ok, 2 bad usage / bad id / bad option. Throw UsageError for usage errors. */
  run(args: readonly string[], io: CliIO): number | Promise<number>;
}

/** A bad command line: printed to stderr, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT_OK = 0;
export const EXIT_USAGE = 2;
