import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Options of one http-echo replica. */
export interface EchoServerOptions {
  /** The text answered to every request; a newline is appended, like hashicorp/http-echo. */
  readonly text: string;
  /** @default '127.0.0.1' */
  readonly hostname?: string;
  /** @default 0 (an ephemeral port) */
  readonly port?: number;
}

/** A running echo server. */
export interface EchoServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** The health path hashicorp/http-echo serves; probes and the router use it too. */
export const HEALTH_PATH = '/health';

/**
 * Starts a real HTTP server that behaves like hashicorp/http-echo: every path
 * answers `text\n` with status 200, and `/health` answers `{"status":"ok"}`.
 */
export async function startEchoServer(options: EchoServerOptions): Promise<EchoServer> {
  const body = Buffer.from(`${options.text}\n`);
  const health = Buffer.from('{"status":"ok"}\n');
  const server = createServer((request, response) => {
    // Drain the request so keep-alive connections stay usable.
    request.resume();
    const isHealth = request.url === HEALTH_PATH;
    response.writeHead(200, {
      'content-type': isHealth ? 'application/json' : 'text/plain; charset=utf-8',
      'content-length': isHealth ? health.length : body.length,
      'x-app-name': 'http-echo',
    });
    response.end(isHealth ? health : body);
  });
  // A load test holds connections open for its whole duration.
  server.keepAliveTimeout = 65_000;
  await listen(server, options.port ?? 0, options.hostname ?? '127.0.0.1');
  const { port, address } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    port,
    close: () => closeServer(server),
  };
}

export function listen(server: Server, port: number, hostname: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
