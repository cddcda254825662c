import { createLocalCluster, type LocalCluster } from '@prload/cluster';
import { processSource } from '@prload/resources';
import type { Config } from '../config/schema.js';
import type { Driver } from './driver.js';

/** Provider `local`: processes on this machine, a Host router standing in for the ingress. */
export function localDriver(config: Config): Driver {
  return {
    provision: (signal) =>
      createLocalCluster({
        name: config.cluster.name,
        signal,
        ...(config.cluster.ingressPort === undefined ? {} : { ingressPort: config.cluster.ingressPort }),
      }),
    async deploy(cluster, signal) {
      await (cluster as LocalCluster).deployApps(config.apps, signal);
    },
    // Each replica answers once it reports that it listens; the probe stage checks routing end to end.
    waitUntilReady: async () => {},
    // Each replica is a process, and the Host router stands in for the ingress controller.
    resources: async (cluster) => ({
      source: processSource(() => (cluster as LocalCluster).processes),
      workloads: [
        ...config.apps.map((app) => ({ name: app.name, role: 'app' as const, hosts: [app.host] })),
        { name: 'ingress', role: 'ingress' as const, hosts: [] },
      ],
    }),
  };
}
