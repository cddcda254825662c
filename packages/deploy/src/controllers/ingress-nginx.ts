import type { IngressControllerSpec } from './controller-spec.js';
import { CONTROL_PLANE_TOLERATIONS, INGRESS_READY } from './kind-placement.js';

/**
 * Community ingress-nginx (kubernetes/ingress-nginx), retired in March 2026: still installable, no more fixes.
 * Keys from charts/ingress-nginx/values.yaml in github.com/kubernetes/ingress-nginx, the same in chart 4.14.1
 * (the default, controller v1.14.1) and 4.11.0 (controller v1.11.0, the one the Go module proxy serves):
 * controller.kind, controller.replicaCount, controller.hostPort.{enabled,ports}, controller.service.type,
 * controller.ingressClassResource.*, controller.ingressClass, controller.nodeSelector, controller.tolerations,
 * controller.updateStrategy, controller.publishService.enabled, controller.extraArgs,
 * controller.admissionWebhooks.enabled and controller.image.{repository,tag,digest,digestChroot}; the same
 * settings as kind's own ingress-nginx manifest (deploy/static/provider/kind). The chart has no values.schema.json.
 */
export const INGRESS_NGINX: IngressControllerSpec = {
  name: 'ingress-nginx',
  description: 'ingress-nginx (community, retired March 2026)',
  release: 'ingress-nginx',
  chart: 'ingress-nginx',
  repo: 'https://kubernetes.github.io/ingress-nginx',
  version: '4.14.1',
  namespace: 'ingress-nginx',
  deployment: 'ingress-nginx-controller',
  // templates/controller-service.yaml: "ingress-nginx.controller.fullname", port controller.service.ports.http
  // 80 onto the pods' port named http (controller.service.targetPorts.http).
  service: { name: 'ingress-nginx-controller', port: 80 },
  defaultIngressClassName: 'nginx',
  values: ({ ingressClassName, image }) => ({
    controller: {
      kind: 'Deployment',
      replicaCount: 1,
      hostPort: { enabled: true, ports: { http: 80, https: 443 } },
      // Like kind's own manifest; a NodePort Service also has a cluster IP, which pods inside the cluster use.
      service: { type: 'NodePort' },
      ingressClassResource: {
        name: ingressClassName,
        enabled: true,
        default: false,
        controllerValue: 'k8s.io/ingress-nginx',
      },
      ingressClass: ingressClassName,
      nodeSelector: { ...INGRESS_READY, 'kubernetes.io/os': 'linux' },
      tolerations: CONTROL_PLANE_TOLERATIONS,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      publishService: { enabled: false },
      extraArgs: { 'publish-status-address': '127.0.0.1' },
      admissionWebhooks: { enabled: true },
      // templates/controller-deployment.yaml: `repository` replaces registry/image; the chart's
      // digests pin the upstream image, so they are cleared unless the reference has its own.
      // The tag must stay a version (>= 0.27, templates/_helpers.tpl isControllerTagValid).
      ...(image
        ? {
            image: {
              repository: image.repository,
              ...(image.tag ? { tag: image.tag } : {}),
              digest: image.digest ?? '',
              digestChroot: '',
            },
          }
        : {}),
    },
  }),
  // templates/admission-webhooks/validating-webhook.yaml: service "<controller fullname>-admission", port 443.
  admissionWebhook: {
    webhookName: 'validate.nginx.ingress.kubernetes.io',
    namespace: 'ingress-nginx',
    service: 'ingress-nginx-controller-admission',
    port: 443,
  },
};
