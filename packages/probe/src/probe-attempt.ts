import { type Dispatcher, request } from 'undici';
import { errorCode } from './error-code.js';
import type { ProbeObservation } from './errors.js';

export interface AttemptRequest {
  readonly url: string;
  readonly host: string;
  readonly expectStatus: number;
  readonly expectBody: string | undefined;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  readonly dispatcher: Dispatcher | undefined;
}

export type AttemptOutcome =
  | { readonly ok: true; readonly observation: ProbeObservation }
  | { readonly ok: false; readonly observation: ProbeObservation; readonly error?: unknown };

// Enough to compare any sane expected body and to quote an error page; a huge body is not read whole.
const MIN_BODY_LIMIT = 64 * 1024;

/** Sends one request with the target's Host header and classifies the answer. Never throws. */
export async function probeAttempt(req: AttemptRequest): Promise<AttemptOutcome> {
  const attemptSignal = AbortSignal.any([req.signal, AbortSignal.timeout(Math.ceil(req.timeoutMs))]);
  try {
    const res = await request(req.url, {
      method: 'GET',
      headers: { host: req.host, 'user-agent': 'prload-probe' },
      signal: attemptSignal,
      dispatcher: req.dispatcher,
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
    });
    const limit = Math.max(MIN_BODY_LIMIT, Buffer.byteLength(req.expectBody ?? '') + 1);
    const body = await readLimited(res.body, limit);
    const statusOk = res.statusCode === req.expectStatus;
    // "Wrong body" means the right status from the wrong app; a 404 page is just not routed yet.
    const wrongBody = statusOk && req.expectBody !== undefined && body !== req.expectBody;
    const observation: ProbeObservation = { kind: 'status', status: res.statusCode, body, wrongBody };
    return { ok: statusOk && !wrongBody, observation };
  } catch (error) {
    const timedOut = !req.signal.aborted && attemptSignal.aborted;
    const code = timedOut ? 'ATTEMPT_TIMEOUT' : errorCode(error);
    const message = timedOut ? `no answer within ${req.timeoutMs}ms` : String((error as Error)?.message ?? error);
    return { ok: false, observation: { kind: 'error', code, message }, error };
  }
}

async function readLimited(body: Dispatcher.ResponseData['body'], limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    chunks.push(buf);
    size += buf.length;
    if (size >= limit) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}
