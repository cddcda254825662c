import { expect, test } from 'vitest';
import { describeObservation, probeTimeoutMessage } from '../src/describe-observation.js';

test.each([
  [{ kind: 'status', status: 404, body: 'default backend', wrongBody: false } as const, '404 "default backend"'],
  [{ kind: 'status', status: 200, body: 'bar\n', wrongBody: true } as const, 'wrong body 200 "bar\\n"'],
  [{ kind: 'status', status: 502, body: 'x'.repeat(300), wrongBody: false } as const, `502 "${'x'.repeat(100)}"`],
  [{ kind: 'error', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' } as const, 'ECONNREFUSED'],
  [{ kind: 'none' } as const, 'no attempt completed'],
])('describeObservation(%o) = %s', (observation, expected) => {
  expect(describeObservation(observation)).toBe(expected);
});

test('probeTimeoutMessage names every failing host on one line', () => {
  const message = probeTimeoutMessage(
    [
      {
        host: 'foo.localhost',
        expectStatus: 200,
        expectBody: 'foo\n',
        attempts: 7,
        last: { kind: 'status', status: 404, body: 'default backend', wrongBody: false },
      },
      { host: 'bar.localhost', expectStatus: 204, expectBody: undefined, attempts: 0, last: { kind: 'none' } },
    ],
    30_000,
  );
  expect(message).toBe(
    'probe: foo.localhost did not answer 200 "foo\\n" within 30s (last: 404 "default backend", 7 attempts); ' +
      'bar.localhost did not answer 204 within 30s (last: no attempt completed, 0 attempts)' +
      ' — check the Ingress rules and the ingress controller logs',
  );
  expect(message).not.toContain('\n');
  expect(probeTimeoutMessage([], 1500)).toContain('probe: ');
});
