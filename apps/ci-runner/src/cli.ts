import { Command, CommanderError } from 'commander';
import { loadCommand } from './commands/load.js';
import { reportCommand } from './commands/report.js';
import { runCommand } from './commands/run.js';
import { schemaCommand } from './commands/schema.js';
import { shardCommand } from './commands/shard.js';
import { exitCodeOf, linesOf } from './error-exit.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
import { VERSION } from './version.js';

/** Builds the `prload` program; commands resolve to an exit code instead of exiting, so tests run them in-process. */
export function createProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('prload')
    .description('Does the service still deploy, route and perform? Load-tests a pull request on an ephemeral cluster.')
    .version(VERSION, '-V, --version')
    // Options after a subcommand belong to it (`report publish --in X`), as commander requires from the root down.
    .enablePositionalOptions()
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      outputError: (text, write) => write(text),
    })
    .addHelpText(
      'after',
      `
Exit codes:
  0    success: deployed, routed, and every threshold held
  1    infrastructure failure (cluster, deploy, probe, publishing)
  2    bad input: flags, config file, PRLOAD_* variables, threshold expressions
  3    a threshold was breached
  4    invalid run: the load generator could not keep its schedule
  130  interrupted (SIGINT/SIGTERM); partial results were written`,
    );
  const commands = [runCommand, loadCommand, reportCommand, shardCommand, schemaCommand].map((create) =>
    create(io, setExitCode),
  );
  for (const command of commands) {
    command.exitOverride().configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      outputError: (text, write) => write(text),
    });
    program.addCommand(command);
  }
  return program;
}

/** Runs `prload` with the given arguments (without the node and script paths) and returns its exit code. */
export async function main(args: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.OK;
  const program = createProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...args], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      ) {
        return EXIT.OK;
      }
      // commander already printed its one-line message; usage errors are bad input.
      return error.exitCode === 0 ? EXIT.OK : EXIT.BAD_INPUT;
    }
    for (const line of linesOf(error)) io.stderr(`prload: ${line}`);
    if (io.env['PRLOAD_DEBUG'] && error instanceof Error && error.stack) io.stderr(error.stack);
    return exitCodeOf(error, io.signal);
  }
}
