import type { CoreV1Event } from '@kubernetes/client-node';
import type { EventSummary } from './diagnostics-types.js';

type Time = Date | string | undefined;

function toIso(value: Time): string | undefined {
  if (value === undefined || value === null) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** When the event last happened: core/v1 events carry it in one of several fields depending on the emitter. */
function eventTime(e: CoreV1Event): string | undefined {
  return (
    toIso(e.lastTimestamp as Time) ??
    toIso(e.series?.lastObservedTime as Time) ??
    toIso(e.eventTime as Time) ??
    toIso(e.firstTimestamp as Time) ??
    toIso(e.metadata?.creationTimestamp as Time)
  );
}

/** The `limit` most recent events, oldest first (the order `kubectl get events` reads best in). */
export function summarizeEvents(events: readonly CoreV1Event[], limit = 20): EventSummary[] {
  const summaries = events.map(
    (e): EventSummary => ({
      time: eventTime(e),
      type: e.type ?? 'Normal',
      reason: e.reason ?? '',
      object: `${e.involvedObject?.kind ?? '?'}/${e.involvedObject?.name ?? '?'}`,
      message: (e.message ?? '').trim(),
      count: e.count ?? e.series?.count ?? 1,
    }),
  );
  // Events without a time sort first: they cannot be more recent than a dated one we know of.
  summaries.sort((a, b) => (a.time ?? '').localeCompare(b.time ?? ''));
  return limit > 0 ? summaries.slice(-limit) : [];
}
