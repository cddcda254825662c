import type { Dispatcher } from 'undici';

const cache = new WeakMap<Dispatcher.DispatchOptions, Buffer>();
const UNSAFE = /[\r\n\0]/;

/**
 * The request's bytes, encoded once per options object: the run reuses one options object per
 * target, so each request costs a map lookup instead of building a header block.
 */
export function encodeRequest(options: Dispatcher.DispatchOptions): Buffer {
  let bytes = cache.get(options);
  if (bytes !== undefined) return bytes;
  const lines = [`${options.method} ${options.path} HTTP/1.1`];
  const headers = options.headers ?? {};
  const pairs: [string, unknown][] = Array.isArray(headers)
    ? Array.from({ length: headers.length / 2 }, (_, i) => [String(headers[2 * i]), headers[2 * i + 1]])
    : Object.entries(headers);
  for (const [name, value] of pairs) {
    if (value === undefined) continue;
    lines.push(`${name}: ${String(value)}`);
  }
  // As undici does: servers may wait for a body on these methods unless told there is none.
  if (options.method === 'POST' || options.method === 'PUT' || options.method === 'PATCH')
    lines.push('content-length: 0');
  // Targets are validated upstream; this keeps a stray CR/LF from splitting one request into two.
  // Checked per line, before the join: a CRLF inside a value must not pass as a line break.
  if (lines.some((line) => UNSAFE.test(line))) throw new TypeError('request line or header contains CR, LF or NUL');
  const head = lines.join('\r\n');
  if (options.body !== undefined && options.body !== null)
    throw new TypeError('the socket engine sends requests without a body');
  bytes = Buffer.from(`${head}\r\n\r\n`, 'latin1');
  cache.set(options, bytes);
  return bytes;
}
