import type { V1LabelSelector } from '@kubernetes/client-node';
import { expect, test } from 'vitest';
import { matchesSelector } from '../src/label-selector.js';

const labels = { app: 'web', tier: 'front' };
const cases: [V1LabelSelector, Record<string, string> | undefined, boolean][] = [
  [{ matchLabels: { app: 'web' } }, labels, true],
  [{ matchLabels: { app: 'api' } }, labels, false],
  [{ matchLabels: { app: 'web' } }, undefined, false],
  [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] }, labels, true],
  [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }] }, labels, false],
  [{ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['back'] }] }, labels, true],
  [{ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, labels, false],
  [{ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, labels, true],
  [{ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, labels, true],
  [{ matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, labels, false],
  [{ matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, labels, true],
  [{ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, labels, false],
  [{ matchExpressions: [{ key: 'app', operator: 'Bogus' }] }, labels, false],
  [
    { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }] },
    labels,
    false,
  ],
];

test.each(cases)('%j matches %j: %s', (selector, podLabels, expected) => {
  expect(matchesSelector(podLabels, selector)).toBe(expected);
});
