import { CliError } from './errors.js';
import { EXIT } from './exit-codes.js';

/** Maps any error to prload's documented exit codes. */
export function exitCodeOf(error: unknown, signal?: AbortSignal): number {
  if (error instanceof CliError) return error.exitCode;
  if (signal?.aborted) return EXIT.INTERRUPTED;
  // Every package's errors say what they are (`kind`), so no list of other packages' codes lives here.
  if ((error as { kind?: unknown } | undefined)?.kind === 'bad-input') return EXIT.BAD_INPUT;
  return EXIT.INFRASTRUCTURE;
}

/** The lines to print for an error: its own lines, never a stack trace. */
export function linesOf(error: unknown): readonly string[] {
  if (error instanceof CliError) return error.lines;
  if (error instanceof Error) return error.message.split('\n').filter((line) => line.trim() !== '');
  return [String(error)];
}
