import type { ProbeFailure, ProbeObservation } from './errors.js';
import { formatSeconds } from './format-seconds.js';

const BODY_PREVIEW = 100;

/** `404 "default backend"`, `wrong body 200 "bar\n"`, `ECONNREFUSED`: what a host answered last. */
export function describeObservation(o: ProbeObservation): string {
  switch (o.kind) {
    case 'status': {
      const answer = `${o.status} ${JSON.stringify(o.body.slice(0, BODY_PREVIEW))}`;
      return o.wrongBody ? `wrong body ${answer}` : answer;
    }
    case 'error':
      return o.code;
    case 'none':
      return 'no attempt completed';
  }
}

/** One line naming each failing host, what it should have answered and what it answered last. */
export function probeTimeoutMessage(failures: readonly ProbeFailure[], timeoutMs: number): string {
  const parts = failures.map((f) => {
    const expected =
      f.expectBody === undefined ? `${f.expectStatus}` : `${f.expectStatus} ${JSON.stringify(f.expectBody)}`;
    return `${f.host} did not answer ${expected} within ${formatSeconds(timeoutMs)} (last: ${describeObservation(f.last)}, ${f.attempts} attempts)`;
  });
  return `probe: ${parts.join('; ')} — check the Ingress rules and the ingress controller logs`;
}
