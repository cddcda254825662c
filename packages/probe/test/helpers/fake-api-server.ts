import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { KubeConfig } from '@kubernetes/client-node';
import { startServer, type TestServer } from './http-server.js';

/** A watch request the test drives: it decides which events to send and when the server closes it. */
export interface OpenWatch {
  readonly path: string;
  readonly query: URLSearchParams;
  send(type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK', object: unknown): void;
  /** An in-stream Status error, as the API server sends for an expired resourceVersion. */
  sendError(code: number, reason: string): void;
  /** Ends the response, like the server's `timeoutSeconds` expiring. */
  end(): void;
}

export interface Answer {
  readonly status?: number;
  readonly body: unknown;
}

/** `undefined` leaves the request hanging (an API server that stopped answering). */
export type Route = (query: URLSearchParams, req: IncomingMessage) => Answer | undefined;

/**
 * A stand-in API server speaking the list and watch wire protocol over real HTTP on 127.0.0.1,
 * so the client-node code paths (KubeConfig auth, Watch streaming) run for real.
 */
export class FakeApiServer extends EventEmitter<{ watch: [OpenWatch]; request: [string] }> {
  readonly routes = new Map<string, Route>();
  readonly requests: string[] = [];
  readonly openWatches = new Set<ServerResponse>();
  /** Status answered to watch requests instead of streaming (e.g. 410 to force a relist). */
  watchStatus: number | undefined;
  #server: TestServer | undefined;

  async start(): Promise<this> {
    this.#server = await startServer((req, res) => this.#handle(req, res));
    return this;
  }

  get url(): string {
    if (!this.#server) throw new Error('FakeApiServer not started');
    return this.#server.url;
  }

  kubeConfig(): KubeConfig {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'fake', server: this.url, skipTLSVerify: true }],
      users: [{ name: 'tester', token: 'test-token' }],
      contexts: [{ name: 'fake', cluster: 'fake', user: 'tester' }],
      currentContext: 'fake',
    });
    return kc;
  }

  async close(): Promise<void> {
    for (const res of this.openWatches) res.destroy();
    await this.#server?.close();
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const watch = url.searchParams.get('watch') === 'true';
    const line = `${watch ? 'WATCH' : 'GET'} ${url.pathname}${watch ? ` rv=${url.searchParams.get('resourceVersion')}` : ''}`;
    this.requests.push(line);
    this.emit('request', line);
    if (req.headers.authorization !== 'Bearer test-token') {
      res.writeHead(401).end();
      return;
    }
    if (watch) {
      if (this.watchStatus !== undefined) {
        const code = this.watchStatus;
        res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(status(code, 'Expired')));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      res.flushHeaders();
      this.openWatches.add(res);
      res.on('close', () => this.openWatches.delete(res));
      const open: OpenWatch = {
        path: url.pathname,
        query: url.searchParams,
        send: (type, object) => res.write(`${JSON.stringify({ type, object })}\n`),
        sendError: (code, reason) => res.write(`${JSON.stringify({ type: 'ERROR', object: status(code, reason) })}\n`),
        end: () => res.end(),
      };
      this.emit('watch', open);
      return;
    }
    const route = this.routes.get(url.pathname);
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify(status(404, 'NotFound')));
      return;
    }
    const answer = route(url.searchParams, req);
    if (answer === undefined) {
      this.openWatches.add(res);
      return;
    }
    const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    res
      .writeHead(answer.status ?? 200, {
        'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json',
      })
      .end(body);
  }
}

function status(code: number, reason: string) {
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message: `${reason} (${code})` };
}

export function list(kind: string, items: unknown[], resourceVersion: string): Answer {
  return { body: { kind, apiVersion: 'v1', metadata: { resourceVersion }, items } };
}
