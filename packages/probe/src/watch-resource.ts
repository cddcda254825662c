import { setTimeout as wait } from 'node:timers/promises';
import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import { type BackoffOptions, backoffDelay } from './backoff-delay.js';
import { ProbeKubeApiError } from './errors.js';
import { isPermanentKubeStatus, kubeStatusCode, loadKube } from './kube-client.js';

/** What a list call returns; the typed clients' `V1*List` objects fit. */
export interface ObjectList<T> {
  readonly items: readonly T[];
  readonly metadata?: { readonly resourceVersion?: string };
}

/** Transitions of the list/watch loop, for progress output and tests. */
export type WatchTransition =
  | { readonly type: 'listed'; readonly resourceVersion: string; readonly count: number }
  | { readonly type: 'watching'; readonly resourceVersion: string }
  | { readonly type: 'closed'; readonly resourceVersion: string }
  | { readonly type: 'gone'; readonly resourceVersion: string }
  | { readonly type: 'error'; readonly error: unknown; readonly delayMs: number };

export interface WatchUntilOptions<T extends KubernetesObject, R> {
  readonly kubeConfig: KubeConfig;
  /** Collection path, e.g. `/apis/apps/v1/namespaces/demo/deployments`. */
  readonly path: string;
  /** Lists the same collection (with the same selector) as `path`. */
  readonly list: (signal: AbortSignal) => Promise<ObjectList<T>>;
  /**
   * Label selector sent with the watch; must match what `list` uses.
   * @default undefined
   */
  readonly labelSelector?: string;
  /**
   * Field selector sent with the watch; must match what `list` uses. `metadata.name=<name>` watches one
   * object with RBAC limited to it (`resourceNames` authorizes list and watch only with this selector).
   * @default undefined
   */
  readonly fieldSelector?: string;
  /** Ends the loop; the caller maps its reason to a timeout or an abort. */
  readonly signal: AbortSignal;
  /**
   * Called with the current objects after the list and after every change; a value other than
   * `undefined` ends the wait with that value. May throw to fail the wait.
   */
  readonly evaluate: (objects: ReadonlyMap<string, T>) => R | undefined;
  /**
   * Server-side lifetime of one watch request; the server then closes it and it is re-opened.
   * Short enough that a silently dead connection is noticed.
   * @default 60
   */
  readonly watchTimeoutSeconds?: number;
  /**
   * Backoff after a failed list or watch (API server restarting, network blip).
   * @default { initialMs: 100, maxMs: 5000, factor: 2 }
   */
  readonly backoff?: BackoffOptions;
  /** @default undefined */
  readonly onTransition?: (transition: WatchTransition) => void;
}

type WatchOutcome<R> =
  | { readonly kind: 'done'; readonly value: R }
  | { readonly kind: 'closed'; readonly events: number }
  | { readonly kind: 'gone' }
  | { readonly kind: 'error'; readonly error: unknown; readonly events: number };

function objectKey(o: KubernetesObject): string {
  return `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}

/**
 * LIST, then WATCH from the list's resourceVersion, re-evaluating on every event, until
 * `evaluate` returns a value. A watch the server ends (timeoutSeconds, apiserver restart) is
 * re-opened from the last seen resourceVersion; 410 Gone (history compacted) re-lists.
 * Errors are retried with backoff; 400/401/403/404/422 are not, since waiting cannot fix them.
 */
export async function watchUntil<T extends KubernetesObject, R>(options: WatchUntilOptions<T, R>): Promise<R> {
  const { signal } = options;
  const { Watch } = await loadKube();
  const watcher = new Watch(options.kubeConfig);
  let objects = new Map<string, T>();
  let resourceVersion: string | undefined;
  let failures = 0;

  const retryAfter = async (error: unknown) => {
    signal.throwIfAborted();
    const status = kubeStatusCode(error);
    if (isPermanentKubeStatus(status)) {
      throw new ProbeKubeApiError(
        `readiness: ${options.path} answered ${status} — check the API server, RBAC and that the API group is served`,
        status,
        { cause: error },
      );
    }
    const delayMs = backoffDelay(Math.min(failures, 30), options.backoff);
    failures += 1;
    options.onTransition?.({ type: 'error', error, delayMs });
    await wait(delayMs, undefined, { signal }).catch(() => signal.throwIfAborted());
  };

  for (;;) {
    signal.throwIfAborted();
    if (resourceVersion === undefined) {
      let list: ObjectList<T>;
      try {
        list = await options.list(signal);
      } catch (error) {
        await retryAfter(error);
        continue;
      }
      objects = new Map(list.items.map((item) => [objectKey(item), item]));
      resourceVersion = list.metadata?.resourceVersion ?? '';
      options.onTransition?.({ type: 'listed', resourceVersion, count: objects.size });
      const value = options.evaluate(objects);
      if (value !== undefined) return value;
    }

    options.onTransition?.({ type: 'watching', resourceVersion });
    const started = performance.now();
    const outcome = await watchOnce<T, R>(watcher, options, resourceVersion, objects, (rv) => {
      resourceVersion = rv;
    });
    switch (outcome.kind) {
      case 'done':
        return outcome.value;
      case 'gone':
        options.onTransition?.({ type: 'gone', resourceVersion });
        resourceVersion = undefined;
        failures = 0;
        break;
      case 'closed':
        options.onTransition?.({ type: 'closed', resourceVersion });
        // A server (or proxy) that closes every watch at once would otherwise spin this loop.
        if (outcome.events === 0 && performance.now() - started < 1000) {
          await retryAfter(new Error('watch closed immediately'));
        } else {
          failures = 0;
        }
        break;
      case 'error':
        if (kubeStatusCode(outcome.error) === 410) {
          options.onTransition?.({ type: 'gone', resourceVersion });
          resourceVersion = undefined;
          break;
        }
        // A watch that streamed events was healthy: its drop starts the backoff afresh.
        if (outcome.events > 0) failures = 0;
        await retryAfter(outcome.error);
        break;
    }
  }
}

/** One watch request; settles on the first of: evaluate done, server close, 410, error, abort. */
function watchOnce<T extends KubernetesObject, R>(
  watcher: InstanceType<Awaited<ReturnType<typeof loadKube>>['Watch']>,
  options: WatchUntilOptions<T, R>,
  resourceVersion: string,
  objects: Map<string, T>,
  setResourceVersion: (rv: string) => void,
): Promise<WatchOutcome<R>> {
  const { signal } = options;
  return new Promise<WatchOutcome<R>>((resolve, reject) => {
    let settled = false;
    let controller: AbortController | undefined;
    let events = 0;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      controller?.abort();
      settle();
    };
    const onAbort = () => finish(() => reject(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });

    const onEvent = (type: string, object: unknown) => {
      if (settled) return;
      if (type === 'ERROR') {
        // In-stream Status: 410 means our resourceVersion was compacted away.
        const status = object as { code?: number; message?: string };
        if (status.code === 410) finish(() => resolve({ kind: 'gone' }));
        else {
          const error = Object.assign(new Error(status.message ?? 'watch error event'), { statusCode: status.code });
          finish(() => resolve({ kind: 'error', error, events }));
        }
        return;
      }
      const obj = object as T;
      const rv = obj.metadata?.resourceVersion;
      if (rv) setResourceVersion(rv);
      if (type === 'BOOKMARK') return;
      events += 1;
      if (type === 'DELETED') objects.delete(objectKey(obj));
      else objects.set(objectKey(obj), obj);
      try {
        const value = options.evaluate(objects);
        if (value !== undefined) finish(() => resolve({ kind: 'done', value }));
      } catch (error) {
        finish(() => reject(error));
      }
    };
    const onDone = (error: unknown) => {
      if (error) finish(() => resolve({ kind: 'error', error, events }));
      else finish(() => resolve({ kind: 'closed', events }));
    };

    const query: Record<string, string | number | boolean | undefined> = {
      resourceVersion,
      allowWatchBookmarks: true,
      timeoutSeconds: options.watchTimeoutSeconds ?? 60,
      labelSelector: options.labelSelector,
      fieldSelector: options.fieldSelector,
    };
    watcher.watch(options.path, query, onEvent, onDone).then(
      (c) => {
        controller = c;
        if (settled) c.abort();
      },
      (error: unknown) => finish(() => resolve({ kind: 'error', error, events })),
    );
  });
}
