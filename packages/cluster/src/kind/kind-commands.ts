/** Arguments of the kind commands prload runs; every one that touches a kubeconfig names the run's own file. */

export function createClusterArgs(
  name: string,
  configPath: string,
  waitSeconds: number,
  kubeconfigPath: string,
): string[] {
  return [
    'create',
    'cluster',
    '--name',
    name,
    '--config',
    configPath,
    '--wait',
    `${waitSeconds}s`,
    '--kubeconfig',
    kubeconfigPath,
  ];
}

export function deleteClusterArgs(name: string, kubeconfigPath: string): string[] {
  return ['delete', 'cluster', '--name', name, '--kubeconfig', kubeconfigPath];
}

export function getClustersArgs(): string[] {
  return ['get', 'clusters'];
}

export function exportKubeconfigArgs(name: string, kubeconfigPath: string): string[] {
  return ['export', 'kubeconfig', '--name', name, '--kubeconfig', kubeconfigPath];
}

/** One `kind load docker-image` for all images: kind saves them in a single `docker save`. */
export function loadImagesArgs(name: string, images: readonly string[]): string[] {
  return ['load', 'docker-image', ...images, '--name', name];
}
