import { LoadOptionsError } from './errors.js';
import type { Arrivals } from './schedule.js';
import { resolveShard, shareOf } from './shard.js';
import type { BehindPolicy, HttpEngine, LoadModel, LoadOptions, ResolvedTarget, Shard } from './types.js';

/** A request sent later than this after its planned time counts as late. Node timers tick in whole milliseconds, so 1-2 ms of lag is the timer, not the generator. */
export const LATE_THRESHOLD_MS = 2;

export interface ResolvedOptions {
  readonly address: URL;
  readonly targets: ResolvedTarget[];
  readonly model: LoadModel;
  readonly rate: number;
  readonly rampTo?: number;
  readonly arrivals: Arrivals;
  readonly durationMs: number;
  readonly warmupMs: number;
  readonly connections: number;
  readonly pipelining: number;
  readonly timeoutMs: number;
  readonly maxInFlight: number;
  readonly behindPolicy: BehindPolicy;
  readonly maxSendLagP99Ms: number;
  readonly drainMs: number;
  readonly rejectUnauthorized: boolean;
  readonly engine: HttpEngine;
  readonly seed?: number;
  readonly workers: number;
  /** Absent for a whole run; `connections` and `maxInFlight` are then already this shard's share. */
  readonly shard?: Shard;
}

function positive(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new LoadOptionsError(name, `must be a positive number, got ${String(value)}`);
  }
  return value;
}

function nonNegative(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new LoadOptionsError(name, `must be a number >= 0, got ${String(value)}`);
  }
  return value;
}

function positiveInt(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new LoadOptionsError(name, `must be an integer >= 1, got ${String(value)}`);
  }
  return value;
}

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    throw new LoadOptionsError(name, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${String(value)}`);
  }
  return value as T;
}

function parseAddress(value: unknown): URL {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch (cause) {
    throw new LoadOptionsError('address', `must be a URL like http://127.0.0.1:8080, got ${String(value)}`, { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LoadOptionsError('address', `must use http: or https:, got ${url.protocol}`);
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new LoadOptionsError(
      'address',
      `must hold only scheme, host and port (paths belong to targets), got ${value}`,
    );
  }
  return url;
}

/** A Host header or request path as it may go on the wire: printable ASCII, no spaces or controls. */
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

function resolveTargets(targets: unknown): ResolvedTarget[] {
  if (!Array.isArray(targets) || targets.length === 0) {
    throw new LoadOptionsError('targets', 'must be a non-empty array of { host, path?, weight? }');
  }
  const resolved = targets.map((t, i): ResolvedTarget => {
    const at = `targets[${i}]`;
    if (typeof t !== 'object' || t === null) throw new LoadOptionsError(at, 'must be an object with a host');
    // Host, path and method go onto the wire as they are: anything neither engine can send is refused
    // here (undici would fail each request locally, the socket engine's bytes would earn a 400).
    if (typeof t.host !== 'string' || !VISIBLE_ASCII.test(t.host) || t.host.includes('/')) {
      throw new LoadOptionsError(`${at}.host`, `must be a host name like foo.localhost, got ${String(t.host)}`);
    }
    const path = t.path ?? '/';
    if (typeof path !== 'string' || !path.startsWith('/')) {
      throw new LoadOptionsError(`${at}.path`, `must start with '/', got ${String(path)}`);
    }
    if (!VISIBLE_ASCII.test(path)) {
      throw new LoadOptionsError(
        `${at}.path`,
        `must be visible ASCII without spaces (percent-encode the rest, e.g. %20), got ${JSON.stringify(path)}`,
      );
    }
    const method = t.method ?? 'GET';
    if (typeof method !== 'string' || !/^[A-Z]+$/.test(method)) {
      throw new LoadOptionsError(`${at}.method`, `must be an upper-case HTTP method, got ${String(method)}`);
    }
    if (method === 'CONNECT') {
      throw new LoadOptionsError(`${at}.method`, 'must not be CONNECT: it opens a tunnel, not a request to measure');
    }
    const weight = nonNegative(`${at}.weight`, t.weight ?? 1);
    const expectStatus = t.expectStatus ?? 200;
    if (!Number.isInteger(expectStatus) || expectStatus < 100 || expectStatus > 599) {
      throw new LoadOptionsError(`${at}.expectStatus`, `must be an HTTP status 100-599, got ${String(expectStatus)}`);
    }
    if (t.expectBody !== undefined && typeof t.expectBody !== 'string') {
      throw new LoadOptionsError(`${at}.expectBody`, 'must be a string');
    }
    return t.expectBody === undefined
      ? { host: t.host, path, method, weight, expectStatus }
      : { host: t.host, path, method, weight, expectStatus, expectBody: t.expectBody };
  });
  if (!resolved.some((t) => t.weight > 0)) throw new LoadOptionsError('targets', 'at least one weight must be > 0');
  return resolved;
}

/** Validates options and applies defaults; throws LoadOptionsError naming the first bad field. */
export function resolveOptions(options: LoadOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) throw new LoadOptionsError('options', 'must be an object');
  const address = parseAddress(options.address);
  const targets = resolveTargets(options.targets);
  const model = oneOf('model', options.model ?? 'open', ['open', 'closed'] as const);
  const rate = model === 'open' ? positive('rate', options.rate) : 0;
  const rampTo = model === 'open' && options.rampTo !== undefined ? positive('rampTo', options.rampTo) : undefined;
  if (model === 'closed' && (options.rate !== undefined || options.rampTo !== undefined)) {
    throw new LoadOptionsError(
      options.rate !== undefined ? 'rate' : 'rampTo',
      "only applies to model 'open'; remove it or set model: 'open'",
    );
  }
  const arrivals = oneOf('arrivals', options.arrivals ?? 'constant', ['constant', 'poisson'] as const);
  const durationMs = positive('durationMs', options.durationMs);
  const warmupMs = nonNegative('warmupMs', options.warmupMs ?? 0);
  const shard = resolveShard(options.shard);
  const totalConnections = positiveInt('connections', options.connections ?? 10);
  const pipelining = positiveInt('pipelining', options.pipelining ?? 1);
  const timeoutMs = positive('timeoutMs', options.timeoutMs ?? 10_000);
  const totalMaxInFlight =
    model === 'closed'
      ? totalConnections * pipelining
      : positiveInt('maxInFlight', options.maxInFlight ?? totalConnections * pipelining);
  if (shard) checkShard(shard, options, totalConnections, model === 'open' ? totalMaxInFlight : undefined);
  // A shard's options describe the whole run; it opens and keeps out its share, so the shards' add up.
  const connections = shard ? shareOf(totalConnections, shard.count, shard.index) : totalConnections;
  const maxInFlight = shard
    ? model === 'closed'
      ? connections * pipelining
      : shareOf(totalMaxInFlight, shard.count, shard.index)
    : totalMaxInFlight;
  const behindPolicy = oneOf('behindPolicy', options.behindPolicy ?? 'queue', ['queue', 'drop'] as const);
  const maxSendLagP99Ms = positive('maxSendLagP99Ms', options.maxSendLagP99Ms ?? 10);
  const drainMs = nonNegative('drainMs', options.drainMs ?? Math.min(timeoutMs, 2000));
  const rejectUnauthorized = options.rejectUnauthorized ?? true;
  // The socket engine by default: it spends half undici's CPU per request (bench/RESULTS.md, Run 7)
  // and can send every request these options describe (HTTP/1.1, no request bodies, no proxy);
  // undici only when asked for.
  const engine = oneOf('engine', options.engine ?? 'socket', ['undici', 'socket'] as const);
  if (options.seed !== undefined && (!Number.isInteger(options.seed) || options.seed < 0 || options.seed >= 2 ** 32)) {
    throw new LoadOptionsError('seed', `must be an integer in [0, 2^32), got ${String(options.seed)}`);
  }
  if (options.startAt !== undefined && (typeof options.startAt !== 'number' || !Number.isFinite(options.startAt))) {
    throw new LoadOptionsError(
      'startAt',
      `must be a finite number (Date.now() milliseconds), got ${String(options.startAt)}`,
    );
  }
  const workers = positiveInt('workers', options.workers ?? 1);
  if (shard && workers > 1) {
    throw new LoadOptionsError(
      'workers',
      `must be 1 with shard (a shard is one thread; run more shards), got ${workers}`,
    );
  }
  if (workers > 1) {
    // Every worker runs its own pools with a share of the sockets, so each needs at least one.
    if (workers > connections) {
      throw new LoadOptionsError('workers', `must be <= connections (${connections}), got ${workers}`);
    }
    if (workers > maxInFlight) {
      throw new LoadOptionsError('workers', `must be <= maxInFlight (${maxInFlight}), got ${workers}`);
    }
    const local = options.dispatcherFactory !== undefined ? 'dispatcherFactory' : options.clock ? 'clock' : undefined;
    if (local !== undefined) {
      throw new LoadOptionsError(local, 'is a function and cannot cross to worker threads; use workers: 1 with it');
    }
  }
  return {
    address,
    targets,
    model,
    rate,
    ...(rampTo === undefined ? {} : { rampTo }),
    arrivals,
    durationMs,
    warmupMs,
    connections,
    pipelining,
    timeoutMs,
    maxInFlight,
    behindPolicy,
    maxSendLagP99Ms,
    drainMs,
    rejectUnauthorized,
    engine,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    workers,
    ...(shard ? { shard } : {}),
  };
}

/** A shard needs the run's seed, and at least one socket and one in-flight slot of its own. */
function checkShard(shard: Shard, options: LoadOptions, connections: number, maxInFlight: number | undefined): void {
  if (shard.count > 1 && options.seed === undefined) {
    throw new LoadOptionsError(
      'seed',
      `is required with shard.count ${shard.count} > 1: every shard must draw the same schedule; pass one seed to all`,
    );
  }
  if (shard.count > connections) {
    throw new LoadOptionsError('shard.count', `must be <= connections (${connections}), got ${shard.count}`);
  }
  if (maxInFlight !== undefined && shard.count > maxInFlight) {
    throw new LoadOptionsError('shard.count', `must be <= maxInFlight (${maxInFlight}), got ${shard.count}`);
  }
}
