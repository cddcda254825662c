import type { V1EndpointSlice } from '@kubernetes/client-node';
import { expect, test } from 'vitest';
import { countReadyEndpoints } from '../src/endpoint-readiness.js';

function slice(...endpoints: V1EndpointSlice['endpoints']): V1EndpointSlice {
  return { addressType: 'IPv4', endpoints: endpoints ?? [] };
}

test.each([
  ['no slices', [], 0],
  ['a slice without endpoints', [{ addressType: 'IPv4' } as V1EndpointSlice], 0],
  ['ready endpoint', [slice({ addresses: ['10.0.0.1'], conditions: { ready: true } })], 1],
  ['unset ready means ready', [slice({ addresses: ['10.0.0.1'] })], 1],
  ['not ready', [slice({ addresses: ['10.0.0.1'], conditions: { ready: false, serving: true } })], 0],
  ['terminating', [slice({ addresses: ['10.0.0.1'], conditions: { ready: true, terminating: true } })], 0],
  [
    'several slices',
    [
      slice(
        { addresses: ['10.0.0.1'], conditions: { ready: true } },
        { addresses: ['10.0.0.2'], conditions: { ready: false } },
      ),
      slice({ addresses: ['fd00::1'], conditions: { ready: true } }),
    ],
    2,
  ],
] as [string, V1EndpointSlice[], number][])('%s -> %i', (_title, slices, expected) => {
  expect(countReadyEndpoints(slices)).toBe(expected);
});
