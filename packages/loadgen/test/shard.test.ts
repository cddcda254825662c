import { describe, expect, it } from 'vitest';
import { LoadOptionsError } from '../src/errors.js';
import { resolveShard, shareOf } from '../src/shard.js';

describe('shareOf', () => {
  it.each([
    [10, 2, [5, 5]],
    [10, 3, [4, 3, 3]],
    [3, 3, [1, 1, 1]],
  ])('splits %i over %i as %j', (total, count, shares) => {
    expect(Array.from({ length: count }, (_, i) => shareOf(total, count, i))).toEqual(shares);
  });
});

describe('resolveShard', () => {
  it('keeps a valid slice, and nothing for a whole run', () => {
    expect(resolveShard({ index: 99, count: 100 })).toEqual({ index: 99, count: 100 });
    expect(resolveShard({ index: 0, count: 1 })).toEqual({ index: 0, count: 1 });
    expect(resolveShard(undefined)).toBeUndefined();
  });

  it.each<[unknown, string, RegExp]>([
    [null, 'shard', /^load\.shard: must be an object \{ index, count \}, got null$/],
    [3, 'shard', /^load\.shard: must be an object/],
    [{ index: 0, count: 0 }, 'shard.count', /^load\.shard\.count: must be an integer from 1 to 100, got 0$/],
    [{ index: 0, count: 101 }, 'shard.count', /got 101$/],
    [{ index: 0, count: 2.5 }, 'shard.count', /got 2\.5$/],
    [{ index: 0 }, 'shard.count', /got undefined$/],
    [
      { index: 2, count: 2 },
      'shard.index',
      /^load\.shard\.index: must be an integer from 0 to 1 \(count - 1\), got 2$/,
    ],
    [{ index: -1, count: 2 }, 'shard.index', /got -1$/],
    [{ index: 0.5, count: 2 }, 'shard.index', /got 0\.5$/],
    [{ index: '1', count: 2 }, 'shard.index', /got 1$/],
  ])('refuses %j, naming %s on one line', (value, option, message) => {
    const error = (() => {
      try {
        resolveShard(value);
      } catch (e) {
        return e;
      }
    })() as LoadOptionsError;
    expect(error).toBeInstanceOf(LoadOptionsError);
    expect(error.kind).toBe('bad-input');
    expect(error.option).toBe(option);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });
});
