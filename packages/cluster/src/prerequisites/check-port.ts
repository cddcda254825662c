import { createServer } from 'node:net';

/** `unknown` when the OS refuses to let this user bind the port (EACCES): kind's ports are bound by Docker, not by us. */
export type PortState = 'free' | 'in-use' | 'unknown';

/** Tries to listen on `host:port` and closes at once: the only reliable way to know nobody holds it. */
export function checkPort(port: number, host = '127.0.0.1'): Promise<PortState> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      resolve(error.code === 'EADDRINUSE' ? 'in-use' : 'unknown');
    });
    server.listen({ port, host, exclusive: true }, () => {
      server.close(() => resolve('free'));
    });
  });
}
