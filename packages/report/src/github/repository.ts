import { GitHubContextError } from '../errors.js';

// GitHub owner: alphanumerics and single hyphens; repository: alphanumerics, `-`, `_`, `.`.
const REPOSITORY = /^(?<owner>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/(?<repo>[A-Za-z0-9._-]{1,100})$/;

export interface RepositoryName {
  readonly owner: string;
  readonly repo: string;
}

export function isRepository(value: unknown): boolean {
  return typeof value === 'string' && REPOSITORY.test(value) && !value.endsWith('/.') && !value.endsWith('/..');
}

/** Splits `owner/repo`. */
export function parseRepository(value: string, what = 'repository'): RepositoryName {
  const match = REPOSITORY.exec(value);
  if (!match?.groups || !isRepository(value)) {
    throw new GitHubContextError(
      `${what}: expected "owner/repo", got ${JSON.stringify(String(value).slice(0, 120))}; set GITHUB_REPOSITORY or pass --repository`,
    );
  }
  return { owner: match.groups.owner!, repo: match.groups.repo! };
}

export function isPullRequestNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}
