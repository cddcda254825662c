import type { IngressControllerSpec } from './controller-spec.js';
import { CONTROL_PLANE_TOLERATIONS, INGRESS_READY } from './kind-placement.js';

/**
 * Traefik Proxy (traefik/traefik-helm-chart). Chart 41.3.0 ships Traefik v3.7.11 (appVersion).
 * Keys from traefik/values.yaml and values.schema.json at tag v41.3.0:
 * deployment.{kind,replicas}, updateStrategy.type, ports.web.hostPort and ports.websecure.hostPort
 * (the entrypoints listen on 8000/8443 in the pod; hostPort 80/443 map the node's ports onto them),
 * service.{enabled,spec.type}, nodeSelector, tolerations, ingressClass.{enabled,isDefaultClass,name},
 * providers.kubernetesIngress.{enabled,publishedService.enabled,ingressEndpoint.ip},
 * global.{checkNewVersion,sendAnonymousUsage} and image.{registry,repository,tag,digest}
 * (templates/_helpers.tpl "traefik.image-name": registry/repository, a digest wins over the tag, no
 * tag means the appVersion, which the chart also checks the tag against: it must be a version).
 * The kubernetesCRD provider stays on, as the chart has it; the chart registers no admission webhook
 * (only Traefik Hub's does).
 */
export const TRAEFIK: IngressControllerSpec = {
  name: 'traefik',
  description: 'Traefik Proxy',
  release: 'traefik',
  chart: 'oci://ghcr.io/traefik/helm/traefik',
  version: '41.3.0',
  namespace: 'traefik',
  // templates/_helpers.tpl "traefik.fullname": the release name, since it contains the chart name.
  deployment: 'traefik',
  // templates/service.yaml and _service.tpl: "traefik.service-name" of the default Service (the fullname,
  // no service.nameOverride), port ports.web.exposedPort 80 onto the pods' port named web (8000).
  service: { name: 'traefik', port: 80 },
  defaultIngressClassName: 'traefik',
  values: ({ ingressClassName, image }) => ({
    deployment: { kind: 'Deployment', replicas: 1 },
    // One node owns the hostPorts: a rolling update's surge pod could never schedule next to the old one.
    updateStrategy: { type: 'Recreate' },
    ports: { web: { hostPort: 80 }, websecure: { hostPort: 443 } },
    // Traffic from outside arrives through the hostPorts; the chart's default LoadBalancer would stay pending
    // on kind. A ClusterIP Service is how pods inside the cluster reach Traefik.
    service: { enabled: true, spec: { type: 'ClusterIP' } },
    nodeSelector: INGRESS_READY,
    tolerations: CONTROL_PLANE_TOLERATIONS,
    ingressClass: { enabled: true, isDefaultClass: false, name: ingressClassName },
    providers: {
      kubernetesIngress: {
        enabled: true,
        // Ingress status shows where the ingress answers; a ClusterIP Service has no address to copy it from.
        publishedService: { enabled: false },
        ingressEndpoint: { ip: '127.0.0.1' },
      },
    },
    // Traefik would check for new versions and may report usage over the internet; test clusters stay quiet.
    global: { checkNewVersion: false, sendAnonymousUsage: false },
    ...(image
      ? {
          image: {
            registry: image.registry ?? 'docker.io',
            repository: image.path,
            ...(image.tag ? { tag: image.tag } : {}),
            ...(image.digest ? { digest: image.digest } : {}),
          },
        }
      : {}),
  }),
};
