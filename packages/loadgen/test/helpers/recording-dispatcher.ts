import type { LoadRequest } from '../../src/load-request.js';
import type { DispatcherFactory } from '../../src/types.js';

/** One request as the pump planned it: its time on the run's clock and its target. */
export interface PlannedRequest {
  readonly at: number;
  readonly target: string;
}

/**
 * Pools that send nothing: each records the request's planned time and target (`host` + path)
 * and answers 200 at once, inside `dispatch`, so a run never has a request in flight.
 */
export function recordingDispatchers(into: PlannedRequest[]): DispatcherFactory {
  return (_address, host) => ({
    dispatch(options, handler) {
      into.push({ at: (handler as unknown as LoadRequest).plannedAt, target: `${host}${options.path}` });
      handler.onConnect(() => undefined);
      handler.onHeaders(200, [], () => undefined, 'OK');
      handler.onComplete([]);
      return true;
    },
    close: async () => undefined,
    destroy: async () => undefined,
  });
}
