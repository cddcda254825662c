import { ResponseParseError } from '../errors.js';

/** What a response head says about the status and the body's framing; every other header is skipped. */
export interface ResponseHead {
  readonly statusCode: number;
  /** -1 when absent. */
  readonly contentLength: number;
  /** The last transfer coding is chunked. */
  readonly chunked: boolean;
  /** A transfer coding other than chunked last: the body runs until the connection closes. */
  readonly otherCoding: boolean;
  readonly connectionClose: boolean;
}

/** undici's default maxHeaderSize is 16 KiB; a load target answering with more is broken. */
export const MAX_HEAD_BYTES = 16 * 1024;

const CR = 0x0d;
const LF = 0x0a;
const COLON = 0x3a;
const SPACE = 0x20;
const TAB = 0x09;
const ZERO = 0x30;
const NINE = 0x39;
const HTTP_1 = Buffer.from('HTTP/1.', 'latin1');
const CONTENT_LENGTH = Buffer.from('content-length', 'latin1');
const TRANSFER_ENCODING = Buffer.from('transfer-encoding', 'latin1');
const CONNECTION = Buffer.from('connection', 'latin1');
const KEEP_ALIVE = Buffer.from('keep-alive', 'latin1');
const CLOSE = Buffer.from('close', 'latin1');

/** Whether buf[at, at + lower.length) is `lower`, ignoring ASCII case. */
function equalsIgnoringCase(buf: Buffer, at: number, lower: Buffer): boolean {
  for (let i = 0; i < lower.length; i++) {
    let c = buf[at + i]!;
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    if (c !== lower[i]) return false;
  }
  return true;
}

function startsWith(buf: Buffer, at: number, prefix: Buffer): boolean {
  for (let i = 0; i < prefix.length; i++) if (buf[at + i] !== prefix[i]) return false;
  return true;
}

function quote(buf: Buffer, from: number, to: number): string {
  return JSON.stringify(buf.toString('latin1', from, Math.min(to, from + 40)));
}

/** Comma-separated tokens of a header value, lower-cased and trimmed. */
function tokens(buf: Buffer, from: number, to: number): string[] {
  return buf
    .toString('latin1', from, to)
    .toLowerCase()
    .split(',')
    .map((token) => token.trim());
}

/**
 * Reads the head buf[start, end) (without its final CRLFCRLF) byte by byte: this runs once per
 * response, and decoding the head to a string first cost the socket engine ~12% of its CPU.
 * Only Content-Length, Transfer-Encoding and Connection decide framing (RFC 9112 §6.3).
 */
export function readResponseHead(buf: Buffer, start: number, end: number): ResponseHead {
  if (end - start > MAX_HEAD_BYTES) throw new ResponseParseError(`response head over ${MAX_HEAD_BYTES} bytes`);
  let lineEnd = start;
  while (lineEnd < end && buf[lineEnd] !== CR) lineEnd++;
  const minor = buf[start + 7];
  const http10 = minor === ZERO;
  if (
    lineEnd - start < 12 ||
    !startsWith(buf, start, HTTP_1) ||
    (minor !== ZERO && minor !== ZERO + 1) ||
    buf[start + 8] !== SPACE
  ) {
    throw new ResponseParseError(`not an HTTP/1.x status line: ${quote(buf, start, lineEnd)}`);
  }
  let statusCode = 0;
  for (let i = start + 9; i < start + 12; i++) {
    const c = buf[i]!;
    // Digit by digit, not Number(): Number('2e2') is 200.
    if (c < ZERO || c > NINE || (i === start + 9 && c === ZERO)) {
      throw new ResponseParseError(`bad status code in ${quote(buf, start, lineEnd)}`);
    }
    statusCode = statusCode * 10 + (c - ZERO);
  }
  if (lineEnd > start + 12 && buf[start + 12] !== SPACE) {
    throw new ResponseParseError(`bad status code in ${quote(buf, start, lineEnd)}`);
  }
  let contentLength = -1;
  let chunked = false;
  let otherCoding = false;
  let connectionClose = http10;
  let from = lineEnd;
  while (from < end) {
    // Every line but the last ends in CRLF (the head's own CRLFCRLF was cut off).
    if (buf[from + 1] !== LF) throw new ResponseParseError('line ended by CR without LF');
    from += 2;
    let to = from;
    while (to < end && buf[to] !== CR) to++;
    let colon = from;
    while (colon < to && buf[colon] !== COLON) colon++;
    if (colon === to) throw new ResponseParseError('header line without a colon');
    // RFC 9112 §5.1: whitespace before the colon is invalid; reading past it could misframe the body (llhttp rejects it too).
    const last = buf[colon - 1];
    if (colon === from || last === SPACE || last === TAB) {
      throw new ResponseParseError(`bad header name: ${quote(buf, from, colon + 1)}`);
    }
    const nameLength = colon - from;
    // Only three headers decide framing; compare lengths first to skip the rest cheaply.
    if (nameLength === 14 || nameLength === 17 || nameLength === 10) {
      let valueStart = colon + 1;
      while (valueStart < to && (buf[valueStart] === SPACE || buf[valueStart] === TAB)) valueStart++;
      let valueEnd = to;
      while (valueEnd > valueStart && (buf[valueEnd - 1] === SPACE || buf[valueEnd - 1] === TAB)) valueEnd--;
      if (nameLength === 14 && equalsIgnoringCase(buf, from, CONTENT_LENGTH)) {
        let length = 0;
        for (let i = valueStart; i < valueEnd; i++) {
          const c = buf[i]!;
          if (c < ZERO || c > NINE) length = Number.NaN;
          length = length * 10 + (c - ZERO);
        }
        if (valueStart === valueEnd || valueEnd - valueStart > 15 || Number.isNaN(length)) {
          throw new ResponseParseError(`bad content-length: ${quote(buf, valueStart, valueEnd)}`);
        }
        if (contentLength >= 0 && contentLength !== length) {
          throw new ResponseParseError('conflicting content-length headers');
        }
        contentLength = length;
      } else if (nameLength === 17 && equalsIgnoringCase(buf, from, TRANSFER_ENCODING)) {
        const codings = tokens(buf, valueStart, valueEnd);
        chunked = codings[codings.length - 1] === 'chunked';
        otherCoding = !chunked;
      } else if (nameLength === 10 && equalsIgnoringCase(buf, from, CONNECTION)) {
        const length = valueEnd - valueStart;
        // The usual values without building strings.
        if (length === KEEP_ALIVE.length && equalsIgnoringCase(buf, valueStart, KEEP_ALIVE)) {
          if (http10) connectionClose = false;
        } else if (length === CLOSE.length && equalsIgnoringCase(buf, valueStart, CLOSE)) {
          connectionClose = true;
        } else {
          const list = tokens(buf, valueStart, valueEnd);
          if (list.includes('close')) connectionClose = true;
          else if (http10 && list.includes('keep-alive')) connectionClose = false;
        }
      }
    }
    from = to;
  }
  return { statusCode, contentLength, chunked, otherCoding, connectionClose };
}
