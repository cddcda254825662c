import type { IngressControllerSpec } from './controller-spec.js';
import { CONTROL_PLANE_TOLERATIONS, INGRESS_READY } from './kind-placement.js';

/**
 * F5 NGINX Ingress Controller (nginx/kubernetes-ingress), the default. Chart 2.6.4 ships
 * controller 5.5.4 (appVersion). Keys from charts/nginx-ingress/values.yaml and
 * values.schema.json at tag v5.5.4: controller.kind, controller.replicaCount,
 * controller.hostPort.{enable,http,https}, controller.service.type,
 * controller.ingressClass.{name,create,setAsDefaultIngress}, controller.nodeSelector,
 * controller.tolerations, controller.strategy, controller.reportIngressStatus.enable, the
 * ConfigMap entry external-status-address (controller.config.entries),
 * controller.telemetryReporting.enable and controller.image.{repository,tag,digest}
 * (templates/_helpers.tpl "nginx-ingress.image-digest-or-tag": a digest wins over the tag,
 * no tag means the appVersion). It registers no admission webhook.
 *
 * Its values.schema.json `$ref`s Kubernetes definitions on raw.githubusercontent.com, so
 * helm fetches them on every install: offline, use a copy of the chart without
 * values.schema.json (ingress.chart), or another controller.
 */
export const F5_NGINX: IngressControllerSpec = {
  name: 'nginx',
  description: 'F5 NGINX Ingress Controller',
  release: 'nginx-ingress',
  chart: 'oci://ghcr.io/nginx/charts/nginx-ingress',
  version: '2.6.4',
  namespace: 'nginx-ingress',
  // "<fullname>-<controller.name>"; fullname is the release name when it contains the chart name.
  deployment: 'nginx-ingress-controller',
  // templates/controller-service.yaml: "nginx-ingress.controller.service.name" (the controller fullname, as
  // the Deployment's), port controller.service.httpPort.port 80 onto the pods' port 80.
  service: { name: 'nginx-ingress-controller', port: 80 },
  defaultIngressClassName: 'nginx',
  values: ({ ingressClassName, image }) => ({
    controller: {
      kind: 'deployment',
      replicaCount: 1,
      hostPort: { enable: true, http: 80, https: 443 },
      // Traffic from outside arrives through the hostPorts; a LoadBalancer Service would stay pending on
      // kind. The ClusterIP Service is how pods inside the cluster reach the controller.
      service: { type: 'ClusterIP' },
      ingressClass: { name: ingressClassName, create: true, setAsDefaultIngress: false },
      nodeSelector: INGRESS_READY,
      tolerations: CONTROL_PLANE_TOLERATIONS,
      // One node owns the hostPorts: a rolling update's surge pod could never schedule next to the old one.
      strategy: { type: 'Recreate' },
      // Ingress status shows where the ingress answers; there is no LoadBalancer to take it from.
      reportIngressStatus: { enable: true },
      config: { entries: { 'external-status-address': '127.0.0.1' } },
      // The controller would report to F5 over the internet; test clusters stay quiet.
      telemetryReporting: { enable: false },
      ...(image
        ? {
            image: {
              repository: image.repository,
              ...(image.tag ? { tag: image.tag } : {}),
              ...(image.digest ? { digest: image.digest } : {}),
            },
          }
        : {}),
    },
  }),
};
