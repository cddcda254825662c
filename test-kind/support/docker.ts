import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Names of the containers of kind cluster `name` (label io.x-k8s.kind.cluster), running or not. */
export async function nodeContainers(name?: string): Promise<string[]> {
  const filter = name ? `label=io.x-k8s.kind.cluster=${name}` : 'label=io.x-k8s.kind.cluster';
  const { stdout } = await run('docker', ['ps', '-a', '--filter', filter, '--format', '{{.Names}}']);
  return stdout.split('\n').filter((line) => line.trim() !== '');
}

/**
 * kubectl inside the cluster's control-plane node, with kubeadm's admin credentials: the test looks at the
 * cluster from outside prload, through Docker, not through anything prload wrote.
 */
export async function kubectlInNode(cluster: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run(
    'docker',
    ['exec', `${cluster}-control-plane`, 'kubectl', '--kubeconfig', '/etc/kubernetes/admin.conf', ...args],
    { maxBuffer: 32 * 1024 * 1024 },
  );
  return stdout;
}

export async function kubectlJson<T>(cluster: string, args: readonly string[]): Promise<T> {
  return JSON.parse(await kubectlInNode(cluster, [...args, '-o', 'json'])) as T;
}
