import { Pool } from 'undici';
import type { ResolvedOptions } from './options.js';
import { SocketPool } from './socket-engine/socket-pool.js';
import type { DispatcherFactory, LoadDispatcher } from './types.js';

/** One keep-alive pool per (address, host): sockets are never shared across Host headers or TLS names. */
export function createDispatchers(options: ResolvedOptions, factory?: DispatcherFactory): Map<string, LoadDispatcher> {
  const address = options.address.origin;
  const https = options.address.protocol === 'https:';
  const engine: DispatcherFactory =
    options.engine === 'socket'
      ? (origin, _host, poolOptions) => new SocketPool(origin, poolOptions)
      : (origin, _host, poolOptions) => new Pool(origin, poolOptions);
  const make = factory ?? engine;
  const dispatchers = new Map<string, LoadDispatcher>();
  for (const { host } of options.targets) {
    if (dispatchers.has(host)) continue;
    const poolOptions: Pool.Options = {
      connections: options.connections,
      pipelining: options.pipelining,
      // The run's own sweep enforces timeoutMs from the send, so undici's per-request timers are off.
      headersTimeout: 0,
      bodyTimeout: 0,
      connect: {
        timeout: Math.min(options.timeoutMs, 10_000),
        rejectUnauthorized: options.rejectUnauthorized,
        ...(https ? { servername: host.replace(/:\d+$/, '') } : {}),
      },
    };
    dispatchers.set(host, make(address, host, poolOptions));
  }
  return dispatchers;
}

/** Requests waiting in pools for a socket, across every pool that reports stats. */
export function queueDepth(dispatchers: Iterable<LoadDispatcher>): number {
  let depth = 0;
  for (const d of dispatchers) {
    const stats = (d as { stats?: { pending?: number } }).stats;
    if (stats && typeof stats.pending === 'number') depth += stats.pending;
  }
  return depth;
}

/** Closes gracefully when idle, destroys otherwise; never waits longer than `deadlineMs`. */
export async function closeDispatchers(
  dispatchers: Iterable<LoadDispatcher>,
  force: boolean,
  deadlineMs: number,
): Promise<void> {
  const closing = [...dispatchers].map((d) => (force ? d.destroy() : d.close()).catch(() => undefined));
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, deadlineMs);
  });
  await Promise.race([Promise.all(closing), deadline]);
  clearTimeout(timer);
}
