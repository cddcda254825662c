import type { HostRecorder } from './host-recorder.js';
import type { TargetState } from './load-request.js';
import type { LoadDispatcher, ResolvedTarget } from './types.js';

/**
 * What the hot path needs about each target, in the targets' order (the picker's indices): its
 * host's dispatcher and recorder, and the dispatch options and expected body built once per run.
 */
export function createTargetStates(
  targets: readonly ResolvedTarget[],
  dispatchers: ReadonlyMap<string, LoadDispatcher>,
  recorderOf: (host: string) => HostRecorder,
): TargetState[] {
  return targets.map((target) => ({
    target,
    dispatcher: dispatchers.get(target.host)!,
    dispatchOptions: {
      path: target.path,
      method: target.method,
      headers: { host: target.host },
      // Let pipelined GETs go out back to back instead of waiting for each response's headers.
      blocking: false,
    },
    expectedBody: target.expectBody === undefined ? null : Buffer.from(target.expectBody),
    host: recorderOf(target.host),
  }));
}
