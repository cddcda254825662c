import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ProbeAbortedError, ProbeKubeApiError, ReadinessTimeoutError } from '../src/errors.js';
import { waitForValidatingWebhook, waitForWebhookEndpoints } from '../src/wait-webhook.js';
import { FakeApiServer, list } from './helpers/fake-api-server.js';

const SLICES = '/apis/discovery.k8s.io/v1/namespaces/ingress-nginx/endpointslices';
let api: FakeApiServer;
beforeEach(async () => {
  api = await new FakeApiServer().start();
});
afterEach(async () => {
  await api.close();
});

function slice(name: string, ready: boolean | undefined, resourceVersion = '1') {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name,
      namespace: 'ingress-nginx',
      resourceVersion,
      labels: { 'kubernetes.io/service-name': 'ingress-nginx-controller-admission' },
    },
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.244.0.7'], conditions: ready === undefined ? {} : { ready } }],
  };
}

describe('waitForWebhookEndpoints', () => {
  test('watches the service EndpointSlices until an endpoint is ready', async () => {
    const selectors: (string | null)[] = [];
    api.routes.set(SLICES, (q) => {
      selectors.push(q.get('labelSelector'));
      return list('EndpointSliceList', [slice('adm-1', false)], '3');
    });
    api.on('watch', (w) => {
      selectors.push(w.query.get('labelSelector'));
      w.send('MODIFIED', slice('adm-1', true, '4'));
    });
    const result = await waitForWebhookEndpoints({
      kubeConfig: api.kubeConfig(),
      namespace: 'ingress-nginx',
      serviceName: 'ingress-nginx-controller-admission',
      timeoutMs: 10_000,
    });
    expect(result).toMatchObject({
      namespace: 'ingress-nginx',
      serviceName: 'ingress-nginx-controller-admission',
      readyEndpoints: 1,
    });
    expect(result.durationMs).toBeGreaterThan(0);
    expect(selectors).toEqual([
      'kubernetes.io/service-name=ingress-nginx-controller-admission',
      'kubernetes.io/service-name=ingress-nginx-controller-admission',
    ]);
  });

  test('already ready endpoints resolve from the list alone', async () => {
    api.routes.set(SLICES, () => list('EndpointSliceList', [slice('adm-1', undefined)], '3'));
    const result = await waitForWebhookEndpoints({
      kubeConfig: api.kubeConfig(),
      namespace: 'ingress-nginx',
      serviceName: 'ingress-nginx-controller-admission',
    });
    expect(result.readyEndpoints).toBe(1);
    expect(api.requests).toEqual([`GET ${SLICES}`]);
  });

  test('timeout says whether any EndpointSlice exists and carries diagnostics', async () => {
    api.routes.set(SLICES, () => list('EndpointSliceList', [], '3'));
    const error = await waitForWebhookEndpoints({
      kubeConfig: api.kubeConfig(),
      namespace: 'ingress-nginx',
      serviceName: 'ingress-nginx-controller-admission',
      timeoutMs: 200,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReadinessTimeoutError);
    expect((error as Error).message).toMatch(
      /^readiness: service ingress-nginx\/ingress-nginx-controller-admission has no ready endpoints within 0\.2s \(no EndpointSlice exists\)/,
    );
    expect((error as ReadinessTimeoutError).diagnostics.namespace).toBe('ingress-nginx');
  });

  test('abort', async () => {
    api.routes.set(SLICES, () => list('EndpointSliceList', [], '3'));
    const controller = new AbortController();
    api.on('watch', () => controller.abort());
    await expect(
      waitForWebhookEndpoints({
        kubeConfig: api.kubeConfig(),
        namespace: 'ingress-nginx',
        serviceName: 'ingress-nginx-controller-admission',
        signal: controller.signal,
      }),
    ).rejects.toBeInstanceOf(ProbeAbortedError);
  });
});

describe('waitForValidatingWebhook', () => {
  const VWC = '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/ingress-nginx-admission';

  test('finds the service in the configuration and waits for its endpoints', async () => {
    const webhook = (name: string) => ({
      name,
      admissionReviewVersions: ['v1'],
      sideEffects: 'None',
      clientConfig: { service: { namespace: 'ingress-nginx', name: 'ingress-nginx-controller-admission', path: '/x' } },
    });
    api.routes.set(VWC, () => ({
      body: {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingWebhookConfiguration',
        metadata: { name: 'ingress-nginx-admission' },
        // Two webhooks on one service, and one calling a URL (nothing to wait for).
        webhooks: [
          webhook('a.ingress.k8s.io'),
          webhook('b.ingress.k8s.io'),
          { ...webhook('c.example.com'), clientConfig: { url: 'https://hooks.example.com/' } },
        ],
      },
    }));
    api.routes.set(SLICES, () => list('EndpointSliceList', [], '3'));
    api.on('watch', (w) => w.send('ADDED', slice('adm-1', true, '4')));
    const result = await waitForValidatingWebhook({
      kubeConfig: api.kubeConfig(),
      name: 'ingress-nginx-admission',
      timeoutMs: 10_000,
    });
    expect(result.name).toBe('ingress-nginx-admission');
    expect(result.services.map((s) => `${s.namespace}/${s.serviceName}=${s.readyEndpoints}`)).toEqual([
      'ingress-nginx/ingress-nginx-controller-admission=1',
    ]);
    expect(result.durationMs).toBeGreaterThanOrEqual(result.services[0]?.durationMs ?? 0);
  });

  test('a missing configuration is a one-line API error naming it', async () => {
    const error = await waitForValidatingWebhook({ kubeConfig: api.kubeConfig(), name: 'nope' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProbeKubeApiError);
    expect((error as ProbeKubeApiError).statusCode).toBe(404);
    expect((error as Error).message).toBe(
      'readiness: cannot read ValidatingWebhookConfiguration nope (404) — install the chart that defines it, or check the name',
    );
  });
});
