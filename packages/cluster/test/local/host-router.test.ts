import { request } from 'undici';
import { afterEach, expect, test } from 'vitest';
import { type EchoServer, startEchoServer } from '../../src/local/echo-server.js';
import { type HostRouter, startHostRouter } from '../../src/local/host-router.js';

const closables: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closables.splice(0).map((c) => c.close()));
});

async function echo(text: string): Promise<EchoServer> {
  const server = await startEchoServer({ text });
  closables.push(server);
  return server;
}

async function router(): Promise<HostRouter> {
  const r = await startHostRouter();
  closables.push(r);
  return r;
}

async function get(url: string, host: string) {
  const response = await request(url, { headers: { host } });
  return { status: response.statusCode, body: await response.body.text() };
}

test('routes by Host header', async () => {
  const proxy = await router();
  proxy.setRoute('foo.localhost', [(await echo('foo')).url]);
  proxy.setRoute('bar.localhost', [(await echo('bar')).url]);
  expect(await get(proxy.url, 'foo.localhost')).toEqual({ status: 200, body: 'foo\n' });
  expect(await get(proxy.url, 'bar.localhost')).toEqual({ status: 200, body: 'bar\n' });
  // Host matching ignores the port and case, like an Ingress rule.
  expect(await get(proxy.url, 'FOO.localhost:8080')).toEqual({ status: 200, body: 'foo\n' });
});

test('answers 404 for an unknown host', async () => {
  const proxy = await router();
  proxy.setRoute('foo.localhost', [(await echo('foo')).url]);
  expect((await get(proxy.url, 'baz.localhost')).status).toBe(404);
});

test('round-robins over the replicas of an app', async () => {
  const proxy = await router();
  proxy.setRoute('foo.localhost', [(await echo('one')).url, (await echo('two')).url]);
  const bodies = [];
  for (let i = 0; i < 4; i++) bodies.push((await get(proxy.url, 'foo.localhost')).body);
  expect(bodies).toEqual(['one\n', 'two\n', 'one\n', 'two\n']);
});

test('answers 502 when a replica is down', async () => {
  const proxy = await router();
  const replica = await startEchoServer({ text: 'gone' });
  await replica.close();
  proxy.setRoute('foo.localhost', [replica.url]);
  expect((await get(proxy.url, 'foo.localhost')).status).toBe(502);
});
