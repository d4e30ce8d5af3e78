import { CommanderError } from 'commander';
import { cliContext } from './cli-context';
import { CliError } from './cli-errors';
import { ExitCode } from './exit-code';
import { Output } from './output/output';
import { buildProgram } from './program';
import { loadSettings } from './settings';

/** The exit code for what a run threw, with its message on stderr (commander prints its own). */
function exitCodeOf(e: unknown, output: Output): number {
  if (e instanceof CommanderError) return e.exitCode === 0 ? ExitCode.ok : ExitCode.refused;
  if (e instanceof CliError) {
    output.warn(`em: ${e.message}`);
    return e.exitCode;
  }
  // a bug in em itself: the stack helps whoever reports it
  output.warn(`em: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  return 70;
}

/** Runs one `em` command line and answers its exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const output = new Output();
  try {
    const settings = loadSettings();
    await buildProgram(cliContext(settings, output)).parseAsync([...argv]);
    return ExitCode.ok;
  } catch (e) {
    return exitCodeOf(e, output);
  }
}

process.exitCode = await main(process.argv);
// an idle keep-alive connection must not hold the shell for seconds after the answer
setTimeout(() => process.exit(), 100).unref();
