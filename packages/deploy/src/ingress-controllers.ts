/** The ingress controllers prload can install, each configured for kind's port mappings. */
export type IngressControllerName = 'nginx' | 'ingress-nginx';

/** A validating admission webhook the controller registers; Ingresses fail to apply until its Service has endpoints. */
export interface AdmissionWebhook {
  /** The webhook entry's name inside its ValidatingWebhookConfiguration. */
  readonly webhookName: string;
  readonly namespace: string;
  /** The Service the API server calls; wait for its endpoints before applying Ingresses. */
  readonly service: string;
  readonly port: number;
}

export interface IngressControllerValuesOptions {
  /** IngressClass the controller creates and serves. */
  readonly ingressClassName: string;
}

export interface IngressControllerSpec {
  readonly name: IngressControllerName;
  readonly description: string;
  readonly release: string;
  /** Chart reference as helm takes it: an `oci://` URL, or a name inside `repo`. */
  readonly chart: string;
  /** Classic chart repository URL (`--repo`); absent for OCI charts. */
  readonly repo?: string;
  /** Pinned chart version (`--version`). */
  readonly version: string;
  readonly namespace: string;
  /** The controller's Deployment, for readiness waits. */
  readonly deployment: string;
  values(options: IngressControllerValuesOptions): Record<string, unknown>;
  readonly admissionWebhook?: AdmissionWebhook;
}

/** kind taints the control plane; the controller must run there, where ports 80/443 are mapped. */
const CONTROL_PLANE_TOLERATIONS = [
  { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
];
/** Set by prload's kind config (kubeadm node-labels patch) on the node that owns the port mappings. */
const INGRESS_READY = { 'ingress-ready': 'true' };

/**
 * F5 NGINX Ingress Controller (nginx/kubernetes-ingress), the default.
 * Keys from charts/nginx-ingress/values.yaml in github.com/nginx/kubernetes-ingress:
 * controller.hostPort.{enable,http,https}, controller.service.type, controller.ingressClass.{name,create},
 * controller.nodeSelector, controller.tolerations, controller.strategy, controller.telemetryReporting.enable,
 * controller.reportIngressStatus.enable and the ConfigMap entry external-status-address
 * (controller.config.entries). Chart 2.5.1 is on Artifact Hub (nginx-ingress-chart/nginx-ingress, 2026-03-26).
 * It registers no admission webhook.
 */
const F5_NGINX: IngressControllerSpec = {
  name: 'nginx',
  description: 'F5 NGINX Ingress Controller',
  release: 'nginx-ingress',
  chart: 'oci://ghcr.io/nginx/charts/nginx-ingress',
  version: '2.5.1',
  namespace: 'nginx-ingress',
  // "<fullname>-<controller.name>"; fullname is the release name when it contains the chart name.
  deployment: 'nginx-ingress-controller',
  values: ({ ingressClassName }) => ({
    controller: {
      kind: 'deployment',
      replicaCount: 1,
      hostPort: { enable: true, http: 80, https: 443 },
      // Traffic arrives through the hostPorts; a LoadBalancer Service would stay pending on kind.
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
    },
  }),
};

/**
 * Community ingress-nginx (kubernetes/ingress-nginx), retired in March 2026: still installable, no more fixes.
 * Keys from charts/ingress-nginx/values.yaml in github.com/kubernetes/ingress-nginx:
 * controller.hostPort.{enabled,ports}, controller.service.type, controller.ingressClassResource.*,
 * controller.ingressClass, controller.nodeSelector, controller.tolerations, controller.updateStrategy,
 * controller.publishService.enabled, controller.extraArgs and controller.admissionWebhooks.enabled; the
 * same settings as kind's own ingress-nginx manifest (deploy/static/provider/kind). Chart 4.14.1 ships
 * controller v1.14.1.
 */
const INGRESS_NGINX: IngressControllerSpec = {
  name: 'ingress-nginx',
  description: 'ingress-nginx (community, retired March 2026)',
  release: 'ingress-nginx',
  chart: 'ingress-nginx',
  repo: 'https://kubernetes.github.io/ingress-nginx',
  version: '4.14.1',
  namespace: 'ingress-nginx',
  deployment: 'ingress-nginx-controller',
  values: ({ ingressClassName }) => ({
    controller: {
      kind: 'Deployment',
      replicaCount: 1,
      hostPort: { enabled: true, ports: { http: 80, https: 443 } },
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

export const ingressControllers: Readonly<Record<IngressControllerName, IngressControllerSpec>> = {
  nginx: F5_NGINX,
  'ingress-nginx': INGRESS_NGINX,
};

export const DEFAULT_INGRESS_CONTROLLER: IngressControllerName = 'nginx';
