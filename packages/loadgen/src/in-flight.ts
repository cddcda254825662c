import { RequestTimeoutError } from './errors.js';
import type { LoadRequest, RequestSink } from './load-request.js';

/**
 * A run's requests that have no outcome yet, and their timeout. The list runs through the requests
 * themselves (prev/next), so tracking allocates nothing per request. Requests are sent in clock
 * order, so it is oldest send first and a timeout check stops at the first request still young
 * enough.
 */
export class InFlight {
  /** Requests in flight. */
  size = 0;
  private head: LoadRequest | null = null;
  private tail: LoadRequest | null = null;
  /** One error for every timeout of the run: a flood of timeouts allocates nothing. */
  private readonly timeout: RequestTimeoutError;

  constructor(private readonly timeoutMs: number) {
    this.timeout = new RequestTimeoutError(timeoutMs);
  }

  /** Appends a request just sent; sends must come in clock order. */
  add(request: LoadRequest): void {
    if (this.tail === null) this.head = request;
    else {
      this.tail.next = request;
      request.prev = this.tail;
    }
    this.tail = request;
    this.size++;
  }

  remove(request: LoadRequest): void {
    if (request.prev) request.prev.next = request.next;
    else this.head = request.next;
    if (request.next) request.next.prev = request.prev;
    else this.tail = request.prev;
    request.prev = null;
    request.next = null;
    this.size--;
  }

  /** Removes and returns the oldest request, or null when none is left. */
  shift(): LoadRequest | null {
    const request = this.head;
    if (request !== null) this.remove(request);
    return request;
  }

  /**
   * Times out every request sent at or more than timeoutMs before `now`: completes it with a
   * RequestTimeoutError through `sink`, which must remove it, then cancels it in its pool.
   */
  expire(now: number, sink: RequestSink): void {
    const expiredBefore = now - this.timeoutMs;
    while (this.head !== null && this.head.sentAt <= expiredBefore) {
      const request = this.head;
      sink.complete(request, this.timeout);
      request.cancel(this.timeout);
    }
  }
}
