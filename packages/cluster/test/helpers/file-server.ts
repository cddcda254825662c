import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FileServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Paths requested so far, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 serving fixed bodies; a string value is a redirect target. */
export async function startFileServer(
  files: Readonly<Record<string, Buffer | { redirect: string }>>,
): Promise<FileServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    const entry = files[path];
    if (entry === undefined) {
      res.writeHead(404).end('not found');
    } else if (Buffer.isBuffer(entry)) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': entry.length }).end(entry);
    } else {
      res.writeHead(302, { location: entry.redirect }).end();
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
