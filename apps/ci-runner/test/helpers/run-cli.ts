import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli.js';

export interface CliRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunCliOptions {
  readonly cwd?: string;
  readonly env?: Record<string, string | undefined>;
  readonly signal?: AbortSignal;
  /** Called with each stderr line as it is printed, e.g. to interrupt the run at a given stage. */
  readonly onStderr?: (line: string) => void;
}

/** Runs the CLI in-process, as `prload <args>`, capturing what it prints. */
export async function runCli(args: readonly string[], options: RunCliOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const exitCode = await main(args, {
    stdout: (text) => {
      stdout += text.endsWith('\n') ? text : `${text}\n`;
    },
    stderr: (text) => {
      stderr += text.endsWith('\n') ? text : `${text}\n`;
      options.onStderr?.(text);
    },
    env: options.env ?? {},
    cwd: options.cwd ?? (await tempDir()),
    signal: options.signal ?? new AbortController().signal,
  });
  return { exitCode, stdout, stderr };
}

export function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'prload-cli-'));
}
