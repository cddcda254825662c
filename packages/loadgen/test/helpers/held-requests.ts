import type http from 'node:http';
import { closeDispatchers, createDispatchers } from '../../src/dispatchers.js';
import { InFlight } from '../../src/in-flight.js';
import { LoadRequest, type RequestSink } from '../../src/load-request.js';
import { resolveOptions } from '../../src/options.js';
import { RunRecorder } from '../../src/run-recorder.js';
import { createTargetStates } from '../../src/target-states.js';
import type { HttpEngine } from '../../src/types.js';
import type { TestServer } from './servers.js';

/** A count that can be awaited: `reach(n)` resolves once it is at least n. */
class Count {
  value = 0;
  private readonly waits: { n: number; resolve: () => void }[] = [];

  add(): void {
    this.value++;
    for (const wait of this.waits.filter((w) => this.value >= w.n)) {
      this.waits.splice(this.waits.indexOf(wait), 1);
      wait.resolve();
    }
  }

  reach(n: number): Promise<void> {
    if (this.value >= n) return Promise.resolve();
    return new Promise((resolve) => this.waits.push({ n, resolve }));
  }
}

/**
 * A server that answers nothing until `answerAll()`, counting the requests that arrived and the
 * connections that closed (a cancelled request's socket is destroyed).
 */
export async function holdingServer(serve: (handler: http.RequestListener) => Promise<TestServer>) {
  const held: http.ServerResponse[] = [];
  const arrived = new Count();
  const closed = new Count();
  const server = await serve((req, res) => {
    held.push(res);
    req.socket.once('close', () => closed.add());
    arrived.add();
  });
  return {
    server,
    arrived,
    closed,
    answerAll: () => {
      for (const res of held.splice(0)) res.end('ok');
    },
  };
}

/**
 * The parts of a run around one target with a connection per request (up to 4): its in-flight
 * list, recorder and pool; `send` puts a request in flight the way the pumps do, and `sink`
 * takes each outcome the way the run does, calling `afterOutcome` then.
 */
export function heldRequestParts(address: string, engine: HttpEngine, timeoutMs = 10_000) {
  const options = resolveOptions({
    address,
    engine,
    targets: [{ host: 'a.localhost', expectBody: 'ok' }],
    model: 'closed',
    durationMs: 1000,
    connections: 4,
    timeoutMs,
  });
  const dispatchers = createDispatchers(options);
  const recorder = new RunRecorder(false);
  recorder.start(0);
  const [state] = createTargetStates(options.targets, dispatchers, (host) => recorder.host(host));
  const inFlight = new InFlight(timeoutMs);
  const outcomes: [LoadRequest, Error | null][] = [];
  const outcomeCount = new Count();
  /** What the pool reported about requests that already had their outcome (cancels it echoes back). */
  const afterDone: Error[] = [];
  const afterDoneCount = new Count();
  const parts = {
    inFlight,
    recorder,
    outcomes,
    outcomeCount,
    afterDone,
    afterDoneCount,
    afterOutcome: (): void => undefined,
    sink: {
      complete(request, error) {
        if (request.done) {
          if (error) afterDone.push(error);
          afterDoneCount.add();
          return;
        }
        request.done = true;
        inFlight.remove(request);
        recorder.completed(request, request.sentAt, error);
        outcomes.push([request, error]);
        outcomeCount.add();
        parts.afterOutcome();
      },
    } satisfies RequestSink,
    /** Sends one request "at" `sentAt` on the test's own clock. */
    send(sentAt: number, measured = true): LoadRequest {
      const request = new LoadRequest(parts.sink, state!, sentAt, sentAt, measured);
      inFlight.add(request);
      state!.dispatcher.dispatch(state!.dispatchOptions, request);
      return request;
    },
    close: () => closeDispatchers(dispatchers.values(), true, 1000),
  };
  return parts;
}
