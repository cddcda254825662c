import { randomUUID } from 'node:crypto';
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { scrubSecrets } from './secret.js';

const GitHubClient = Octokit.plugin(paginateRest, retry, throttling);
export type GitHubClient = InstanceType<typeof GitHubClient>;

export interface RetryOptions {
  /** Retries of server errors and of rate-limited requests. @default 3 */
  readonly retries?: number;
  /** Milliseconds per unit of backoff and per second of `retry-after`; tests set 1. @default 1000 */
  readonly baseDelayMs?: number;
  /** Give up instead of waiting when GitHub asks for a longer pause (seconds). @default 120 */
  readonly maxWaitSeconds?: number;
}

export interface GitHubLog {
  warn(message: string): void;
  debug?(message: string): void;
}

export interface GitHubClientOptions {
  readonly token: string;
  /** @default 'https://api.github.com' (GHES: `https://HOST/api/v3`, from GITHUB_API_URL) */
  readonly apiUrl?: string;
  /** The HTTP seam: a `fetch` implementation (e.g. one bound to an undici Dispatcher). @default globalThis.fetch */
  readonly request?: { readonly fetch?: typeof fetch };
  readonly retry?: RetryOptions;
  /** @default warnings to stderr */
  readonly log?: GitHubLog;
  /** Aborts every request of this client. */
  readonly signal?: AbortSignal;
}

const defaultLog: GitHubLog = { warn: (message) => process.stderr.write(`prload: ${message}\n`) };

/** An Octokit with pagination, retries of 5xx and waiting out (secondary) rate limits. */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const retries = options.retry?.retries ?? 3;
  const baseDelayMs = options.retry?.baseDelayMs ?? 1000;
  const maxWait = options.retry?.maxWaitSeconds ?? 120;
  const log = options.log ?? defaultLog;
  const scrub = (message: unknown) => scrubSecrets(String(message), [options.token]);
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      const again = retryCount < retries && retryAfter <= maxWait;
      log.warn(
        scrub(
          `GitHub ${kind} on ${request.method} ${request.url}: ${again ? `retrying in ${retryAfter}s (retry ${retryCount + 1} of ${retries})` : 'giving up'}`,
        ),
      );
      return again;
    };
  return new GitHubClient({
    auth: options.token,
    baseUrl: (options.apiUrl ?? 'https://api.github.com').replace(/\/+$/, ''),
    userAgent: 'prload-report',
    request: {
      ...(options.request?.fetch ? { fetch: options.request.fetch } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    },
    log: {
      debug: (message: string) => log.debug?.(scrub(message)),
      info: (message: string) => log.debug?.(scrub(message)),
      warn: (message: string) => log.warn(scrub(message)),
      error: (message: string) => log.warn(scrub(message)),
    },
    retry: { retries, retryAfterBaseValue: baseDelayMs },
    throttle: {
      // A fresh limiter key per client: the plugin's limiters are process-wide
      // and would otherwise space this client's writes after another client's.
      id: `prload-${randomUUID()}`,
      retryAfterBaseValue: baseDelayMs,
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
    },
  });
}
