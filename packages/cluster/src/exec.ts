import { constants } from 'node:os';
import { execa } from 'execa';
import { CommandNotFoundError, CommandTimeoutError } from './exec-errors.js';
import { formatCommand } from './format-command.js';

export interface ExecOptions {
  /** Added to this process's environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Written to the program's stdin; without it stdin is closed, so nothing can wait on it. */
  readonly input?: string;
  readonly cwd?: string;
  /** Aborting kills the program (SIGTERM) and rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Kills the program after this many milliseconds. @default no limit */
  readonly timeoutMs?: number;
}

export interface ExecResult {
  readonly stdout: string;
  readonly stderr: string;
  /** 128 + signal number when the program was killed by a signal. */
  readonly exitCode: number;
}

/**
 * The one seam through which prload runs programs (kind, kubectl, helm, docker).
 * A non-zero exit is a result, not an error: callers decide what it means.
 * It rejects only when the program could not run, timed out or was aborted.
 */
export interface Executor {
  run(file: string, args: readonly string[], options?: ExecOptions): Promise<ExecResult>;
}

/** Runs programs for real, through execa. */
export function createExecutor(): Executor {
  return {
    async run(file, args, options = {}) {
      const result = await execa(file, [...args], {
        reject: false,
        env: options.env,
        extendEnv: true,
        cwd: options.cwd,
        cancelSignal: options.signal,
        timeout: options.timeoutMs,
        ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.input }),
        stripFinalNewline: false,
        encoding: 'utf8',
      });
      if (result.isCanceled) throw options.signal?.reason ?? new Error('aborted');
      if (result.timedOut) {
        throw new CommandTimeoutError(formatCommand({ file, args }), options.timeoutMs ?? 0, { cause: result });
      }
      if (result.exitCode === undefined && result.signal === undefined) {
        // The program never started: execa reports the spawn error (ENOENT, EACCES) as the cause.
        throw new CommandNotFoundError(file, { cause: result.cause ?? result });
      }
      const exitCode = result.exitCode ?? 128 + (result.signal ? constants.signals[result.signal] : 0);
      return { stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? ''), exitCode };
    },
  };
}
