import type { ExecOptions, ExecResult, Executor } from './exec.js';
import type { Command } from './format-command.js';

/** One call the recording executor received. */
export interface RecordedCommand extends Command {
  readonly options: ExecOptions;
}

/** What a canned response answers to: a command-line prefix (`'kind get clusters'`) or a predicate. */
export type CommandMatcher = string | ((command: RecordedCommand) => boolean);

/** A canned result, or a function that makes one (it may wait, e.g. to prove calls overlap). */
export type CannedResult =
  | Partial<ExecResult>
  | ((command: RecordedCommand) => Partial<ExecResult> | Promise<Partial<ExecResult>>);

export interface CannedResponse {
  readonly match: CommandMatcher;
  /** Answers in turn; the last one repeats. */
  readonly results: readonly CannedResult[];
}

export interface RecordingExecutorOptions {
  readonly responses?: readonly CannedResponse[];
  /** Answer to commands no response matches. @default exit code 0, empty output */
  readonly fallback?: Partial<ExecResult>;
}

/** An executor that records commands instead of running them: used by tests and by `--dry-run`. */
export interface RecordingExecutor extends Executor {
  readonly calls: readonly RecordedCommand[];
  /** Every recorded command as `[basename(file), ...args].join(' ')`. */
  commandLines(): string[];
}

/** The program's name without its directory, so recordings don't depend on where a tool was found. */
function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}

function commandLine(command: Command): string {
  return [baseName(command.file), ...command.args].join(' ');
}

function matches(matcher: CommandMatcher, command: RecordedCommand): boolean {
  if (typeof matcher === 'function') return matcher(command);
  const line = commandLine(command);
  return line === matcher || line.startsWith(`${matcher} `);
}

export function createRecordingExecutor(options: RecordingExecutorOptions = {}): RecordingExecutor {
  const calls: RecordedCommand[] = [];
  const used = new Map<CannedResponse, number>();
  return {
    calls,
    commandLines: () => calls.map(commandLine),
    async run(file, args, runOptions = {}) {
      runOptions.signal?.throwIfAborted();
      const command: RecordedCommand = { file, args: [...args], options: runOptions };
      calls.push(command);
      const response = options.responses?.find((candidate) => matches(candidate.match, command));
      let canned: Partial<ExecResult> = options.fallback ?? {};
      if (response && response.results.length > 0) {
        const turn = used.get(response) ?? 0;
        used.set(response, turn + 1);
        const result = response.results[Math.min(turn, response.results.length - 1)]!;
        canned = typeof result === 'function' ? await result(command) : result;
      }
      return { stdout: canned.stdout ?? '', stderr: canned.stderr ?? '', exitCode: canned.exitCode ?? 0 };
    },
  };
}
