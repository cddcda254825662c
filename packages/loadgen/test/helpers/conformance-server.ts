import { readFileSync } from 'node:fs';

/**
 * A real server answering the engine conformance routes, over HTTP and HTTPS (the test-only
 * certificate for sni.localhost), on 127.0.0.1:
 *
 * | route | answer |
 * | --- | --- |
 * | `/host` | 200, the Host header, Content-Length |
 * | `/sni` | 200, `<TLS server name> <Host>` (https) |
 * | `/empty` | 200, Content-Length: 0 |
 * | `/no-content`, `/not-modified` | 204, 304 |
 * | `/status/404`, `/status/503` | that status with a short body |
 * | `/redirect` | 301 to `/host`, with a body |
 * | `/chunked` | 200, {@link CHUNKED_BODY}, chunked |
 * | `/large`, `/large-chunked` | 200, {@link LARGE_BODY} (1 MiB), Content-Length / chunked |
 * | `/close` | 200 with `Connection: close` |
 * | `/close-after-3` | the third answer on a connection says `Connection: close` |
 * | `/idle` | 200; the server closes the connection {@link IDLE_CLOSE_MS} after it goes idle |
 * | `/reset`, `/drop` | the connection reset (RST) / closed (FIN) without an answer |
 * | `/slow`, `/slow-body` | no answer / the head and a little of the body, nothing more |
 * | `/slow-ok` | 200 `slow ok` after {@link SLOW_OK_MS} |
 * | `/early-hints`, `/continue`, `/switching` | 103 / 100 / 101 before the answer (servers with `interim`) |
 */
export interface ConformanceServer {
  /** Which server this is, for test titles. */
  readonly kind: string;
  readonly http: string;
  readonly https: string;
  /** Sends 1xx responses nobody asked for (nginx never does). */
  readonly interim: boolean;
  /**
   * The requests with this Host header the server saw and the connections they came on, once it
   * has seen at least `requests` of them.
   */
  connectionsFor(host: string, requests: number): Promise<{ requests: number; connections: number }>;
  close(): Promise<void>;
}

/** 1 MiB of numbered 16-byte lines: bigger than a 64 KiB read, and a byte out of place shows. */
export const LARGE_BODY = Array.from({ length: 65_536 }, (_, i) => `${i.toString(16).padStart(15, '0')}\n`).join('');
export const CHUNKED_BODY = 'chunked body';
export const IDLE_CLOSE_MS = 20;
export const SLOW_OK_MS = 30;

export const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
