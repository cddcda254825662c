import type { Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { describeError } from '../src/classify-error.js';
import { RequestTimeoutError } from '../src/errors.js';
import { HostRecorder } from '../src/host-recorder.js';
import { LoadRequest, type TargetState } from '../src/load-request.js';
import { describeFailure, errorKindOf } from '../src/request-outcome.js';
import type { ErrorKind } from '../src/types.js';

/** A request to a target expecting 200 and `ok` that got `status` and `body` (or, with `error`, failed). */
function finished(status: number, body: string[], error: Error | null = null) {
  const state: TargetState = {
    target: { host: 'a', path: '/', method: 'GET', weight: 1, expectStatus: 200, expectBody: 'ok' },
    dispatcher: {} as Dispatcher,
    dispatchOptions: { path: '/', method: 'GET' },
    expectedBody: Buffer.from('ok'),
    host: new HostRecorder(),
  };
  const request = new LoadRequest({ complete: () => undefined }, state, 0, 0, true);
  if (error === null) {
    request.onHeaders(status);
    for (const chunk of body) request.onData(Buffer.from(chunk));
  }
  return request;
}

describe('errorKindOf and describeFailure', () => {
  it.each<[string, LoadRequest, Error | null, ErrorKind | null, string]>([
    ['the expected response', finished(200, ['ok']), null, null, ''],
    ['a transport error, whatever arrived', finished(200, ['ok']), new RequestTimeoutError(100), 'timeout', ''],
    ['another status', finished(503, ['ok']), null, 'unexpected-status', 'got 503, expected 200'],
    [
      'another status and body: the status counts',
      finished(404, ['no']),
      null,
      'unexpected-status',
      'got 404, expected 200',
    ],
    ['a different body', finished(200, ['no']), null, 'body-mismatch', 'expected "ok", got "no"'],
    ['a longer body', finished(200, ['ok!']), null, 'body-mismatch', 'expected "ok", got "ok!"'],
    ['a shorter body', finished(200, ['o']), null, 'body-mismatch', 'expected "ok", got 1 bytes'],
  ])('%s', (_name, request, error, kind, detail) => {
    expect(errorKindOf(request, error)).toBe(kind);
    if (kind !== null && error === null) expect(describeFailure(request, error, kind)).toBe(detail);
  });

  it('describes a transport error as describeError does, with its code', () => {
    const error = new RequestTimeoutError(100);
    expect(describeFailure(finished(0, [], error), error, 'timeout')).toBe(describeError(error));
    expect(describeError(error)).toContain('LOADGEN_REQUEST_TIMEOUT');
  });
});
