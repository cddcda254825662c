import type { Executor } from '@prload/cluster';
import { lastLine, parseHelmVersion } from '@prload/cluster/internal';
import { HelmVersionError } from './errors.js';

export type HelmMajor = 3 | 4;

export interface HelmVersion {
  /** e.g. `v4.1.4` */
  readonly version: string;
  readonly major: HelmMajor;
}

/** Reads `helm version --short` output (`v3.19.0+g3d8990f`, `v4.1.4+g05fa379`). */
export function helmVersionOf(stdout: string): HelmVersion {
  let parsed: ReturnType<typeof parseHelmVersion>;
  try {
    parsed = parseHelmVersion(stdout);
  } catch (cause) {
    throw new HelmVersionError(`${(cause as Error).message} — install helm 3 or 4, or set PRLOAD_HELM`, { cause });
  }
  if (parsed.major !== 3 && parsed.major !== 4) {
    throw new HelmVersionError(
      `helm v${parsed.major}.${parsed.minor}.${parsed.patch} is not supported — use helm 3 or 4`,
    );
  }
  return { version: `v${parsed.major}.${parsed.minor}.${parsed.patch}`, major: parsed.major };
}

export interface DetectHelmVersionOptions {
  readonly executor: Executor;
  /** @default 'helm' */
  readonly helmPath?: string;
  readonly signal?: AbortSignal;
}

/** Asks helm which major it is: helm 4 renamed `--atomic` and changed `--wait`, so commands differ. */
export async function detectHelmVersion(options: DetectHelmVersionOptions): Promise<HelmVersion> {
  const result = await options.executor.run(options.helmPath ?? 'helm', ['version', '--short'], {
    signal: options.signal,
  });
  if (result.exitCode !== 0) {
    throw new HelmVersionError(`helm version --short failed: ${lastLine(result.stderr)} — check the helm binary`);
  }
  return helmVersionOf(result.stdout);
}
