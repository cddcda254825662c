import { expect, test } from 'vitest';
import { formatDuration, parseDuration } from '../../src/config/duration.js';

test.each([
  ['500ms', 500],
  ['30s', 30_000],
  ['1.5s', 1_500],
  ['2m', 120_000],
  ['1h', 3_600_000],
  ['1m30s', 90_000],
  ['5', 5_000],
  [5, 5_000],
  [' 10s ', 10_000],
])('parseDuration(%j) is %d ms', (input, expected) => {
  expect(parseDuration(input)).toBe(expected);
});

test.each(['10x', '', 's', '10 s', '-5s', '1m30', 'abc', '10sms'])('parseDuration(%j) is not a duration', (input) => {
  expect(parseDuration(input)).toBeUndefined();
});

test.each([
  [250, '250ms'],
  [1_500, '1.5s'],
  [30_000, '30s'],
  [90_000, '1m30s'],
  [120_000, '2m'],
  [600_000, '10m'],
  [3_600_000, '1h'],
  [5_430_000, '1h30m30s'],
  [86_400_000, '24h'],
])('formatDuration(%d) is %s', (ms, expected) => {
  expect(formatDuration(ms)).toBe(expected);
  // What it prints reads back as the same duration.
  expect(parseDuration(formatDuration(ms))).toBe(ms);
});
