import type { IngressControllerSpec } from '../../src/ingress-controllers.js';
import type { Rendered } from './render-chart.js';

interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
}

interface ContainerPort {
  name?: string;
  containerPort: number;
}

/** What a rendered chart makes of the Service the spec names, for one toEqual per controller. */
export interface RenderedControllerService {
  readonly namespace: string | undefined;
  readonly type: string;
  /** Its selector is not empty and matches the labels of the controller Deployment's pods. */
  readonly selectsControllerPods: boolean;
  /** The Service port numbered `spec.service.port`, if any. */
  readonly port: { readonly name: string | undefined; readonly protocol: string } | undefined;
  /** The controller container port that port's targetPort reaches (by name or number), if any. */
  readonly containerPort: number | undefined;
}

/**
 * The Service `spec.service.name` in a `helm template` of the controller's chart, traced to the pods:
 * its selector against the Deployment's pod labels, its port against the containers' ports.
 */
export function renderedControllerService(rendered: Rendered, spec: IngressControllerSpec): RenderedControllerService {
  const service = rendered.byKind('Service', spec.service.name);
  const pod = rendered.byKind('Deployment', spec.deployment).spec.template;
  const podLabels: Record<string, string> = pod.metadata.labels ?? {};
  const selector = Object.entries<string>(service.spec.selector ?? {});
  const port = (service.spec.ports as ServicePort[]).find((p) => p.port === spec.service.port);
  const target = port?.targetPort ?? port?.port;
  const containerPorts: ContainerPort[] = pod.spec.containers.flatMap(
    (c: { ports?: ContainerPort[] }) => c.ports ?? [],
  );
  const reached = containerPorts.find((p) => (typeof target === 'number' ? p.containerPort : p.name) === target);
  return {
    namespace: service.metadata.namespace,
    type: service.spec.type ?? 'ClusterIP',
    selectsControllerPods: selector.length > 0 && selector.every(([key, value]) => podLabels[key] === value),
    port: port && { name: port.name, protocol: port.protocol ?? 'TCP' },
    containerPort: reached?.containerPort,
  };
}
