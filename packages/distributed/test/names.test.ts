import { expect, test } from 'vitest';
import { DistributedOptionsError } from '../src/errors.js';
import { MAX_RUN_ID_LENGTH, runNames, runSelector } from '../src/names.js';

test('every object of a run is named after its run id', () => {
  const names = runNames('20250101-abc123');
  expect([names.job, names.spec, names.rbac, names.status(7)]).toEqual([
    'prload-load-20250101-abc123',
    'prload-load-20250101-abc123',
    'prload-shard-20250101-abc123',
    'prload-load-20250101-abc123-shard-7',
  ]);
  expect(runSelector('r', 'status')).toBe('prload.dev/run=r,app.kubernetes.io/component=status');
});

test('the longest run id keeps the Job name a label value and the pod host names within 63 characters', () => {
  const longest = 'a'.repeat(MAX_RUN_ID_LENGTH);
  expect(`${runNames(longest).job}-99`.length).toBeLessThanOrEqual(63);
});

for (const bad of ['', 'Upper', 'a_b', '-a', 'a'.repeat(MAX_RUN_ID_LENGTH + 1), 42]) {
  test(`run id ${JSON.stringify(bad)} is bad input`, () => {
    expect(() => runNames(bad as string)).toThrow(DistributedOptionsError);
    expect(() => runNames(bad as string)).toThrow(/^runId: must be lowercase letters/);
  });
}
