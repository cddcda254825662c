import type { Cluster } from './cluster.js';
import { connectExistingCluster, type ExistingClusterOptions } from './existing/connect-existing-cluster.js';
import { createKindCluster, type KindClusterOptions } from './kind/create-kind-cluster.js';
import { createKwokCluster, type KwokClusterOptions } from './kwok/create-kwok-cluster.js';

/** One Kubernetes provider's options, tagged with its name. */
export type ClusterOptions =
  | ({ readonly provider: 'kind' } & KindClusterOptions)
  | ({ readonly provider: 'kwok' } & KwokClusterOptions)
  | ({ readonly provider: 'existing' } & ExistingClusterOptions);

/**
 * Creates the cluster of `options.provider` (for `existing`: connects to it) with that provider's own function,
 * and checks nothing first (see provisionCluster). With a recording executor it records the commands a run would
 * run, which is how `prload run --dry-run` prints its plan for every provider.
 */
export function createCluster(options: ClusterOptions): Promise<Cluster> {
  switch (options.provider) {
    case 'kind':
      return createKindCluster(options);
    case 'kwok':
      return createKwokCluster(options);
    case 'existing':
      return connectExistingCluster(options);
  }
}
