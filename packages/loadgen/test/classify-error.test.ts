import { describe, expect, it } from 'vitest';
import { classifyError, describeError } from '../src/classify-error.js';
import { RequestTimeoutError } from '../src/errors.js';

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('classifyError', () => {
  it.each([
    [withCode('ECONNREFUSED'), 'connect-refused'],
    [new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'connect failed'), 'connect-refused'],
    [withCode('ECONNRESET'), 'reset'],
    [withCode('UND_ERR_SOCKET', 'other side closed'), 'reset'],
    [withCode('EPIPE'), 'reset'],
    [new RequestTimeoutError(100), 'timeout'],
    [withCode('UND_ERR_HEADERS_TIMEOUT'), 'timeout'],
    [withCode('UND_ERR_CONNECT_TIMEOUT'), 'timeout'],
    [new Error('wrapped', { cause: withCode('ECONNRESET') }), 'reset'],
    [withCode('UND_ERR_INVALID_ARG'), 'other'],
    [new Error('plain'), 'other'],
    ['a string', 'other'],
  ])('%s -> %s', (error, kind) => {
    expect(classifyError(error)).toBe(kind);
  });

  it('describes errors on one line with their code', () => {
    expect(describeError(withCode('ECONNRESET', 'read ECONNRESET'))).toBe('read ECONNRESET');
    expect(describeError(withCode('UND_ERR_SOCKET', 'other side\nclosed'))).toBe('UND_ERR_SOCKET other side closed');
    expect(describeError(new AggregateError([withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1')]))).toBe(
      'connect ECONNREFUSED 127.0.0.1:1',
    );
  });
});
