import { describe, expect, it } from 'vitest';
import { ResponseParseError } from '../../src/errors.js';
import { MAX_HEAD_BYTES, readResponseHead } from '../../src/socket-engine/read-response-head.js';

/** The head as the parser hands it over: without its final CRLFCRLF, somewhere inside a larger buffer. */
function read(head: string) {
  const buf = Buffer.from(`junk${head}\r\n\r\nbody`, 'latin1');
  return readResponseHead(buf, 4, 4 + head.length);
}

describe('readResponseHead', () => {
  it.each([
    [
      'HTTP/1.1 200 OK',
      { statusCode: 200, contentLength: -1, chunked: false, otherCoding: false, connectionClose: false },
    ],
    [
      'HTTP/1.1 204',
      { statusCode: 204, contentLength: -1, chunked: false, otherCoding: false, connectionClose: false },
    ],
    [
      'HTTP/1.0 200 OK',
      { statusCode: 200, contentLength: -1, chunked: false, otherCoding: false, connectionClose: true },
    ],
    [
      'HTTP/1.0 200 OK\r\nCONNECTION: Keep-Alive\r\ncontent-LENGTH:\t7 ',
      { statusCode: 200, contentLength: 7, chunked: false, otherCoding: false, connectionClose: false },
    ],
    [
      'HTTP/1.1 503 Busy\r\nServer: x\r\nConnection: CLOSE\r\nContent-Length: 0',
      { statusCode: 503, contentLength: 0, chunked: false, otherCoding: false, connectionClose: true },
    ],
    [
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked',
      { statusCode: 200, contentLength: -1, chunked: true, otherCoding: false, connectionClose: false },
    ],
    [
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip',
      { statusCode: 200, contentLength: -1, chunked: false, otherCoding: true, connectionClose: false },
    ],
    [
      // Same lengths as the framing headers, other names: skipped.
      'HTTP/1.1 200 OK\r\ncontent-lengthx: 9\r\nContent-Lengtx: 9\r\nconnectiox: close',
      { statusCode: 200, contentLength: -1, chunked: false, otherCoding: false, connectionClose: false },
    ],
  ])('%j', (head, expected) => {
    expect(read(head)).toEqual(expected);
  });

  it.each([
    ['HTTP/1.1 200 OK\rContent-Length: 1', /line ended by CR without LF/],
    ['HTTP/1.1 200 OK\r\nContent-Length: 1\rX: y', /line ended by CR without LF/],
    ['HTTP/1.2 200 OK', /not an HTTP\/1\.x status line: "HTTP\/1\.2 200 OK"/],
    ['HTTP/1.1 200', null],
    ['HTTP/1.1 20', /not an HTTP\/1\.x status line/],
    ['HTTP/1.1 200OK', /bad status code in "HTTP\/1\.1 200OK"/],
    ['HTTP/1.1 200 OK\r\nContent-Length: 12345678901234567', /bad content-length: "12345678901234567"/],
    ['HTTP/1.1 200 OK\r\nContent-Length: 1 2', /bad content-length: "1 2"/],
  ])('%j', (head, message) => {
    if (message === null) expect(read(head).statusCode).toBe(200);
    else expect(() => read(head)).toThrow(message);
  });

  it('refuses a head over the limit', () => {
    const head = `HTTP/1.1 200 OK\r\nX: ${'a'.repeat(MAX_HEAD_BYTES)}`;
    expect(() => read(head)).toThrow(ResponseParseError);
    expect(() => read(head)).toThrow(`response head over ${MAX_HEAD_BYTES} bytes`);
  });
});
