import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer, listen } from './echo-server.js';

/** Options of the Host-routing reverse proxy that stands in for the ingress controller. */
export interface HostRouterOptions {
  /** @default '127.0.0.1' */
  readonly hostname?: string;
  /** @default 0 (an ephemeral port) */
  readonly port?: number;
}

/** A running Host-routing reverse proxy. */
export interface HostRouter {
  readonly url: string;
  readonly port: number;
  /** Routes requests whose Host is `host` round-robin over `upstreams` (base URLs). Replaces earlier routes. */
  setRoute(host: string, upstreams: readonly string[]): void;
  close(): Promise<void>;
}

interface Route {
  readonly upstreams: readonly URL[];
  next: number;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te']);

/**
 * Starts a reverse proxy on loopback that routes by Host header like an
 * Ingress: known hosts go round-robin to their replicas, unknown hosts get 404
 * and a dead upstream gets 502, as NGINX answers.
 */
export async function startHostRouter(options: HostRouterOptions = {}): Promise<HostRouter> {
  const routes = new Map<string, Route>();
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });

  const server = createServer((request, response) => {
    const host = hostWithoutPort(request.headers.host);
    const route = host === undefined ? undefined : routes.get(host);
    if (route === undefined) {
      request.resume();
      answer(response, 404, 'default backend - 404\n');
      return;
    }
    const upstream = route.upstreams[route.next++ % route.upstreams.length]!;
    forward(request, response, upstream, agent);
  });
  server.keepAliveTimeout = 65_000;
  await listen(server, options.port ?? 0, options.hostname ?? '127.0.0.1');
  const { port, address } = server.address() as AddressInfo;

  return {
    url: `http://${address}:${port}`,
    port,
    setRoute(host, upstreams) {
      if (upstreams.length === 0) routes.delete(host.toLowerCase());
      else routes.set(host.toLowerCase(), { upstreams: upstreams.map((u) => new URL(u)), next: 0 });
    },
    async close() {
      await closeServer(server);
      agent.destroy();
    },
  };
}

function forward(request: IncomingMessage, response: ServerResponse, upstream: URL, agent: Agent): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  }
  headers['x-forwarded-for'] = request.socket.remoteAddress ?? '';
  const proxied = httpRequest(
    {
      agent,
      hostname: upstream.hostname,
      port: upstream.port,
      method: request.method,
      path: request.url,
      headers,
    },
    (upstreamResponse) => {
      const responseHeaders: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(upstreamResponse.headers)) {
        if (value !== undefined && !HOP_BY_HOP.has(name)) responseHeaders[name] = value;
      }
      response.writeHead(upstreamResponse.statusCode ?? 502, responseHeaders);
      upstreamResponse.pipe(response);
    },
  );
  proxied.on('error', () => {
    if (!response.headersSent) answer(response, 502, 'bad gateway\n');
    else response.destroy();
  });
  request.pipe(proxied);
}

function answer(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/** `foo.localhost:8080` → `foo.localhost`; also handles IPv6 literals. */
function hostWithoutPort(host: string | undefined): string | undefined {
  if (host === undefined || host === '') return undefined;
  const lower = host.toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  const colon = lower.lastIndexOf(':');
  return colon === -1 ? lower : lower.slice(0, colon);
}
