import { describe, expect, it } from 'vitest';
import { inClusterUrl } from '../src/index.js';
import { ingressControllers } from '../src/ingress-controllers.js';

describe('inClusterUrl', () => {
  it.each([
    ['nginx', 'http://nginx-ingress-controller.nginx-ingress.svc:80'],
    ['ingress-nginx', 'http://ingress-nginx-controller.ingress-nginx.svc:80'],
    ['traefik', 'http://traefik.traefik.svc:80'],
  ] as const)('%s: %s', (name, url) => {
    expect(inClusterUrl(ingressControllers[name])).toBe(url);
  });

  it('keeps a port other than 80', () => {
    expect(inClusterUrl({ namespace: 'edge', service: { name: 'proxy', port: 8080 } })).toBe(
      'http://proxy.edge.svc:8080',
    );
  });
});
