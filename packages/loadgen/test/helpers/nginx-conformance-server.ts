import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startPrivateNginx } from '../../../../bench/lib/nginx.mjs';
import {
  CHUNKED_BODY,
  type ConformanceServer,
  fixture,
  IDLE_CLOSE_MS,
  LARGE_BODY,
  SLOW_OK_MS,
} from './conformance-server.js';

const LOG_DEADLINE_MS = 5_000;

/** The routes, in nginx's own terms; `sub_filter` drops Content-Length, so the body goes chunked. */
function routes(dir: string, upstream: number): string {
  const chunked = "sub_filter_types *; sub_filter 'never-in-the-body' 'x'; sub_filter_once off;";
  return `
    location = /host { return 200 $host; }
    location = /sni { return 200 "$ssl_server_name $host"; }
    location = /empty { return 200 ''; }
    location = /no-content { return 204; }
    location = /not-modified { return 304; }
    location = /status/404 { return 404 'missing'; }
    location = /status/503 { return 503 'busy'; }
    location = /redirect { return 301 /host; }
    location = /chunked { alias ${dir}/chunked.txt; ${chunked} }
    location = /large { alias ${dir}/large.txt; }
    location = /large-chunked { alias ${dir}/large.txt; ${chunked} }
    location = /close { keepalive_timeout 0; return 200 'closing'; }
    location = /close-after-3 { keepalive_requests 3; return 200 'ok'; }
    location = /idle { keepalive_timeout ${IDLE_CLOSE_MS}ms; return 200 'idle'; }
    # 444: close without answering; with reset_timedout_connection, by a reset.
    location = /reset { reset_timedout_connection on; return 444; }
    location = /drop { return 444; }
    # nginx cannot stall by itself: these two wait on an upstream that does, as an ingress would.
    location = /slow { proxy_pass http://127.0.0.1:${upstream}; }
    location = /slow-ok { proxy_pass http://127.0.0.1:${upstream}; }
    location = /slow-body { alias ${dir}/large.txt; limit_rate 1k; }`;
}

/** The upstream of /slow (never answers) and /slow-ok (answers after SLOW_OK_MS). */
async function startSlowUpstream(): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url !== '/slow-ok') return;
    const timer = setTimeout(() => res.end('slow ok'), SLOW_OK_MS);
    res.on('close', () => clearTimeout(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls `read` with backoff until it returns a value or the deadline passes. */
async function poll<T>(read: () => Promise<T | undefined>, deadlineMs: number, what: string): Promise<T> {
  const deadline = performance.now() + deadlineMs;
  let delay = 5;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`${what} after ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 100);
  }
}

/**
 * Debian's nginx (a private instance: generated config, temp dir, loopback ports) answering the
 * conformance routes, plain and TLS. Each request's Host and connection serial number go to the
 * access log, which is how connections per Host are counted.
 */
export async function startNginxConformanceServer(): Promise<ConformanceServer> {
  const upstream = await startSlowUpstream();
  let nginx: Awaited<ReturnType<typeof startPrivateNginx>>;
  try {
    nginx = await startPrivateNginx({
      ports: 2,
      files: {
        'chunked.txt': CHUNKED_BODY,
        'large.txt': LARGE_BODY,
        'cert.pem': fixture('test-only-cert.pem'),
        'key.pem': fixture('test-only-key.pem'),
      },
      http: ({ dir, ports: [plain, secure] }) => `
  log_format conformance '$host $connection';
  access_log ${dir}/access.log conformance;
  default_type text/plain;
  keepalive_timeout 75s;
  server {
    listen 127.0.0.1:${plain} default_server;
    listen 127.0.0.1:${secure} ssl default_server;
    ssl_certificate ${dir}/cert.pem;
    ssl_certificate_key ${dir}/key.pem;
${routes(dir, upstream.port)}
  }`,
    });
  } catch (error) {
    await upstream.close();
    throw error;
  }
  const accessLog = join(nginx.dir, 'access.log');
  return {
    kind: 'nginx',
    http: `http://127.0.0.1:${nginx.ports[0]}`,
    https: `https://127.0.0.1:${nginx.ports[1]}`,
    interim: false,
    // nginx logs a request once it has answered it, which may be just after the client has the answer.
    connectionsFor: (host, requests) =>
      poll(
        async () => {
          const lines = (await readFile(accessLog, 'utf8')).split('\n').filter((line) => line.startsWith(`${host} `));
          return lines.length >= requests ? { requests: lines.length, connections: new Set(lines).size } : undefined;
        },
        LOG_DEADLINE_MS,
        `nginx logged fewer than ${requests} requests for ${host}`,
      ),
    close: async () => {
      await upstream.close();
      await nginx.stop();
    },
  };
}
