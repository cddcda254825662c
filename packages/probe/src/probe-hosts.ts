import { setTimeout as wait } from 'node:timers/promises';
import { backoffDelay, type ResolvedBackoff, resolveBackoff } from './backoff-delay.js';
import { probeTimeoutMessage } from './describe-observation.js';
import { isPermanentRequestError } from './error-code.js';
import {
  ProbeAbortedError,
  type ProbeFailure,
  type ProbeObservation,
  ProbeOptionsError,
  ProbeRequestError,
  ProbeTimeoutError,
} from './errors.js';
import { probeAttempt } from './probe-attempt.js';
import type { HostProbeResult, ProbeHostsOptions, ProbeTarget } from './probe-hosts-options.js';

type HostOutcome =
  | { readonly ok: true; readonly result: HostProbeResult }
  | { readonly ok: false; readonly failure: ProbeFailure; readonly fatal?: unknown };

/**
 * Probes every target through the ingress concurrently until each answers `expectStatus`
 * (and `expectBody`), retrying with jittered exponential backoff until the overall deadline.
 * Resolves in the order of `targets`.
 */
export async function probeHosts(options: ProbeHostsOptions): Promise<HostProbeResult[]> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 10_000;
  checkPositive('timeoutMs', timeoutMs);
  checkPositive('attemptTimeoutMs', attemptTimeoutMs);
  const backoff = resolveBackoff(options.backoff);
  const base = parseIngressUrl(options.ingressUrl);
  for (const [i, t] of options.targets.entries()) {
    if (typeof t.host !== 'string' || t.host === '') {
      throw new ProbeOptionsError(`targets[${i}].host: must be a non-empty host name, got ${JSON.stringify(t.host)}`);
    }
    const status = t.expectStatus ?? 200;
    if (!Number.isInteger(status) || status < 100 || status > 599) {
      throw new ProbeOptionsError(`targets[${i}].expectStatus: must be an HTTP status 100-599, got ${status}`);
    }
  }
  if (options.signal?.aborted) throw aborted(options.signal);

  // Cancels the siblings when one host hits a permanent error; the deadline covers the rest.
  const internal = new AbortController();
  const signals = [AbortSignal.timeout(Math.ceil(timeoutMs)), internal.signal];
  if (options.signal) signals.push(options.signal);
  const signal = AbortSignal.any(signals);
  const started = performance.now();

  const outcomes = await Promise.all(
    options.targets.map(async (target) => {
      const outcome = await probeHost(target, { ...options, base, backoff, attemptTimeoutMs, signal, started });
      if (!outcome.ok && outcome.fatal !== undefined) internal.abort(outcome.fatal);
      return outcome;
    }),
  );

  const fatal = outcomes.find((o) => !o.ok && o.fatal !== undefined);
  if (fatal && !fatal.ok) {
    const f = fatal.failure;
    const code = f.last.kind === 'error' ? f.last.code : 'UNKNOWN';
    throw new ProbeRequestError(
      `probe: request to ${base} for host ${f.host} failed permanently (${code}) — check ingressUrl and the target's host/path`,
      { cause: fatal.fatal },
    );
  }
  if (options.signal?.aborted) throw aborted(options.signal);
  const failures = outcomes.flatMap((o) => (o.ok ? [] : [o.failure]));
  if (failures.length > 0) throw new ProbeTimeoutError(probeTimeoutMessage(failures, timeoutMs), failures);
  return outcomes.map((o) => (o as { result: HostProbeResult }).result);
}

interface HostContext extends ProbeHostsOptions {
  readonly base: string;
  readonly backoff: ResolvedBackoff;
  readonly attemptTimeoutMs: number;
  readonly signal: AbortSignal;
  readonly started: number;
}

async function probeHost(target: ProbeTarget, ctx: HostContext): Promise<HostOutcome> {
  const expectStatus = target.expectStatus ?? 200;
  const path = target.path ?? '/';
  const url = ctx.base + (path.startsWith('/') ? path : `/${path}`);
  const random = ctx.random ?? Math.random;
  let last: ProbeObservation = { kind: 'none' };
  let attempts = 0;
  const failure = (): ProbeFailure => ({
    host: target.host,
    expectStatus,
    expectBody: target.expectBody,
    attempts,
    last,
  });

  while (!ctx.signal.aborted) {
    const outcome = await probeAttempt({
      url,
      host: target.host,
      expectStatus,
      expectBody: target.expectBody,
      timeoutMs: ctx.attemptTimeoutMs,
      signal: ctx.signal,
      dispatcher: ctx.dispatcher,
    });
    // An attempt cut short by the deadline or the caller says nothing about the host.
    if (ctx.signal.aborted) break;
    attempts += 1;
    last = outcome.observation;
    const status = last.kind === 'status' ? last.status : undefined;
    const error =
      last.kind === 'error' ? last.code : last.kind === 'status' && last.wrongBody ? 'WRONG_BODY' : undefined;

    if (outcome.ok) {
      ctx.onAttempt?.({ host: target.host, attempt: attempts, status, delayMs: 0 });
      return { ok: true, result: { host: target.host, attempts, durationMs: performance.now() - ctx.started } };
    }
    if (last.kind === 'error' && isPermanentRequestError(last.code)) {
      ctx.onAttempt?.({ host: target.host, attempt: attempts, status, error, delayMs: 0 });
      return { ok: false, failure: failure(), fatal: outcome.ok ? undefined : outcome.error };
    }
    const delayMs = backoffDelay(attempts - 1, ctx.backoff, random);
    ctx.onAttempt?.({ host: target.host, attempt: attempts, status, error, delayMs });
    try {
      await wait(delayMs, undefined, { signal: ctx.signal });
    } catch {
      break; // only the signal rejects this wait
    }
  }
  return { ok: false, failure: failure() };
}

function parseIngressUrl(ingressUrl: string): string {
  let url: URL;
  try {
    url = new URL(ingressUrl);
  } catch (cause) {
    throw new ProbeOptionsError(`ingressUrl: must be an absolute http(s) URL, got ${JSON.stringify(ingressUrl)}`, {
      cause,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ProbeOptionsError(`ingressUrl: must use http or https, got ${JSON.stringify(ingressUrl)}`);
  }
  return ingressUrl.replace(/\/+$/, '');
}

function checkPositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new ProbeOptionsError(`${name}: must be a positive number of milliseconds, got ${value}`);
  }
}

function aborted(signal: AbortSignal): ProbeAbortedError {
  return new ProbeAbortedError('probe: aborted by the caller before every host answered', { cause: signal.reason });
}
