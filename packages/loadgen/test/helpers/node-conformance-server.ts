import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import {
  CHUNKED_BODY,
  type ConformanceServer,
  fixture,
  IDLE_CLOSE_MS,
  LARGE_BODY,
  SLOW_OK_MS,
} from './conformance-server.js';

const CHUNK_BYTES = 64 * 1024;

/** Node's http and https servers answering the conformance routes in-process. */
export async function startNodeConformanceServer(): Promise<ConformanceServer> {
  const socketIds = new WeakMap<Socket, number>();
  let sockets = 0;
  const requestsOnSocket = new WeakMap<Socket, number>();
  const byHost = new Map<string, { requests: number; sockets: Set<number> }>();

  const handler: http.RequestListener = (req, res) => {
    const { socket } = req;
    const host = req.headers.host ?? '';
    let id = socketIds.get(socket);
    if (id === undefined) {
      id = sockets++;
      socketIds.set(socket, id);
    }
    const seen = byHost.get(host) ?? { requests: 0, sockets: new Set<number>() };
    seen.requests++;
    seen.sockets.add(id);
    byHost.set(host, seen);
    const onSocket = (requestsOnSocket.get(socket) ?? 0) + 1;
    requestsOnSocket.set(socket, onSocket);
    respond(req, res, onSocket);
  };

  const plain = http.createServer({ keepAliveTimeout: 5000 }, handler);
  const secure = https.createServer(
    { key: fixture('test-only-key.pem'), cert: fixture('test-only-cert.pem'), keepAliveTimeout: 5000 },
    handler,
  );
  const ports = await Promise.all(
    [plain, secure].map(
      (server) =>
        new Promise<number>((resolve) =>
          server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
        ),
    ),
  );
  return {
    kind: "Node's http",
    http: `http://127.0.0.1:${ports[0]}`,
    https: `https://127.0.0.1:${ports[1]}`,
    interim: true,
    // Node counts a request when it arrives, so by the time the run has its answer it is counted.
    connectionsFor: async (host) => {
      const seen = byHost.get(host);
      return { requests: seen?.requests ?? 0, connections: seen?.sockets.size ?? 0 };
    },
    close: async () => {
      await Promise.all(
        [plain, secure].map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
    },
  };
}

function respond(req: http.IncomingMessage, res: http.ServerResponse, onSocket: number): void {
  const { socket } = req;
  const host = req.headers.host ?? '';
  switch (req.url) {
    case '/host':
      res.end(host);
      return;
    case '/sni':
      res.end(`${(socket as TLSSocket).servername} ${host}`);
      return;
    case '/empty':
      res.end();
      return;
    case '/no-content':
      res.writeHead(204).end();
      return;
    case '/not-modified':
      res.writeHead(304).end();
      return;
    case '/status/404':
      res.writeHead(404).end('missing');
      return;
    case '/status/503':
      res.writeHead(503).end('busy');
      return;
    case '/redirect':
      res.writeHead(301, { location: '/host' }).end('moved');
      return;
    case '/chunked':
      // Two writes without a length: two chunks.
      res.write(CHUNKED_BODY.slice(0, 8));
      res.end(CHUNKED_BODY.slice(8));
      return;
    case '/large':
      res.setHeader('content-length', LARGE_BODY.length);
      res.end(LARGE_BODY);
      return;
    case '/large-chunked':
      for (let at = 0; at < LARGE_BODY.length; at += CHUNK_BYTES) res.write(LARGE_BODY.slice(at, at + CHUNK_BYTES));
      res.end();
      return;
    case '/close':
      res.setHeader('connection', 'close');
      res.end('closing');
      return;
    case '/close-after-3':
      if (onSocket >= 3) res.setHeader('connection', 'close');
      res.end('ok');
      return;
    case '/idle':
      // The server's own idle limit, as nginx's keepalive_timeout: it closes, the client must notice.
      res.on('finish', () => setTimeout(() => socket.end(), IDLE_CLOSE_MS).unref());
      res.end('idle');
      return;
    case '/reset':
      // A TLS socket cannot reset itself: the TCP socket under it can (`_parent`, Node's own field).
      ((socket as Socket & { _parent?: Socket })._parent ?? socket).resetAndDestroy();
      return;
    case '/drop':
      socket.destroy();
      return;
    case '/slow':
      // Never answers; the connection ends when the client gives up or the server closes.
      return;
    case '/slow-body':
      res.setHeader('content-length', LARGE_BODY.length);
      res.write(LARGE_BODY.slice(0, 1024));
      return;
    case '/slow-ok': {
      const timer = setTimeout(() => res.end('slow ok'), SLOW_OK_MS);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    case '/early-hints':
      res.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' });
      res.end('after hints');
      return;
    case '/continue':
      res.writeContinue();
      res.end('after continue');
      return;
    case '/switching':
      socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: upgrade\r\nUpgrade: example\r\n\r\n');
      return;
    default:
      res.writeHead(404).end(`no route ${req.url}`);
  }
}
