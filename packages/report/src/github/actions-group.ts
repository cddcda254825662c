import { group } from '@actions/core';

/** Runs `fn` inside a collapsible log group when running in GitHub Actions. */
export function inGroup<T>(name: string, env: NodeJS.ProcessEnv, fn: () => Promise<T>): Promise<T> {
  return env.GITHUB_ACTIONS === 'true' ? group(name, fn) : fn();
}
