import { readFile } from 'node:fs/promises';
import { GitHubContextError } from '../errors.js';
import { isPullRequestNumber, isRepository } from './repository.js';

export interface GitHubContextFlags {
  readonly repository?: string;
  readonly pr?: number | string;
  readonly sha?: string;
  readonly apiUrl?: string;
}

export interface GitHubContext {
  /** `owner/repo`. */
  readonly repository?: string;
  readonly pr?: number;
  /** The tested commit: the PR head for pull_request events (GITHUB_SHA is then a merge commit). */
  readonly sha?: string;
  readonly ref?: string;
  /** REST base URL; GITHUB_API_URL on GHES. */
  readonly apiUrl: string;
  readonly serverUrl: string;
  readonly eventName?: string;
  /** The PR's head lives in another repository, so GITHUB_TOKEN is read-only. */
  readonly isFork: boolean;
  /** Link to this Actions run. */
  readonly runUrl?: string;
  /** For `workflow_run` events: the run that produced the comment artifact. */
  readonly workflowRun?: {
    readonly headSha: string;
    readonly headRepository?: string;
    readonly event?: string;
    readonly pullRequests: readonly number[];
  };
}

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (typeof value === 'object' && value !== null ? (value as Json) : {});
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Works out PR number, repository and SHA from the Actions environment (the
 * event payload at GITHUB_EVENT_PATH, GITHUB_REPOSITORY, GITHUB_SHA…), with
 * flags taking precedence.
 */
export async function resolveGitHubContext(
  env: NodeJS.ProcessEnv = process.env,
  flags: GitHubContextFlags = {},
): Promise<GitHubContext> {
  const payload = env.GITHUB_EVENT_PATH ? await readEvent(env.GITHUB_EVENT_PATH) : {};
  const eventName = str(env.GITHUB_EVENT_NAME);
  const pull = obj(payload.pull_request);
  const issue = obj(payload.issue);
  const run = obj(payload.workflow_run);

  let pr: number | undefined;
  let sha: string | undefined;
  let ref: string | undefined;
  let isFork = false;
  let workflowRun: GitHubContext['workflowRun'];
  if (isPullRequestNumber(pull.number)) {
    const head = obj(pull.head);
    const base = obj(pull.base);
    pr = pull.number;
    sha = str(head.sha);
    ref = str(head.ref);
    const headRepo = str(obj(head.repo).full_name);
    const baseRepo = str(obj(base.repo).full_name) ?? str(obj(payload.repository).full_name);
    // A deleted fork has head.repo null: still not the base repository.
    isFork = headRepo === undefined || (baseRepo !== undefined && headRepo.toLowerCase() !== baseRepo.toLowerCase());
  } else if (isPullRequestNumber(issue.number) && issue.pull_request !== undefined) {
    pr = issue.number;
  } else if (str(run.head_sha)) {
    const pulls = Array.isArray(run.pull_requests)
      ? run.pull_requests.map((p) => obj(p).number).filter(isPullRequestNumber)
      : [];
    const headRepository = str(obj(run.head_repository).full_name);
    workflowRun = {
      headSha: str(run.head_sha)!,
      ...(headRepository ? { headRepository } : {}),
      ...(str(run.event) ? { event: str(run.event)! } : {}),
      pullRequests: pulls,
    };
    sha = workflowRun.headSha;
    ref = str(run.head_branch);
    pr = pulls[0];
    const baseRepo = str(obj(payload.repository).full_name);
    isFork =
      headRepository !== undefined && baseRepo !== undefined && headRepository.toLowerCase() !== baseRepo.toLowerCase();
  }

  if (flags.pr !== undefined) {
    const value = typeof flags.pr === 'string' && /^\d+$/.test(flags.pr) ? Number(flags.pr) : flags.pr;
    if (!isPullRequestNumber(value)) {
      throw new GitHubContextError(`--pr: must be a positive integer, got ${JSON.stringify(flags.pr)}`);
    }
    pr = value;
  }
  const repository = flags.repository ?? str(env.GITHUB_REPOSITORY) ?? str(obj(payload.repository).full_name);
  if (repository !== undefined && !isRepository(repository)) {
    throw new GitHubContextError(
      `repository: expected "owner/repo", got ${JSON.stringify(repository.slice(0, 120))}; fix --repository or GITHUB_REPOSITORY`,
    );
  }
  if (flags.sha !== undefined && !/^[0-9a-f]{7,64}$/i.test(flags.sha)) {
    throw new GitHubContextError(`--sha: expected a hex commit SHA, got ${JSON.stringify(flags.sha.slice(0, 80))}`);
  }
  const serverUrl = (str(env.GITHUB_SERVER_URL) ?? 'https://github.com').replace(/\/+$/, '');
  const apiUrl = (flags.apiUrl ?? str(env.GITHUB_API_URL) ?? 'https://api.github.com').replace(/\/+$/, '');
  const finalSha = flags.sha ?? sha ?? str(env.GITHUB_SHA);
  const finalRef = ref ?? str(env.GITHUB_HEAD_REF) ?? str(env.GITHUB_REF_NAME);
  const runId = str(env.GITHUB_RUN_ID);
  return {
    ...(repository ? { repository } : {}),
    ...(pr !== undefined ? { pr } : {}),
    ...(finalSha ? { sha: finalSha } : {}),
    ...(finalRef ? { ref: finalRef } : {}),
    apiUrl,
    serverUrl,
    ...(eventName ? { eventName } : {}),
    isFork,
    ...(repository && runId ? { runUrl: `${serverUrl}/${repository}/actions/runs/${runId}` } : {}),
    ...(workflowRun ? { workflowRun } : {}),
  };
}

async function readEvent(path: string): Promise<Json> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new GitHubContextError(
      `GITHUB_EVENT_PATH ${path}: cannot read the event payload (${(cause as NodeJS.ErrnoException).code}); unset it or pass --pr and --repository`,
      { cause },
    );
  }
  try {
    return obj(JSON.parse(text));
  } catch (cause) {
    throw new GitHubContextError(`GITHUB_EVENT_PATH ${path}: not valid JSON; unset it or pass --pr and --repository`, {
      cause,
    });
  }
}
