import { expect, test } from 'vitest';
import { summarizeIngress } from '../src/summarize-ingress.js';

test('lists host, path and backend of every rule, and the published address', () => {
  expect(
    summarizeIngress({
      metadata: { name: 'echo' },
      spec: {
        ingressClassName: 'nginx',
        rules: [
          {
            host: 'foo.localhost',
            http: {
              paths: [
                { path: '/', pathType: 'Prefix', backend: { service: { name: 'foo', port: { number: 5678 } } } },
                { path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { name: 'http' } } } },
              ],
            },
          },
          {
            http: {
              paths: [
                {
                  pathType: 'Prefix',
                  backend: { resource: { apiGroup: 'k8s.example.io', kind: 'Bucket', name: 'b' } },
                },
              ],
            },
          },
        ],
      },
      status: { loadBalancer: { ingress: [{ ip: '127.0.0.1' }, { hostname: 'localhost' }] } },
    }),
  ).toEqual({
    name: 'echo',
    className: 'nginx',
    addresses: ['127.0.0.1', 'localhost'],
    defaultBackend: undefined,
    rules: [
      { host: 'foo.localhost', path: '/', backend: 'foo:5678' },
      { host: 'foo.localhost', path: '/api', backend: 'api:http' },
      { host: '*', path: '/', backend: 'resource Bucket/b' },
    ],
  });
});

test('an Ingress with only a default backend and no status', () => {
  expect(
    summarizeIngress({ spec: { defaultBackend: { service: { name: 'fallback', port: { number: 80 } } } } }),
  ).toEqual({
    name: '<unnamed>',
    className: undefined,
    addresses: [],
    defaultBackend: 'fallback:80',
    rules: [],
  });
});
