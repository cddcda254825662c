import { checkPrerequisites, type Executor } from '@prload/cluster';

/**
 * Asks Docker for its host's cgroup version the way a run does (checkPrerequisites' docker
 * check): true on cgroup v1, false on v2, undefined when Docker does not answer.
 */
export async function dockerCgroupV1(options: {
  readonly executor: Executor;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly signal: AbortSignal;
}): Promise<boolean | undefined> {
  try {
    const found = await checkPrerequisites({ provider: 'kind', requirements: ['docker'], ...options });
    return found.dockerCgroupVersion === 1;
  } catch {
    return undefined;
  }
}
