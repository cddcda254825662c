import { describe, expect, it } from 'vitest';
import { primeUndici } from '../src/prime-undici.js';

describe('primeUndici', () => {
  it('completes one request against its own throwaway listener, once per process', async () => {
    const first = primeUndici();
    expect(primeUndici()).toBe(first);
    await expect(first).resolves.toBeUndefined();
  });
});
