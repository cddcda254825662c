import { ResponseParseError } from '../errors.js';
import { MAX_HEAD_BYTES, readResponseHead } from './read-response-head.js';

/** Receives the responses of one connection, in order. */
export interface ResponseSink {
  /** Whether the request this response answers was a HEAD (its response has no body). */
  answersHeadRequest(): boolean;
  onResponseHead(statusCode: number): void;
  onResponseBody(chunk: Buffer): void;
  /** `keepAlive` false: the server closes the connection after this response. */
  onResponseEnd(keepAlive: boolean): void;
}

enum State {
  Head,
  Length,
  ChunkSize,
  ChunkData,
  ChunkDataEnd,
  Trailers,
  UntilClose,
  Stopped,
}

const CRLF_CRLF = Buffer.from('\r\n\r\n');
const LF = 0x0a;
const MAX_LINE_BYTES = 4096;
const HEX = /^[0-9a-fA-F]{1,15}$/;

/**
 * An incremental HTTP/1.1 response parser for the load generator's socket engine: the status
 * code, the framing headers (Content-Length, Transfer-Encoding, Connection) and the body bytes,
 * nothing else. Body chunks are views into the caller's buffer, valid only during the call.
 * Framing follows RFC 9112 §6.3; anything it cannot frame safely throws ResponseParseError.
 */
export class ResponseParser {
  private state = State.Head;
  /** Head bytes of a response split across reads (a copy: read buffers are reused). */
  private partialHead: Buffer | null = null;
  /** A chunk-size or trailer line split across reads. */
  private partialLine = '';
  private remaining = 0;
  private keepAlive = true;
  /** An interim (1xx) response of the response in progress has arrived. */
  private interim = false;

  constructor(private readonly sink: ResponseSink) {}

  /** Whether the parser is between responses (nothing of a response received yet). */
  get idle(): boolean {
    return this.state === State.Head && this.partialHead === null;
  }

  /**
   * Whether any byte of the response in progress has arrived, an interim (1xx) response included:
   * until then, a request whose connection fails may not have reached the server's application.
   */
  get started(): boolean {
    return !this.idle || this.interim;
  }

  /** Stops parsing: later bytes are ignored (the connection is going away). */
  stop(): void {
    this.state = State.Stopped;
  }

  /**
   * The peer closed its side. Ends a response delimited by the close; reports whether the
   * connection ended cleanly between responses or at such an end.
   */
  finish(): boolean {
    if (this.state === State.UntilClose) {
      this.state = State.Stopped;
      this.sink.onResponseEnd(false);
      return true;
    }
    const clean = this.idle;
    this.state = State.Stopped;
    return clean;
  }

  execute(data: Buffer): void {
    let at = 0;
    while (at < data.length) {
      switch (this.state) {
        case State.Head:
          at = this.readHead(data, at);
          break;
        case State.Length: {
          const take = Math.min(this.remaining, data.length - at);
          this.sink.onResponseBody(data.subarray(at, at + take));
          at += take;
          this.remaining -= take;
          if (this.remaining === 0 && this.state === State.Length) this.end();
          break;
        }
        case State.ChunkSize: {
          const next = this.readLine(data, at);
          if (next < 0) return;
          at = next;
          this.chunkSize(this.takeLine());
          break;
        }
        case State.ChunkData: {
          const take = Math.min(this.remaining, data.length - at);
          this.sink.onResponseBody(data.subarray(at, at + take));
          at += take;
          this.remaining -= take;
          if (this.remaining === 0 && this.state === State.ChunkData) this.state = State.ChunkDataEnd;
          break;
        }
        case State.ChunkDataEnd: {
          const next = this.readLine(data, at);
          if (next < 0) return;
          at = next;
          if (this.takeLine() !== '') throw new ResponseParseError('chunk data longer than its size');
          this.state = State.ChunkSize;
          break;
        }
        case State.Trailers: {
          const next = this.readLine(data, at);
          if (next < 0) return;
          at = next;
          if (this.takeLine() === '') this.end();
          break;
        }
        case State.UntilClose:
          this.sink.onResponseBody(at === 0 ? data : data.subarray(at));
          return;
        case State.Stopped:
          return;
      }
    }
  }

  private end(): void {
    this.state = State.Head;
    this.sink.onResponseEnd(this.keepAlive);
  }

  /** Returns the offset after the head, or data.length when the head continues in the next read. */
  private readHead(data: Buffer, at: number): number {
    let buffer = data;
    let start = at;
    const carried = this.partialHead;
    if (carried !== null) {
      buffer = Buffer.concat([carried, data.subarray(at)]);
      start = 0;
    }
    const end = buffer.indexOf(CRLF_CRLF, start);
    if (end < 0) {
      if (buffer.length - start > MAX_HEAD_BYTES)
        throw new ResponseParseError(`response head over ${MAX_HEAD_BYTES} bytes`);
      this.partialHead = Buffer.from(buffer.subarray(start));
      return data.length;
    }
    this.partialHead = null;
    this.parseHead(buffer, start, end);
    // Where the head ends in `data`: the carried bytes came before it.
    return carried === null ? end + 4 : at + end + 4 - carried.length;
  }

  private parseHead(buffer: Buffer, start: number, end: number): void {
    const { statusCode, contentLength, chunked, otherCoding, connectionClose } = readResponseHead(buffer, start, end);
    // 1xx responses are interim: the real one follows. 101 would switch protocols, which a load test never asks for.
    if (statusCode < 200) {
      if (statusCode === 101) throw new ResponseParseError('unexpected 101 Switching Protocols');
      this.interim = true;
      return;
    }
    this.interim = false;
    this.keepAlive = !connectionClose;
    this.sink.onResponseHead(statusCode);
    // The sink may stop the parser (an aborted request fails its connection): nothing more to report.
    if (this.state === State.Stopped) return;
    if (this.sink.answersHeadRequest() || statusCode === 204 || statusCode === 304) {
      this.end();
    } else if (chunked) {
      this.state = State.ChunkSize;
    } else if (otherCoding) {
      this.keepAlive = false;
      this.state = State.UntilClose;
    } else if (contentLength >= 0) {
      this.remaining = contentLength;
      if (contentLength === 0) this.end();
      else this.state = State.Length;
    } else {
      this.keepAlive = false;
      this.state = State.UntilClose;
    }
  }

  /** Collects one CRLF-terminated line; returns the offset after it, or -1 when it continues in the next read. */
  private readLine(data: Buffer, at: number): number {
    const lf = data.indexOf(LF, at);
    const end = lf < 0 ? data.length : lf;
    this.partialLine += data.toString('latin1', at, end);
    if (this.partialLine.length > MAX_LINE_BYTES)
      throw new ResponseParseError(`chunk line over ${MAX_LINE_BYTES} bytes`);
    return lf < 0 ? -1 : lf + 1;
  }

  private takeLine(): string {
    const line = this.partialLine;
    this.partialLine = '';
    if (!line.endsWith('\r')) throw new ResponseParseError('chunk line not ended by CRLF');
    return line.slice(0, -1);
  }

  private chunkSize(line: string): void {
    const semicolon = line.indexOf(';');
    const size = (semicolon < 0 ? line : line.slice(0, semicolon)).trim();
    if (!HEX.test(size)) throw new ResponseParseError(`bad chunk size: ${JSON.stringify(line.slice(0, 40))}`);
    this.remaining = Number.parseInt(size, 16);
    this.state = this.remaining === 0 ? State.Trailers : State.ChunkData;
  }
}
