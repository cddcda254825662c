import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { afterEach } from 'vitest';

export interface TestServer {
  readonly address: string;
  readonly port: number;
  close(): Promise<void>;
}

async function listen(server: http.Server | https.Server, scheme: 'http' | 'https'): Promise<TestServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `${scheme}://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A real HTTP/1.1 server on 127.0.0.1 with an ephemeral port. */
export function startServer(handler: http.RequestListener): Promise<TestServer> {
  return listen(http.createServer({ keepAliveTimeout: 5000 }, handler), 'http');
}

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

/** HTTPS with a self-signed, test-only certificate for sni.localhost. */
export function startHttpsServer(handler: http.RequestListener): Promise<TestServer> {
  return listen(
    https.createServer({ key: fixture('test-only-key.pem'), cert: fixture('test-only-cert.pem') }, handler),
    'https',
  );
}

/** A loopback port with nothing listening, for connection-refused cases. */
export async function deadAddress(): Promise<string> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/**
 * For one test file: returns `serve`, which starts a server and tracks it, and
 * closes every tracked server after each test. `track` adds one started otherwise.
 */
export function serversClosedAfterEach(): {
  serve(handler: http.RequestListener): Promise<TestServer>;
  track(server: TestServer): TestServer;
} {
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  const track = (server: TestServer) => {
    servers.push(server);
    return server;
  };
  return { serve: async (handler) => track(await startServer(handler)), track };
}
