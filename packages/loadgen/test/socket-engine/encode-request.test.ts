import type { Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { encodeRequest } from '../../src/socket-engine/encode-request.js';

const text = (options: Dispatcher.DispatchOptions) => encodeRequest(options).toString('latin1');

describe('encodeRequest', () => {
  it('encodes a GET with headers given as an object', () => {
    expect(text({ method: 'GET', path: '/a/b?c=1', headers: { host: 'a.localhost', 'x-run': 'r1' } })).toBe(
      'GET /a/b?c=1 HTTP/1.1\r\nhost: a.localhost\r\nx-run: r1\r\n\r\n',
    );
  });

  it('encodes headers given as a flat name/value array the same way', () => {
    expect(text({ method: 'GET', path: '/a/b?c=1', headers: ['host', 'a.localhost', 'x-run', 'r1'] })).toBe(
      'GET /a/b?c=1 HTTP/1.1\r\nhost: a.localhost\r\nx-run: r1\r\n\r\n',
    );
  });

  it('skips undefined header values and sends a request line alone without headers', () => {
    expect(text({ method: 'GET', path: '/', headers: { host: 'h', 'x-skip': undefined } })).toBe(
      'GET / HTTP/1.1\r\nhost: h\r\n\r\n',
    );
    expect(text({ method: 'GET', path: '/' })).toBe('GET / HTTP/1.1\r\n\r\n');
    expect(text({ method: 'GET', path: '/', headers: null })).toBe('GET / HTTP/1.1\r\n\r\n');
  });

  it('encodes the head as latin1, one byte per character', () => {
    const bytes = encodeRequest({ method: 'GET', path: '/', headers: { 'x-name': 'caf\u00e9' } });
    expect([...bytes.subarray(bytes.indexOf('caf') + 3, bytes.indexOf('caf') + 4)]).toEqual([0xe9]);
  });

  it('returns the same Buffer for the same options object, and encodes each object once', () => {
    const options: Dispatcher.DispatchOptions = { method: 'GET', path: '/x', headers: { host: 'h' } };
    const first = encodeRequest(options);
    expect(encodeRequest(options)).toBe(first);
    // The cache is keyed by the object: a later change to it is not seen, an equal copy is encoded anew.
    (options.headers as Record<string, string>).host = 'changed';
    expect(encodeRequest(options)).toBe(first);
    const copy = encodeRequest({ method: 'GET', path: '/x', headers: { host: 'h' } });
    expect(copy).not.toBe(first);
    expect(copy.equals(first)).toBe(true);
  });

  it.each(['POST', 'PUT', 'PATCH'] as const)('adds content-length: 0 to a bodiless %s', (method) => {
    expect(text({ method, path: '/p', headers: { host: 'h' } })).toBe(
      `${method} /p HTTP/1.1\r\nhost: h\r\ncontent-length: 0\r\n\r\n`,
    );
  });

  it.each(['GET', 'HEAD', 'DELETE', 'OPTIONS'] as const)('adds no content-length to %s', (method) => {
    expect(text({ method, path: '/p', headers: { host: 'h' } })).toBe(`${method} /p HTTP/1.1\r\nhost: h\r\n\r\n`);
  });

  it.each([
    ['CRLF in the path', { method: 'GET', path: '/a\r\nX-Injected: 1', headers: { host: 'h' } }],
    ['LF in the path', { method: 'GET', path: '/a\nb' }],
    ['CR in a header value', { method: 'GET', path: '/', headers: { host: 'h\rX: y' } }],
    ['CRLF in a header value', { method: 'GET', path: '/', headers: { host: 'h\r\n\r\nGET /smuggled HTTP/1.1' } }],
    ['LF in a header name', { method: 'GET', path: '/', headers: { 'x\ny': 'v' } }],
    ['NUL in a header value', { method: 'GET', path: '/', headers: ['host', 'h\0'] }],
  ] satisfies [string, Dispatcher.DispatchOptions][])('rejects %s', (_name, options) => {
    expect(() => encodeRequest(options)).toThrow(new TypeError('request line or header contains CR, LF or NUL'));
    // Not cached as valid: asking again fails again.
    expect(() => encodeRequest(options)).toThrow(TypeError);
  });

  it('rejects a request body and accepts a null one', () => {
    expect(() => encodeRequest({ method: 'POST', path: '/', body: 'data' })).toThrow(
      new TypeError('the socket engine sends requests without a body'),
    );
    expect(() => encodeRequest({ method: 'POST', path: '/', body: Buffer.alloc(0) })).toThrow(/without a body/);
    expect(text({ method: 'POST', path: '/', body: null })).toBe('POST / HTTP/1.1\r\ncontent-length: 0\r\n\r\n');
  });
});
