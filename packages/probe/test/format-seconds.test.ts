import { expect, test } from 'vitest';
import { formatSeconds } from '../src/format-seconds.js';

test.each([
  [30_000, '30s'],
  [2_500, '2.5s'],
  [1_234, '1.2s'],
  [0, '0s'],
])('formatSeconds(%d) is %s', (ms, text) => {
  expect(formatSeconds(ms)).toBe(text);
});
