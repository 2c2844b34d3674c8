/** Entry point of `npm run -s arch -- <cmd>`; the CLI itself is scripts/arch-cli.ts. */
import { main } from './arch-cli';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`arch: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
