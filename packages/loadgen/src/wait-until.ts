/**
 * Resolves at `at` on `clock`, or as soon as `signal` aborts: one timer to that instant, set again
 * only when libuv's millisecond clock fires it a hair early. Resolves at once when `at` has passed.
 */
export function waitUntil(clock: () => number, at: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const check = (): void => {
      const left = at - clock();
      if (left <= 0) done();
      else timer = setTimeout(check, left);
    };
    if (signal?.aborted) {
      resolve();
      return;
    }
    signal?.addEventListener('abort', done, { once: true });
    check();
  });
}
