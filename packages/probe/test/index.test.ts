import { expect, test } from 'vitest';
import { packageName } from '../src/index.js';

test('exports its name', () => {
  expect(packageName).toBe('@prload/probe');
});
