import { describe, expect, it } from 'vitest';
import { ResponseParseError } from '../../src/errors.js';
import { ResponseParser, type ResponseSink } from '../../src/socket-engine/response-parser.js';

type ParseEvent = ['head', number] | ['body', string] | ['end', boolean] | ['finish', boolean];

/** Records what the parser reports; body chunks are copied because they are views valid only during the call. */
class RecordingSink implements ResponseSink {
  readonly events: ParseEvent[] = [];
  /** Called after each recorded event, so a test can act from inside a callback. */
  onEvent: (event: ParseEvent) => void = () => undefined;
  private responses = 0;

  /** `heads[i]`: whether the i-th response answers a HEAD request. */
  constructor(private readonly heads: readonly boolean[] = []) {}

  answersHeadRequest(): boolean {
    return this.heads[this.responses] ?? false;
  }
  onResponseHead(statusCode: number): void {
    this.record(['head', statusCode]);
  }
  onResponseBody(chunk: Buffer): void {
    const text = chunk.toString('latin1');
    const last = this.events.at(-1);
    // Merge adjacent chunks: how the bytes are split across reads is not part of the outcome.
    if (last?.[0] === 'body') last[1] += text;
    else this.record(['body', text]);
  }
  onResponseEnd(keepAlive: boolean): void {
    this.responses++;
    this.record(['end', keepAlive]);
  }
  private record(event: ParseEvent): void {
    this.events.push(event);
    this.onEvent(event);
  }
}

/**
 * Feeds the pieces as a socket would: each read lands in a buffer that is overwritten
 * afterwards, so a parser that kept a view of an earlier read would see garbage.
 */
function feed(parser: ResponseParser, pieces: readonly Buffer[]): void {
  for (const piece of pieces) {
    const read = Buffer.from(piece);
    parser.execute(read);
    read.fill('#');
  }
}

interface Case {
  readonly name: string;
  readonly input: string;
  /** Which responses, in order, answer a HEAD request. */
  readonly heads?: readonly boolean[];
  /** Call finish() after the input: the server closed the connection. */
  readonly close?: boolean;
  readonly events: readonly ParseEvent[];
}

function parse(testCase: Case, pieces: readonly Buffer[]): ParseEvent[] {
  const sink = new RecordingSink(testCase.heads);
  const parser = new ResponseParser(sink);
  feed(parser, pieces);
  if (testCase.close) sink.events.push(['finish', parser.finish()]);
  return sink.events;
}

const ok200 = 'HTTP/1.1 200 OK\r\n';

const cases: readonly Case[] = [
  {
    name: 'content-length body',
    input: `${ok200}Content-Length: 5\r\nX-Other: b\r\n\r\nhello`,
    events: [
      ['head', 200],
      ['body', 'hello'],
      ['end', true],
    ],
  },
  {
    name: 'content-length 0',
    input: `${ok200}Content-Length: 0\r\n\r\n`,
    events: [
      ['head', 200],
      ['end', true],
    ],
  },
  {
    name: 'header names in any case, values with whitespace, repeated equal content-length',
    input: `HTTP/1.1 404 Not Found\r\ncontent-LENGTH:   3  \r\nContent-Length: 3\r\nDate: x\r\n\r\nnop`,
    events: [
      ['head', 404],
      ['body', 'nop'],
      ['end', true],
    ],
  },
  {
    name: 'status line without a reason phrase',
    input: 'HTTP/1.1 503\r\nContent-Length: 1\r\n\r\nx',
    events: [
      ['head', 503],
      ['body', 'x'],
      ['end', true],
    ],
  },
  {
    name: 'status line and no headers, body until close',
    input: `HTTP/1.1 200 OK\r\n\r\nuntil the end`,
    close: true,
    events: [
      ['head', 200],
      ['body', 'until the end'],
      ['end', false],
      ['finish', true],
    ],
  },
  {
    name: 'chunked with extensions and trailers',
    input: `${ok200}Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1;q="a;b"\r\n world\r\nA \r\n0123456789\r\n0;last\r\nX-Trailer: t\r\nY: u\r\n\r\n`,
    events: [
      ['head', 200],
      ['body', 'hello world0123456789'],
      ['end', true],
    ],
  },
  {
    name: 'chunked without trailers, a chunk holding CRLF bytes',
    input: `${ok200}transfer-encoding: Chunked\r\n\r\n4\r\n\r\n\r\n\r\n0\r\n\r\n`,
    events: [
      ['head', 200],
      ['body', '\r\n\r\n'],
      ['end', true],
    ],
  },
  {
    name: 'chunked as the last coding wins over content-length',
    input: `${ok200}Content-Length: 100\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n`,
    events: [
      ['head', 200],
      ['body', 'abc'],
      ['end', true],
    ],
  },
  {
    name: 'a coding other than chunked last: body until close',
    input: `${ok200}Transfer-Encoding: chunked, gzip\r\nContent-Length: 2\r\n\r\nabcdef`,
    close: true,
    events: [
      ['head', 200],
      ['body', 'abcdef'],
      ['end', false],
      ['finish', true],
    ],
  },
  {
    name: 'HTTP/1.0 closes by default',
    input: 'HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nhi',
    events: [
      ['head', 200],
      ['body', 'hi'],
      ['end', false],
    ],
  },
  {
    name: 'HTTP/1.0 with Connection: keep-alive stays open',
    input: 'HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nhi',
    events: [
      ['head', 200],
      ['body', 'hi'],
      ['end', true],
    ],
  },
  {
    name: 'HTTP/1.1 with Connection: close',
    input: `${ok200}Connection: close\r\nContent-Length: 2\r\n\r\nhi`,
    events: [
      ['head', 200],
      ['body', 'hi'],
      ['end', false],
    ],
  },
  {
    name: 'HTTP/1.1 with Connection: keep-alive',
    input: `${ok200}connection: keep-alive\r\nContent-Length: 2\r\n\r\nhi`,
    events: [
      ['head', 200],
      ['body', 'hi'],
      ['end', true],
    ],
  },
  {
    name: 'Connection tokens are whole words: "closed-loop" is not "close"',
    input: `${ok200}Connection: upgrade, closed-loop\r\nContent-Length: 2\r\n\r\nhi`,
    events: [
      ['head', 200],
      ['body', 'hi'],
      ['end', true],
    ],
  },
  {
    name: 'Connection: close among other tokens',
    input: `${ok200}Connection: TE, Close\r\nContent-Length: 2\r\n\r\nhi`,
    events: [
      ['head', 200],
      ['body', 'hi'],
      ['end', false],
    ],
  },
  {
    name: '204 and 304 with content-length have no body',
    input: `HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nHTTP/1.1 304 Not Modified\r\nContent-Length: 7\r\n\r\n${ok200}Content-Length: 1\r\n\r\nz`,
    events: [
      ['head', 204],
      ['end', true],
      ['head', 304],
      ['end', true],
      ['head', 200],
      ['body', 'z'],
      ['end', true],
    ],
  },
  {
    name: 'the answer to a HEAD request has no body',
    input: `${ok200}Content-Length: 5\r\n\r\n${ok200}Transfer-Encoding: chunked\r\n\r\n${ok200}Content-Length: 2\r\n\r\nok`,
    heads: [true, true, false],
    events: [
      ['head', 200],
      ['end', true],
      ['head', 200],
      ['end', true],
      ['head', 200],
      ['body', 'ok'],
      ['end', true],
    ],
  },
  {
    name: '1xx interim responses are skipped',
    input: `HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n${ok200}Content-Length: 3\r\n\r\nend`,
    events: [
      ['head', 200],
      ['body', 'end'],
      ['end', true],
    ],
  },
  {
    name: 'pipelined responses in one buffer',
    input: [
      `${ok200}Content-Length: 3\r\n\r\none`,
      `HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n3\r\ntwo\r\n0\r\n\r\n`,
      `HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n`,
      `HTTP/1.1 500 Oops\r\nConnection: close\r\nContent-Length: 5\r\n\r\nthree`,
    ].join(''),
    events: [
      ['head', 200],
      ['body', 'one'],
      ['end', true],
      ['head', 201],
      ['body', 'two'],
      ['end', true],
      ['head', 404],
      ['end', true],
      ['head', 500],
      ['body', 'three'],
      ['end', false],
    ],
  },
  {
    name: 'close between responses is clean',
    input: `${ok200}Content-Length: 2\r\n\r\nok`,
    close: true,
    events: [
      ['head', 200],
      ['body', 'ok'],
      ['end', true],
      ['finish', true],
    ],
  },
  {
    name: 'close in the middle of a content-length body is not clean',
    input: `${ok200}Content-Length: 10\r\n\r\nabc`,
    close: true,
    events: [
      ['head', 200],
      ['body', 'abc'],
      ['finish', false],
    ],
  },
  {
    name: 'close in the middle of a chunked body is not clean',
    input: `${ok200}Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n`,
    close: true,
    events: [
      ['head', 200],
      ['body', 'abc'],
      ['finish', false],
    ],
  },
  {
    name: 'close in the middle of a head is not clean',
    input: `${ok200}Content-Len`,
    close: true,
    events: [['finish', false]],
  },
  {
    name: 'close after an interim response alone is clean',
    input: 'HTTP/1.1 100 Continue\r\n\r\n',
    close: true,
    events: [['finish', true]],
  },
];

describe('ResponseParser', () => {
  it.each(cases)('$name: fed whole', (testCase) => {
    expect(parse(testCase, [Buffer.from(testCase.input, 'latin1')])).toEqual(testCase.events);
  });

  it.each(cases)('$name: split at every byte offset and fed byte by byte', (testCase) => {
    const bytes = Buffer.from(testCase.input, 'latin1');
    for (let at = 1; at < bytes.length; at++) {
      const events = parse(testCase, [bytes.subarray(0, at), bytes.subarray(at)]);
      expect(events, `split at ${at}`).toEqual(testCase.events);
    }
    const bytewise = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    expect(parse(testCase, bytewise)).toEqual(testCase.events);
  });

  it('is idle only between responses', () => {
    const parser = new ResponseParser(new RecordingSink());
    expect(parser.idle).toBe(true);
    parser.execute(Buffer.from('HTTP/1.1 200 OK\r\nContent-Le'));
    expect(parser.idle).toBe(false);
    parser.execute(Buffer.from('ngth: 2\r\n\r\no'));
    expect(parser.idle).toBe(false);
    parser.execute(Buffer.from('k'));
    expect(parser.idle).toBe(true);
  });

  it('ignores bytes after stop(), even when stopped from a sink callback', () => {
    const sink = new RecordingSink();
    const parser = new ResponseParser(sink);
    sink.onEvent = (event) => {
      if (event[0] === 'head') parser.stop();
    };
    parser.execute(Buffer.from(`${ok200}Content-Length: 5\r\n\r\nhello${ok200}Content-Length: 0\r\n\r\n`));
    expect(sink.events).toEqual([['head', 200]]);

    for (const framed of [
      'Content-Length: 5\r\n\r\nhello',
      'Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n',
    ]) {
      const bodySink = new RecordingSink();
      const bodyParser = new ResponseParser(bodySink);
      bodySink.onEvent = (event) => {
        if (event[0] === 'body') bodyParser.stop();
      };
      bodyParser.execute(Buffer.from(`${ok200}${framed}`));
      bodyParser.execute(Buffer.from(`${ok200}Content-Length: 0\r\n\r\n`));
      expect(bodySink.events, framed).toEqual([
        ['head', 200],
        ['body', 'hello'],
      ]);
      expect(bodyParser.finish()).toBe(false);
    }
  });

  it('ends a close-delimited response only once, at finish()', () => {
    const sink = new RecordingSink();
    const parser = new ResponseParser(sink);
    parser.execute(Buffer.from(`${ok200}\r\nab`));
    parser.execute(Buffer.from('cd'));
    expect(sink.events).toEqual([
      ['head', 200],
      ['body', 'abcd'],
    ]);
    expect(parser.finish()).toBe(true);
    parser.execute(Buffer.from('late'));
    expect(parser.finish()).toBe(false);
    expect(sink.events).toEqual([
      ['head', 200],
      ['body', 'abcd'],
      ['end', false],
    ]);
  });

  const longHeader = `X-Long: ${'a'.repeat(16 * 1024)}\r\n`;
  const malformed: readonly { name: string; input: string; message: RegExp }[] = [
    {
      name: 'HTTP/2 status line',
      input: 'HTTP/2 200 OK\r\n\r\n',
      message: /not an HTTP\/1\.x status line: "HTTP\/2 200 OK"/,
    },
    { name: 'not HTTP at all', input: 'SSH-2.0-OpenSSH_9.6\r\n\r\n', message: /not an HTTP\/1\.x status line/ },
    {
      name: 'letters in the status code',
      input: 'HTTP/1.1 2x0 OK\r\n\r\n',
      message: /bad status code in "HTTP\/1\.1 2x0 OK"/,
    },
    { name: 'four-digit status code', input: 'HTTP/1.1 2000 OK\r\n\r\n', message: /bad status code/ },
    { name: 'two-digit status code', input: 'HTTP/1.1 20 OK\r\n\r\n', message: /bad status code/ },
    { name: 'status code below 100', input: 'HTTP/1.1 099 OK\r\n\r\n', message: /bad status code/ },
    { name: 'status code in exponent notation', input: 'HTTP/1.1 2e2 OK\r\n\r\n', message: /bad status code/ },
    { name: 'status code with a sign', input: 'HTTP/1.1 +20 OK\r\n\r\n', message: /bad status code/ },
    {
      name: '101 Switching Protocols',
      input: 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n',
      message: /unexpected 101 Switching Protocols/,
    },
    {
      name: 'letters in content-length',
      input: `${ok200}Content-Length: abc\r\n\r\n`,
      message: /bad content-length: "abc"/,
    },
    {
      name: 'negative content-length',
      input: `${ok200}Content-Length: -1\r\n\r\n`,
      message: /bad content-length: "-1"/,
    },
    {
      name: 'fractional content-length',
      input: `${ok200}Content-Length: 1.5\r\n\r\n`,
      message: /bad content-length: "1\.5"/,
    },
    { name: 'empty content-length', input: `${ok200}Content-Length:\r\n\r\n`, message: /bad content-length: ""/ },
    {
      name: 'list in content-length',
      input: `${ok200}Content-Length: 5, 5\r\n\r\nhello`,
      message: /bad content-length/,
    },
    {
      name: 'conflicting content-lengths',
      input: `${ok200}Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!`,
      message: /conflicting content-length headers/,
    },
    {
      name: 'header line without a colon',
      input: `${ok200}Content-Length: 0\r\nNoColonHere\r\n\r\n`,
      message: /header line without a colon/,
    },
    {
      name: 'whitespace before the colon',
      input: `${ok200}Content-Length : 5\r\n\r\nhello`,
      message: /bad header name: "Content-Length :"/,
    },
    { name: 'empty header name', input: `${ok200}: 5\r\n\r\n`, message: /bad header name: ":"/ },
    {
      name: 'colon only in a later line',
      input: `${ok200}NoColonHere\r\nContent-Length: 0\r\n\r\n`,
      message: /header line without a colon/,
    },
    {
      name: 'bad chunk size',
      input: `${ok200}Transfer-Encoding: chunked\r\n\r\nzz\r\n`,
      message: /bad chunk size: "zz"/,
    },
    {
      name: 'empty chunk size',
      input: `${ok200}Transfer-Encoding: chunked\r\n\r\n\r\n`,
      message: /bad chunk size: ""/,
    },
    {
      name: 'negative chunk size',
      input: `${ok200}Transfer-Encoding: chunked\r\n\r\n-1\r\n`,
      message: /bad chunk size/,
    },
    {
      name: 'chunk data longer than its size',
      input: `${ok200}Transfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n`,
      message: /chunk data longer than its size/,
    },
    {
      name: 'chunk size line ended by a bare LF',
      input: `${ok200}Transfer-Encoding: chunked\r\n\r\n3\nabc\r\n`,
      message: /chunk line not ended by CRLF/,
    },
    {
      name: 'oversized chunk line',
      input: `${ok200}Transfer-Encoding: chunked\r\n\r\n3;${'e'.repeat(5000)}\r\nabc\r\n`,
      message: /chunk line over 4096 bytes/,
    },
    {
      name: 'oversized head, still unterminated',
      input: `${ok200}${longHeader}`,
      message: /response head over 16384 bytes/,
    },
    {
      name: 'oversized head, terminated',
      input: `${ok200}${longHeader}\r\n`,
      message: /response head over 16384 bytes/,
    },
  ];

  describe.each(malformed)('rejects $name', ({ input, message }) => {
    const bytes = Buffer.from(input, 'latin1');
    const expectParseError = (pieces: readonly Buffer[]) => {
      const parser = new ResponseParser(new RecordingSink());
      let thrown: unknown;
      try {
        feed(parser, pieces);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ResponseParseError);
      expect((thrown as ResponseParseError).code).toBe('LOADGEN_BAD_RESPONSE');
      expect((thrown as Error).message).toMatch(/^malformed HTTP response: /);
      expect((thrown as Error).message).toMatch(message);
    };

    it('fed whole', () => expectParseError([bytes]));

    it('fed in small reads', () => {
      // Byte by byte for short inputs; oversized ones in 97-byte reads to keep the test fast.
      const step = bytes.length > 1000 ? 97 : 1;
      const pieces: Buffer[] = [];
      for (let at = 0; at < bytes.length; at += step) pieces.push(bytes.subarray(at, at + step));
      expectParseError(pieces);
    });
  });
});
