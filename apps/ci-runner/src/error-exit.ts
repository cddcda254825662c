import { CliError } from './errors.js';
import { EXIT } from './exit-codes.js';

/** Error codes of the packages that mean "the input was wrong", not "the infrastructure failed". */
const BAD_INPUT_CODES = new Set([
  'LOADGEN_THRESHOLD_SYNTAX',
  'LOADGEN_BAD_OPTION',
  'REPORT_THRESHOLD_SYNTAX',
  'REPORT_INPUT',
  'REPORT_READ',
  'REPORT_JSON',
  'REPORT_SCHEMA_VERSION',
  'REPORT_INVALID',
  'REPORT_ARTIFACT_INVALID',
  'REPORT_GITHUB_CONTEXT',
  'PROBE_BAD_OPTION',
  'DEPLOY_IMAGE_REFERENCE',
]);

/** Maps any error to prload's documented exit codes. */
export function exitCodeOf(error: unknown, signal?: AbortSignal): number {
  if (error instanceof CliError) return error.exitCode;
  if (signal?.aborted) return EXIT.INTERRUPTED;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && BAD_INPUT_CODES.has(code)) return EXIT.BAD_INPUT;
  return EXIT.INFRASTRUCTURE;
}

/** The lines to print for an error: its own lines, never a stack trace. */
export function linesOf(error: unknown): readonly string[] {
  if (error instanceof CliError) return error.lines;
  if (error instanceof Error) return error.message.split('\n').filter((line) => line.trim() !== '');
  return [String(error)];
}
