import { writeFile } from 'node:fs/promises';
import { type Command, type Executor, formatCommand } from '@prload/cluster';
import { lastLine } from '@prload/cluster/internal';
import { stringify } from 'yaml';
import { HelmError } from './errors.js';

export interface HelmStep {
  readonly release: string;
  readonly namespace: string;
  readonly values: Record<string, unknown>;
  readonly valuesFile: string;
  readonly command: Command;
}

/** helm's own --timeout ends the release first; this margin only catches a helm that hangs past it. */
const KILL_MARGIN_MS = 60_000;

/** Writes the release's values file, then runs its helm command; a failure becomes a HelmError with helm's stderr. */
export async function runHelmStep(
  executor: Executor,
  step: HelmStep,
  timeoutSeconds: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  await writeValuesFile(step);
  await runHelm(executor, step, timeoutSeconds, signal);
}

export async function writeValuesFile(step: HelmStep): Promise<void> {
  await writeFile(step.valuesFile, stringify(step.values));
}

/** Runs the step's helm command (its values file already written); the executor is called before the first await. */
export async function runHelm(
  executor: Executor,
  step: HelmStep,
  timeoutSeconds: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  const line = formatCommand(step.command);
  let result: Awaited<ReturnType<Executor['run']>>;
  try {
    result = await executor.run(step.command.file, step.command.args, {
      signal,
      timeoutMs: timeoutSeconds * 1000 + KILL_MARGIN_MS,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new HelmError(
      `helm upgrade --install ${step.release} (namespace ${step.namespace}): ${(cause as Error).message}`,
      step.release,
      line,
      undefined,
      '',
      { cause },
    );
  }
  if (result.exitCode !== 0) {
    throw new HelmError(
      `helm upgrade --install ${step.release} (namespace ${step.namespace}) exited ${result.exitCode}: ${lastLine(result.stderr)} — see kubectl get events -n ${step.namespace}`,
      step.release,
      line,
      result.exitCode,
      result.stderr,
    );
  }
}
