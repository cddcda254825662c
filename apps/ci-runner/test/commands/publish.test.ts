import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { startFakeGitHub } from '../helpers/fake-github.js';
import { runCli, tempDir } from '../helpers/run-cli.js';

const TOKEN = 'ghs_0123456789abcdefSECRET';
const SHA = '0123456789abcdef0123456789abcdef01234567';
let github: Awaited<ReturnType<typeof startFakeGitHub>>;
let dir: string;

beforeEach(async () => {
  github = await startFakeGitHub('acme/app', SHA);
  dir = await tempDir();
  // @actions/core writes the job summary to the file named in the real process environment.
  vi.stubEnv('GITHUB_STEP_SUMMARY', join(dir, 'summary.md'));
  await writeFile(join(dir, 'summary.md'), '');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await github.close();
});

async function actionsEnv(headRepository: string) {
  const event = join(dir, 'event.json');
  await writeFile(
    event,
    JSON.stringify({
      pull_request: {
        number: 7,
        head: { sha: SHA, ref: 'feature/x', repo: { full_name: headRepository } },
        base: { ref: 'main', repo: { full_name: 'acme/app' } },
      },
      repository: { full_name: 'acme/app' },
    }),
  );
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_TOKEN: TOKEN,
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_SHA: SHA,
    GITHUB_RUN_ID: '99',
    GITHUB_API_URL: github.url,
  };
}

const RUN = ['run', '--provider', 'local', '--duration', '1s', '--rate', '20', '--max-send-lag', '1s'];

test('inside Actions on a PR, prload run writes the job summary and keeps one sticky comment', async () => {
  const env = await actionsEnv('acme/app');
  const first = await runCli([...RUN, '--out', join(dir, 'a')], { env });
  expect(first.exitCode).toBe(0);
  expect(first.stderr).toMatch(/PR #7: comment created/);
  const second = await runCli([...RUN, '--out', join(dir, 'b')], { env });
  expect(second.exitCode).toBe(0);
  expect(second.stderr).toMatch(/PR #7: comment updated/);

  // Re-runs never post duplicates.
  expect(github.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  expect(github.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  expect(github.comments.get(7)).toHaveLength(1);
  expect(github.comments.get(7)![0]!.body).toMatch(/foo\.localhost/);
  expect(github.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);

  const summary = await readFile(join(dir, 'summary.md'), 'utf8');
  expect(summary).toMatch(/prload: passed/);
  // The branch name is in the report, and the token never is, nor in the logs.
  expect(JSON.parse(await readFile(join(dir, 'b', 'prload-report.json'), 'utf8')).run.git).toMatchObject({
    pr: 7,
    ref: 'feature/x',
    sha: SHA,
  });
  for (const text of [first.stderr, first.stdout, second.stderr, summary, github.comments.get(7)![0]!.body]) {
    expect(text).not.toContain(TOKEN);
  }
});

test('a fork PR saves the comment for the workflow_run workflow, which publishes it', async () => {
  const out = join(dir, 'fork');
  const run = await runCli([...RUN, '--out', out], { env: await actionsEnv('someone/app') });
  expect(run.exitCode).toBe(0);
  expect(run.stderr).toMatch(/a fork PR gets a read-only token; comment saved to/);
  expect(github.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  expect((await readdir(join(out, 'pr-comment'))).length).toBeGreaterThan(0);

  // The companion workflow runs on the default branch with a write token.
  const event = join(dir, 'workflow-run.json');
  await writeFile(
    event,
    JSON.stringify({
      workflow_run: {
        head_sha: SHA,
        event: 'pull_request',
        head_repository: { full_name: 'someone/app' },
        pull_requests: [],
      },
      repository: { full_name: 'acme/app' },
    }),
  );
  const publish = await runCli(['report', 'publish', '--from-artifact', join(out, 'pr-comment')], {
    env: {
      GITHUB_ACTIONS: 'true',
      GITHUB_TOKEN: TOKEN,
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_EVENT_NAME: 'workflow_run',
      GITHUB_EVENT_PATH: event,
      GITHUB_API_URL: github.url,
    },
  });
  expect(publish.stderr).toMatch(/PR #7: comment created/);
  expect(publish.exitCode).toBe(0);
  expect(github.comments.get(7)).toHaveLength(1);
  expect(publish.stderr).not.toContain(TOKEN);
});

test('report publish outside Actions takes the repository, PR and commit from flags', async () => {
  const out = join(dir, 'local');
  expect((await runCli([...RUN, '--out', out])).exitCode).toBe(0);
  const run = await runCli(
    ['report', 'publish', '--in', join(out, 'prload-report.json'), '--repo', 'acme/app', '--pr', '7', '--sha', SHA],
    { env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url } },
  );
  expect(run.stderr).toMatch(/PR #7: comment created/);
  expect(run.exitCode).toBe(0);
  // No ::add-mask:: or anything else carrying the token on stdout.
  expect(run.stdout).not.toContain(TOKEN);
});

test('report publish --from-artifact refuses an artifact it cannot check against a commit', async () => {
  const run = await runCli(['report', 'publish', '--from-artifact', dir, '--repo', 'acme/app'], {
    env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url },
  });
  expect(run.exitCode).toBe(2);
  expect(run.stderr.trim()).toBe(
    'prload: --from-artifact: run it from a workflow_run workflow, or pass --sha with the commit the artifact must be for',
  );
  expect(github.requests).toEqual([]);
});

test('a broken event file fails publishing, not the verdict, after the results are written', async () => {
  const env = { ...(await actionsEnv('acme/app')), GITHUB_EVENT_PATH: join(dir, 'missing.json') };
  const out = join(dir, 'broken');
  const run = await runCli([...RUN, '--out', out], { env });
  expect(run.stderr).toMatch(/prload: publish: /);
  expect(run.exitCode).toBe(1);
  await expect(readFile(join(out, 'prload-report.json'), 'utf8')).resolves.toContain('"verdict": "passed"');
});
