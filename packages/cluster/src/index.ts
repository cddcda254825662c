export type { Cluster, ProviderName } from './cluster.js';
export { ClusterError } from './errors.js';
export { startEchoServer, HEALTH_PATH } from './local/echo-server.js';
export type { EchoServer, EchoServerOptions } from './local/echo-server.js';
export { startHostRouter } from './local/host-router.js';
export type { HostRouter, HostRouterOptions } from './local/host-router.js';
export { createLocalCluster } from './local/local-cluster.js';
export type { DeployedLocalApp, LocalApp, LocalCluster, LocalClusterOptions } from './local/local-cluster.js';
export { LocalClusterError } from './local/errors.js';
