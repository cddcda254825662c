import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

interface Comment {
  id: number;
  body: string;
  html_url: string;
  user: { login: string; type: string };
}

/**
 * Just enough of the GitHub REST API for the CLI's publishing path: issue
 * comments list/create/update and a pull request's head. Shapes and headers
 * follow GitHub's (the report package tests the full API behaviour).
 */
export async function startFakeGitHub(repository: string, headSha: string) {
  const requests: RecordedRequest[] = [];
  const comments = new Map<number, Comment[]>();
  let nextId = 1000;
  const server: Server = createServer(async (request, response) => {
    const body = await read(request);
    const url = new URL(request.url ?? '/', 'http://localhost');
    requests.push({
      method: request.method ?? '',
      path: url.pathname,
      authorization: request.headers.authorization,
      body,
    });
    const send = (status: number, json: unknown) => {
      response.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4999',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
        'x-github-media-type': 'github.v3; format=json',
      });
      response.end(JSON.stringify(json));
    };
    const list = url.pathname.match(new RegExp(`^/repos/${repository}/issues/(\\d+)/comments$`));
    const update = url.pathname.match(new RegExp(`^/repos/${repository}/issues/comments/(\\d+)$`));
    const pull = url.pathname.match(new RegExp(`^/repos/${repository}/pulls/(\\d+)$`));
    if (list && request.method === 'GET') return send(200, comments.get(Number(list[1])) ?? []);
    if (list && request.method === 'POST') {
      const id = nextId++;
      const comment: Comment = {
        id,
        body: JSON.parse(body).body,
        html_url: `https://github.com/${repository}/pull/${list[1]}#issuecomment-${id}`,
        user: { login: 'github-actions[bot]', type: 'Bot' },
      };
      comments.set(Number(list[1]), [...(comments.get(Number(list[1])) ?? []), comment]);
      return send(201, comment);
    }
    if (update && request.method === 'PATCH') {
      for (const thread of comments.values()) {
        const comment = thread.find((c) => c.id === Number(update[1]));
        if (comment) {
          comment.body = JSON.parse(body).body;
          return send(200, comment);
        }
      }
    }
    if (pull && request.method === 'GET') return send(200, { number: Number(pull[1]), head: { sha: headSha } });
    send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    comments,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function read(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      text += chunk;
    });
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}
