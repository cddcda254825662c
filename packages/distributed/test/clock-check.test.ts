import { expect, test } from 'vitest';
import { clockProblem } from '../src/clock-check.js';

test.each([
  [undefined, undefined],
  [120, undefined],
  [0, undefined],
  [-10, undefined],
  [
    -11,
    "its clock is at least 11 ms behind the coordinator's (bound 10 ms), so it started that much after the shared start",
  ],
])('notice delay %s ms with a 10 ms bound: %s', (delay, expected) => {
  expect(clockProblem(delay, 10)).toBe(expected);
});
