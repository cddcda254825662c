import type { Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { HostRecorder } from '../src/host-recorder.js';
import { LoadRequest, type RequestSink, type TargetState } from '../src/load-request.js';

function requestFor(expectBody: string | undefined) {
  const outcomes: (Error | null)[] = [];
  const sink: RequestSink = { complete: (_r, error) => outcomes.push(error) };
  const state: TargetState = {
    target: { host: 'a', path: '/', method: 'GET', weight: 1, expectStatus: 200 },
    dispatcher: {} as Dispatcher,
    dispatchOptions: { path: '/', method: 'GET' },
    expectedBody: expectBody === undefined ? null : Buffer.from(expectBody),
    host: new HostRecorder(),
  };
  return { request: new LoadRequest(sink, state, 0, 0, true), outcomes };
}

function feed(expectBody: string | undefined, chunks: string[]) {
  const { request, outcomes } = requestFor(expectBody);
  expect(request.onHeaders(200)).toBe(true);
  for (const c of chunks) expect(request.onData(Buffer.from(c))).toBe(true);
  request.onComplete();
  return { request, outcomes };
}

describe('LoadRequest body check', () => {
  it.each<[string, string | undefined, string[], boolean, string]>([
    ['no expectation', undefined, ['anything'], true, ''],
    ['exact, one chunk', 'hello', ['hello'], true, ''],
    ['exact, split across chunks', 'hello', ['he', 'l', 'lo'], true, ''],
    ['different', 'hello', ['world'], false, 'world'],
    ['different in a later chunk', 'hello', ['he', 'LLO'], false, 'LLO'],
    ['longer', 'hello', ['hello!'], false, 'hello!'],
    ['longer in a later chunk', 'hello', ['hello', ' there'], false, ' there'],
    ['shorter', 'hello', ['hell'], false, ''],
    ['empty', 'hello', [], false, ''],
    ['long, exact (native compare)', 'x'.repeat(40), ['x'.repeat(33), 'x'.repeat(7)], true, ''],
    ['long, differs in the last byte', `${'x'.repeat(39)}y`, ['x'.repeat(40)], false, 'x'.repeat(40)],
  ])('%s', (_name, expected, chunks, matches, snippet) => {
    const { request, outcomes } = feed(expected, chunks);
    expect(request.bodyMatches()).toBe(matches);
    expect(request.bodySnippet).toBe(snippet);
    expect(request.bodyBytes).toBe(chunks.join('').length);
    expect(outcomes).toEqual([null]);
  });

  it('quotes at most the expected length plus a margin of a long wrong body', () => {
    const { request } = feed('ok', ['x'.repeat(10_000)]);
    expect(request.bodySnippet).toHaveLength(2 + 16);
  });

  it('reports transport errors and aborts a request that timed out before it started', () => {
    const { request, outcomes } = requestFor(undefined);
    const reason = new Error('late');
    request.abortWith = reason;
    const aborted: Error[] = [];
    request.onConnect((e?: Error) => {
      if (e) aborted.push(e);
    });
    expect(aborted).toEqual([reason]);
    request.onError(reason);
    expect(outcomes).toEqual([reason]);
  });
});
