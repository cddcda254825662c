import { request } from 'undici';
import { afterEach, expect, test } from 'vitest';
import { type EchoServer, startEchoServer } from '../../src/local/echo-server.js';

let server: EchoServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

test('answers its text and a newline on every path, like hashicorp/http-echo', async () => {
  server = await startEchoServer({ text: 'foo' });
  for (const path of ['/', '/any/path?x=1']) {
    const response = await request(`${server.url}${path}`);
    expect(response.statusCode).toBe(200);
    expect(await response.body.text()).toBe('foo\n');
  }
});

test('serves a health path', async () => {
  server = await startEchoServer({ text: 'foo' });
  const response = await request(`${server.url}/health`);
  expect(response.statusCode).toBe(200);
  expect(await response.body.json()).toEqual({ status: 'ok' });
});

test('close frees the port', async () => {
  server = await startEchoServer({ text: 'foo' });
  const { url } = server;
  await server.close();
  server = undefined;
  await expect(request(url)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
});
