import {
  ReadinessTimeoutError,
  type WatchTransition,
  waitForValidatingWebhook,
  waitForWebhookEndpoints,
} from '@prload/probe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Apis, apis, createNamespace, deploymentManifest } from '../support/kube.js';

let api: Apis;
let ns: { name: string; remove(): Promise<void> };
const webhookConfig = `prload-test-webhook-${process.pid}`;

beforeAll(async () => {
  api = apis();
  ns = await createNamespace(api, 'webhook');
  await api.core.createNamespacedService({
    namespace: ns.name,
    body: {
      metadata: { name: 'admission' },
      spec: { selector: { app: 'admission' }, ports: [{ name: 'https', port: 443, targetPort: 8443 }] },
    },
  });
  // Guards only ConfigMaps in this test's namespace and ignores failures: kwok's pods answer nothing, and
  // the webhook must never get in the way of the rest of the suite.
  await api.admission.createValidatingWebhookConfiguration({
    body: {
      metadata: { name: webhookConfig },
      webhooks: [
        {
          name: 'validate.prload.test',
          admissionReviewVersions: ['v1'],
          sideEffects: 'None',
          failurePolicy: 'Ignore',
          timeoutSeconds: 1,
          clientConfig: { service: { namespace: ns.name, name: 'admission', port: 443, path: '/validate' } },
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns.name } },
          rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['configmaps'] }],
        },
      ],
    },
  });
});
afterAll(async () => {
  await api.admission.deleteValidatingWebhookConfiguration({ name: webhookConfig }).catch(() => undefined);
  await ns?.remove();
});

describe('admission-webhook waits against a real control plane', () => {
  it('times out while the webhook Service has no pods, naming the missing EndpointSlice state', async () => {
    const failure = await waitForValidatingWebhook({ kubeConfig: api.kc, name: webhookConfig, timeoutMs: 2_000 }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ReadinessTimeoutError);
    expect((failure as Error).message).toMatch(new RegExp(`service ${ns.name}/admission has no ready endpoints`));
  });

  it('returns once the webhook pods are Ready and their EndpointSlice lists them as ready', async () => {
    const transitions: WatchTransition[] = [];
    let watching!: () => void;
    const watchOpen = new Promise<void>((resolve) => {
      watching = resolve;
    });
    const endpoints = waitForWebhookEndpoints({
      kubeConfig: api.kc,
      namespace: ns.name,
      serviceName: 'admission',
      timeoutMs: 60_000,
      onTransition: (t) => {
        transitions.push(t);
        if (t.type === 'watching') watching();
      },
    });
    // The wait is watching before any pod exists, so it cannot have returned early.
    await watchOpen;
    expect(transitions[0]).toMatchObject({ type: 'listed' });

    await api.apps.createNamespacedDeployment({
      namespace: ns.name,
      body: deploymentManifest({ name: 'admission', namespace: ns.name, replicas: 2 }),
    });
    const ready = await endpoints;
    expect(ready).toMatchObject({ namespace: ns.name, serviceName: 'admission' });
    expect(ready.readyEndpoints).toBeGreaterThanOrEqual(1);
    expect(ready.readyEndpoints).toBeLessThanOrEqual(2);

    const slices = await api.discovery.listNamespacedEndpointSlice({
      namespace: ns.name,
      labelSelector: 'kubernetes.io/service-name=admission',
    });
    const readyAddresses = slices.items
      .flatMap((s) => s.endpoints)
      .filter((e) => e.conditions?.ready)
      .flatMap((e) => e.addresses);
    expect(readyAddresses.length).toBeGreaterThanOrEqual(ready.readyEndpoints);
    const podIps = (await api.core.listNamespacedPod({ namespace: ns.name })).items.map((p) => p.status?.podIP);
    for (const address of readyAddresses) expect(podIps).toContain(address);

    // Through the ValidatingWebhookConfiguration: it finds the Service in clientConfig and waits on it.
    const viaConfig = await waitForValidatingWebhook({ kubeConfig: api.kc, name: webhookConfig, timeoutMs: 30_000 });
    // The second pod may have turned Ready in between: the count can only have grown.
    expect(viaConfig.services).toEqual([expect.objectContaining({ namespace: ns.name, serviceName: 'admission' })]);
    expect(viaConfig.services[0]!.readyEndpoints).toBeGreaterThanOrEqual(ready.readyEndpoints);
  });
});
