import type { CoreV1Api } from '@kubernetes/client-node';
import type { ContainerLogs, PodDiagnosis } from './diagnostics-types.js';
import { abortable } from './kube-client.js';

/** One best-effort collection: every section runs through `attempt`, and what failed is listed in `errors`. */
export interface Gathering {
  /** The caller's signal combined with the collection's budget. */
  readonly signal: AbortSignal;
  readonly errors: string[];
  attempt<T>(section: string, fn: () => Promise<T>, fallback: T): Promise<T>;
}

export function startGathering(options: { readonly signal?: AbortSignal; readonly timeoutMs?: number }): Gathering {
  const errors: string[] = [];
  const timeout = AbortSignal.timeout(Math.ceil(options.timeoutMs ?? 15_000));
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  return {
    signal,
    errors,
    async attempt(section, fn, fallback) {
      try {
        return await fn();
      } catch (error) {
        errors.push(`${section}: ${describeError(error)}`);
        return fallback;
      }
    },
  };
}

/** The last `tailLines` log lines of the first `maxContainers` failing containers of `pods`. */
export async function tailFailingLogs(
  gathering: Gathering,
  core: CoreV1Api,
  namespace: string,
  pods: readonly PodDiagnosis[],
  limits: { readonly tailLines: number; readonly maxContainers: number },
): Promise<ContainerLogs[]> {
  const { tailLines } = limits;
  const opts = await abortable(gathering.signal);
  const targets = pods
    .flatMap((p) => p.failingContainers.map((c) => ({ pod: p.name, ...c })))
    .slice(0, limits.maxContainers);
  const logs = await Promise.all(
    targets.map((t) =>
      gathering.attempt<ContainerLogs | undefined>(
        `logs ${t.pod}/${t.name}`,
        async () => {
          const text = await core.readNamespacedPodLog(
            { name: t.pod, namespace, container: t.name, tailLines, previous: t.previous },
            opts,
          );
          const lines = String(text ?? '').split('\n');
          if (lines.at(-1) === '') lines.pop();
          return { pod: t.pod, container: t.name, previous: t.previous, lines: lines.slice(-tailLines) };
        },
        undefined,
      ),
    ),
  );
  return logs.filter((l): l is ContainerLogs => l !== undefined);
}

/** One line: the API's Status message when there is one (ApiException's own message is multi-line). */
export function describeError(error: unknown): string {
  const { code, body, message } = (error ?? {}) as { code?: unknown; body?: unknown; message?: unknown };
  let text = typeof message === 'string' ? (message.split('\n')[0] ?? '') : String(error);
  const status = typeof body === 'string' ? safeJson(body) : body;
  if (status && typeof status === 'object' && typeof (status as { message?: unknown }).message === 'string') {
    text = (status as { message: string }).message;
  }
  return typeof code === 'number' ? `HTTP ${code}: ${text}` : text;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
