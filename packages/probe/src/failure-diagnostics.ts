import type { KubeConfig } from '@kubernetes/client-node';
import { collectDiagnostics } from './diagnostics.js';
import type { Diagnostics } from './diagnostics-types.js';
import { formatDiagnostics } from './format-diagnostics.js';

export interface FailureDiagnosticsOptions {
  /** Where to gather diagnostics when the error carries none. @default none gathered */
  readonly kubeConfig?: KubeConfig;
  /** The apps' namespace. */
  readonly namespace: string;
  /** Deployments to explain. @default every Deployment of the namespace */
  readonly deployments?: readonly string[];
  /** @default undefined */
  readonly signal?: AbortSignal;
  /**
   * Budget for gathering.
   * @default 15_000
   */
  readonly timeoutMs?: number;
}

/** The diagnostics an error carries: ReadinessTimeoutError and RolloutFailedError gather them at their deadline. */
function carried(error: unknown): Diagnostics | undefined {
  if (typeof error !== 'object' || error === null || !('diagnostics' in error)) return undefined;
  return (error as { diagnostics?: Diagnostics }).diagnostics;
}

/**
 * What to print and report when a stage failed: the diagnostics the error carries (gathered when it happened,
 * before anything moved on), else freshly gathered ones from the namespace, as text (formatDiagnostics).
 * Undefined when there is neither. Never throws for an unreadable section (see collectDiagnostics).
 */
export async function failureDiagnostics(
  error: unknown,
  options: FailureDiagnosticsOptions,
): Promise<string | undefined> {
  const attached = carried(error);
  if (attached !== undefined) return formatDiagnostics(attached);
  if (options.kubeConfig === undefined) return undefined;
  return formatDiagnostics(
    await collectDiagnostics({
      kubeConfig: options.kubeConfig,
      namespace: options.namespace,
      ...(options.deployments ? { deployments: options.deployments } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    }),
  );
}
