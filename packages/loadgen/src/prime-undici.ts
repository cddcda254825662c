import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { Client } from 'undici';

let primed: Promise<void> | undefined;

/**
 * undici compiles its WASM HTTP parser on the first connection, stalling the event loop for
 * 10-40 ms: enough to make the first scheduled sends late and, in a short run, the whole p99
 * send lag. One request to a throwaway in-process loopback listener pays that cost before the
 * clock starts, without sending anything to the system under test. Once per process.
 */
export function primeUndici(): Promise<void> {
  primed ??= (async () => {
    const server = net.createServer((socket) => {
      socket.once('data', () => socket.end('HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n'));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const client = new Client(`http://127.0.0.1:${port}`);
    try {
      const { body } = await client.request({ path: '/', method: 'GET', signal: AbortSignal.timeout(5000) });
      await body.dump();
    } finally {
      await client.destroy();
      server.close();
    }
  })().catch(() => undefined);
  return primed;
}
