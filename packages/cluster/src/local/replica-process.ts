/**
 * Entry point of one child process of the local cluster: an http-echo replica
 * or the Host router. Running them outside the CLI's process keeps their work
 * off the load generator's event loop, so its self-check measures only itself.
 */

import type { ChildCommand, ChildEvent } from './child-protocol.js';
import { startEchoServer } from './echo-server.js';
import { startHostRouter } from './host-router.js';

type Closable = { close(): Promise<void> };
let running: Closable | undefined;
let setRoute: ((host: string, upstreams: readonly string[]) => void) | undefined;

function send(event: ChildEvent): void {
  process.send?.(event);
}

async function stop(): Promise<never> {
  await running?.close().catch(() => undefined);
  process.exit(0);
}

// The parent going away for any reason (even SIGKILL) closes the IPC channel: never outlive it.
process.on('disconnect', () => void stop());
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());

process.on('message', (command: ChildCommand) => {
  void handle(command).catch((error: unknown) => {
    send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  });
});

async function handle(command: ChildCommand): Promise<void> {
  switch (command.type) {
    case 'start-echo': {
      const server = await startEchoServer({ text: command.text, port: command.port ?? 0 });
      running = server;
      send({ type: 'listening', url: server.url });
      return;
    }
    case 'start-router': {
      const router = await startHostRouter({ port: command.port ?? 0 });
      running = router;
      setRoute = router.setRoute;
      send({ type: 'listening', url: router.url });
      return;
    }
    case 'set-route': {
      if (setRoute === undefined) throw new Error('set-route sent to a process that is not the router');
      setRoute(command.host, command.upstreams);
      send({ type: 'route-set', host: command.host });
      return;
    }
  }
}

send({ type: 'ready' });
