import type { IngressControllerName, IngressControllerSpec } from './controllers/controller-spec.js';
import { F5_NGINX } from './controllers/f5-nginx.js';
import { INGRESS_NGINX } from './controllers/ingress-nginx.js';
import { TRAEFIK } from './controllers/traefik.js';

export type {
  AdmissionWebhook,
  ControllerService,
  IngressControllerName,
  IngressControllerSpec,
  IngressControllerValuesOptions,
} from './controllers/controller-spec.js';

/** Every controller prload can install, by name. */
export const ingressControllers: Readonly<Record<IngressControllerName, IngressControllerSpec>> = {
  nginx: F5_NGINX,
  'ingress-nginx': INGRESS_NGINX,
  traefik: TRAEFIK,
};

/** The names, in the order the docs list them (the config schema's enum). */
export const INGRESS_CONTROLLER_NAMES = Object.keys(ingressControllers) as readonly IngressControllerName[];

export const DEFAULT_INGRESS_CONTROLLER: IngressControllerName = 'nginx';
