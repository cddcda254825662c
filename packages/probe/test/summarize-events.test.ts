import type { CoreV1Event } from '@kubernetes/client-node';
import { expect, test } from 'vitest';
import { summarizeEvents } from '../src/summarize-events.js';

function event(reason: string, times: Partial<CoreV1Event>, extra: Partial<CoreV1Event> = {}): CoreV1Event {
  return {
    metadata: { name: reason },
    involvedObject: { kind: 'Pod', name: 'web-1' },
    reason,
    message: `${reason} happened\n`,
    type: 'Normal',
    ...times,
    ...extra,
  };
}

test('sorts by the most specific time field, oldest first, and keeps the last N', () => {
  const events = [
    event('c', { lastTimestamp: new Date('2025-01-01T00:00:03Z') }),
    // JSON from a watch carries strings, the typed client Dates: both work.
    event('a', { firstTimestamp: '2025-01-01T00:00:01Z' as unknown as Date }),
    event('d', { eventTime: new Date('2025-01-01T00:00:04Z') }),
    event('b', { metadata: { name: 'b', creationTimestamp: new Date('2025-01-01T00:00:02Z') } }),
    event('e', { series: { count: 5, lastObservedTime: new Date('2025-01-01T00:00:05Z') } }),
    event('undated', {}),
  ];
  expect(summarizeEvents(events).map((e) => e.reason)).toEqual(['undated', 'a', 'b', 'c', 'd', 'e']);
  expect(summarizeEvents(events, 2).map((e) => e.reason)).toEqual(['d', 'e']);
  expect(summarizeEvents(events, 0)).toEqual([]);
});

test('lastTimestamp wins over firstTimestamp for repeated events', () => {
  const repeated = event(
    'BackOff',
    { firstTimestamp: new Date('2025-01-01T00:00:00Z'), lastTimestamp: new Date('2025-01-01T00:10:00Z') },
    { count: 12, type: 'Warning' },
  );
  const recent = event('Pulled', { lastTimestamp: new Date('2025-01-01T00:05:00Z') });
  expect(summarizeEvents([repeated, recent])).toEqual([
    {
      time: '2025-01-01T00:05:00.000Z',
      type: 'Normal',
      reason: 'Pulled',
      object: 'Pod/web-1',
      message: 'Pulled happened',
      count: 1,
    },
    {
      time: '2025-01-01T00:10:00.000Z',
      type: 'Warning',
      reason: 'BackOff',
      object: 'Pod/web-1',
      message: 'BackOff happened',
      count: 12,
    },
  ]);
});

test('invalid times count as undated', () => {
  const [summary] = summarizeEvents([event('x', { lastTimestamp: 'not a date' as unknown as Date })]);
  expect(summary?.time).toBeUndefined();
});
