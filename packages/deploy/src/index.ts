export { appChartSource, PUBLISHED_CHART } from './app-chart.js';
export type { AppSpec } from './app-values.js';
export { appValues, echoImageValues } from './app-values.js';
export { defaultChartPath } from './chart-path.js';
export type { ChartSource } from './chart-source.js';
export { chartReferenceProblem, controllerChartSource } from './chart-source.js';
export type { DeployAppsOptions, DeployedApps } from './deploy-apps.js';
export { deployApps } from './deploy-apps.js';
export type { ClusterDeployment, ClusterDeploymentOptions, DeployToClusterOptions } from './deploy-to-cluster.js';
export { deployToCluster, planClusterDeployment } from './deploy-to-cluster.js';
export type { DeployErrorCode } from './errors.js';
export {
  ChartNotFoundError,
  DeployConfigError,
  DeployError,
  HelmError,
  HelmReleasesError,
  ImageReferenceError,
} from './errors.js';
export { waitFlags } from './helm-flags.js';
export type { DetectHelmVersionOptions, HelmMajor, HelmVersion } from './helm-version.js';
export { detectHelmVersion } from './helm-version.js';
export type { ImageReference } from './image-reference.js';
export { imageReferenceProblem, parseImageReference } from './image-reference.js';
export type { InClusterController } from './in-cluster-url.js';
export { inClusterUrl } from './in-cluster-url.js';
export type { AdmissionWebhook, ControllerService, IngressControllerName } from './ingress-controllers.js';
export { DEFAULT_INGRESS_CONTROLLER, INGRESS_CONTROLLER_NAMES, ingressControllers } from './ingress-controllers.js';
export type { InstalledIngressController, InstallIngressControllerOptions } from './install-ingress-controller.js';
export { installIngressController } from './install-ingress-controller.js';
export type { DeploymentPlan, PlanDeploymentOptions, PlannedController, PlannedRelease } from './plan-deployment.js';
export { planDeployment } from './plan-deployment.js';
