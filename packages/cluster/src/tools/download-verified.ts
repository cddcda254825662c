import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { type Dispatcher, getGlobalDispatcher, interceptors, request } from 'undici';
import { ToolChecksumError, ToolDownloadError } from './errors.js';

export interface DownloadVerifiedOptions {
  readonly url: string;
  /** Lowercase hex SHA-256 the file must have. */
  readonly sha256: string;
  /** Where the verified file ends up; nothing is left there when verification fails. */
  readonly destination: string;
  /** @default undici's global dispatcher */
  readonly dispatcher?: Dispatcher;
  readonly signal?: AbortSignal;
}

/** Release assets redirect to a CDN (GitHub answers 302), so a few redirects are followed. */
const MAX_REDIRECTIONS = 5;

/**
 * Streams `url` to `destination`, hashing it on the way, and deletes it unless
 * its SHA-256 is the expected one: a tool is never run before it is verified.
 */
export async function downloadVerified(options: DownloadVerifiedOptions): Promise<void> {
  const dispatcher = (options.dispatcher ?? getGlobalDispatcher()).compose(
    interceptors.redirect({ maxRedirections: MAX_REDIRECTIONS }),
  );
  let response: Dispatcher.ResponseData;
  try {
    response = await request(options.url, { dispatcher, signal: options.signal });
  } catch (cause) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw new ToolDownloadError(
      `${options.url}: download failed (${(cause as Error).message}) — check the network or proxy`,
      {
        cause,
      },
    );
  }
  if (response.statusCode !== 200) {
    await response.body.dump();
    throw new ToolDownloadError(`${options.url}: HTTP ${response.statusCode} — check the URL in the tool pins`);
  }
  const hash = createHash('sha256');
  try {
    await pipeline(
      response.body,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          hash.update(chunk);
          yield chunk;
        }
      },
      createWriteStream(options.destination, { mode: 0o600 }),
      { signal: options.signal },
    );
  } catch (cause) {
    await rm(options.destination, { force: true });
    if (options.signal?.aborted) throw options.signal.reason;
    throw new ToolDownloadError(`${options.url}: download interrupted (${(cause as Error).message}) — retry`, {
      cause,
    });
  }
  const actual = hash.digest('hex');
  const expected = options.sha256.toLowerCase();
  if (actual !== expected) {
    await rm(options.destination, { force: true });
    throw new ToolChecksumError(options.url, expected, actual);
  }
}
