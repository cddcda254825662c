import { collectPodDiagnostics } from '@prload/probe';
import { describeProblem, ShardFailedError, type ShardProblem } from './errors.js';
import type { KubeApis } from './kube.js';
import type { RunNames } from './names.js';
import { judgeRun, type RunPhase, type RunVerdict } from './run-state.js';
import type { RunWatch } from './run-watches.js';

export type Wait =
  | { readonly kind: 'verdict'; readonly verdict: RunVerdict }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'aborted' };

/** Waits for the state machine's verdict in `phase`, for `timeoutMs` at most, or until the caller aborts. */
export async function waitFor(
  watch: RunWatch,
  phase: RunPhase,
  shards: number,
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
): Promise<Wait> {
  const deadline = AbortSignal.timeout(Math.max(0, Math.ceil(timeoutMs)));
  const signal = callerSignal ? AbortSignal.any([callerSignal, deadline]) : deadline;
  try {
    const verdict = await watch.until((s) => judgeRun(s, phase, shards), signal);
    return { kind: 'verdict', verdict };
  } catch (error) {
    if (callerSignal?.aborted) return { kind: 'aborted' };
    if (deadline.aborted) return { kind: 'timeout' };
    throw error;
  }
}

/** Throws ShardFailedError for a `failed` verdict, with the diagnostics of the shards' pods. */
export async function failOn(verdict: RunVerdict, apis: KubeApis, namespace: string, names: RunNames) {
  if (verdict.kind !== 'failed') return;
  const { problems } = verdict;
  throw new ShardFailedError(
    `distributed load: ${problems.map(describeProblem).join('; ')} — see the error's diagnostics`,
    problems,
    await diagnose(apis, namespace, names, problems),
  );
}

/** The shards' pods' state, events and failing logs, and the Job's events (a pod it could not create). */
export function diagnose(apis: KubeApis, namespace: string, names: RunNames, problems: readonly ShardProblem[]) {
  return collectPodDiagnostics({
    kubeConfig: apis.kubeConfig,
    namespace,
    pods: problems.flatMap((p) => (p.pod ? [p.pod] : [])),
    related: [{ kind: 'Job', name: names.job }],
  });
}
