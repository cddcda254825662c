import { Component, github, type javascript, YamlFile } from 'projen';
import type { IResolver } from 'projen/lib/file';
import { type Job, JobPermission, type JobStep } from 'projen/lib/github/workflows-model';
import { TOOL_PINS } from '../packages/cluster/src/tools/tool-pins';
import { deleteClustersStep, imageCacheSteps, installToolsStep, TOOL_ENV } from './load-test-steps';
import { ACTIONS, annotatePins, escapeRegExp, uses } from './pinned-actions';

export interface WorkflowsOptions {
  /** Node.js majors CI builds and tests on. */
  readonly nodeVersions: readonly string[];
  /** Node.js major the load tests and the action run on. */
  readonly loadTestNodeVersion: string;
}

/** Names other files refer to: the companion triggers on the PR workflow's name, PRs download the baseline by file. */
const PR_LOAD_TEST = 'pr-load-test';
const BASELINE_FILE = 'load-test-baseline.yml';
const BASELINE_ARTIFACT = 'prload-baseline';
const COMMENT_ARTIFACT = 'pr-comment';
const PRLOAD = 'node apps/ci-runner/dist/bin/prload.js';
/** The action's CLI: the bundle of scripts/bundle-action.mjs, prebuilt in release tags. */
const BUNDLE = 'dist/action/bin/prload.js';

/**
 * The GitHub Actions side of prload: CI, the pull-request load test, its
 * baseline on main, the workflow_run companion that comments on fork PRs, and
 * the composite action (action.yml) other repositories use.
 */
export class Workflows extends Component {
  constructor(project: javascript.NodeProject, options: WorkflowsOptions) {
    super(project);
    const gh = project.github;
    if (!gh) throw new Error('Workflows: the project needs `github: true`');
    const root = project.outdir;

    ciWorkflow(gh, options.nodeVersions);

    const pr = workflow(
      gh,
      PR_LOAD_TEST,
      `${PR_LOAD_TEST}.yml`,
      // One run per PR: a new push cancels the run of the superseded commit.
      { group: `${PR_LOAD_TEST}-\${{ github.event.pull_request.number }}`, cancelInProgress: true },
      {
        'actions: read': `download main's ${BASELINE_ARTIFACT} artifact`,
        'pull-requests: write': 'prload posts and updates the sticky comment (read-only on fork PRs)',
      },
    );
    pr.on({ pullRequest: {} });
    pr.addJob('load-test', loadTestJob(root, options.loadTestNodeVersion, 'pull-request'));

    const baseline = workflow(gh, 'load-test-baseline', BASELINE_FILE, {
      group: 'load-test-baseline',
      cancelInProgress: true,
    });
    baseline.on({ push: { branches: ['main'] } });
    baseline.addJob('load-test', loadTestJob(root, options.loadTestNodeVersion, 'baseline'));

    commentWorkflow(gh, options.loadTestNodeVersion);
    releaseWorkflow(gh, options.loadTestNodeVersion);
    new ActionFile(project, options.loadTestNodeVersion);
  }
}

/**
 * A workflow whose jobs get no token scope they do not ask for
 * (`permissions: {}` at the top) and whose pinned `uses:` lines carry their
 * release as a comment.
 */
function workflow(
  gh: github.GitHub,
  name: string,
  fileName: string,
  concurrency: github.ConcurrencyOptions,
  lineComments: Readonly<Record<string, string>> = {},
): github.GithubWorkflow {
  const wf = new github.GithubWorkflow(gh, name, { fileName, limitConcurrency: true, concurrencyOptions: concurrency });
  const file = wf.file;
  if (!file) throw new Error(`${fileName}: workflows are disabled on the GitHub component`);
  // GithubWorkflow creates its YamlFile itself, so both are added to its output; an
  // override could not add `permissions: {}`, as projen drops empty objects.
  const target = file as unknown as { synthesizeContent(resolver: IResolver): string | undefined };
  const render = target.synthesizeContent.bind(file);
  target.synthesizeContent = (resolver) => {
    const yaml = render(resolver);
    if (yaml === undefined) return undefined;
    return commentLines(annotatePins(yaml.replace(/^jobs:$/m, 'permissions: {}\njobs:')), lineComments);
  };
  return wf;
}

/**
 * Appends `# <comment>` to every line whose content (without indentation) is
 * exactly a key of `comments`: why a permission is granted, and the
 * justification next to a zizmor ignore.
 */
function commentLines(yaml: string, comments: Readonly<Record<string, string>>): string {
  let out = yaml;
  for (const [line, comment] of Object.entries(comments)) {
    const pattern = new RegExp(`^(\\s*${escapeRegExp(line)})$`, 'gm');
    if (!pattern.test(out)) throw new Error(`commentLines: no line "${line}" to comment`);
    out = out.replace(pattern, `$1 # ${comment}`);
  }
  return out;
}

function checkoutStep(options: { fetchDepth?: number; name?: string } = {}): JobStep {
  return {
    id: 'checkout',
    name: options.name ?? 'Check out',
    uses: uses(ACTIONS.checkout),
    // The token is not left in .git/config, where later steps (and uploaded artifacts) could read it.
    with: {
      'persist-credentials': false,
      ...(options.fetchDepth === undefined ? {} : { 'fetch-depth': options.fetchDepth }),
    },
  };
}

function setupNodeStep(nodeVersion: string, cache: boolean): JobStep {
  return {
    id: 'setup-node',
    name: `Set up Node.js ${nodeVersion}`,
    uses: uses(ACTIONS.setupNode),
    with: { 'node-version': nodeVersion, ...(cache ? { cache: 'npm' } : {}) },
  };
}

const BUILD_STEP: JobStep = {
  id: 'build',
  name: 'npm ci && npm run build',
  run: 'npm ci --no-audit --no-fund && npm run build',
};

/** Lint, build and test what a change affects, on every supported Node.js major, plus the projen drift check. */
function ciWorkflow(gh: github.GitHub, nodeVersions: readonly string[]): void {
  const ci = workflow(
    gh,
    'ci',
    'ci.yml',
    { group: 'ci-${{ github.event.pull_request.number || github.ref }}', cancelInProgress: true },
    { 'actions: read': 'nx-set-shas looks up the last successful run on main' },
  );
  ci.on({ pullRequest: {}, push: { branches: ['main'] } });
  ci.addJob('build', {
    name: 'lint, build, test (Node.js ${{ matrix.node }})',
    runsOn: ['ubuntu-latest'],
    permissions: { contents: JobPermission.READ, actions: JobPermission.READ },
    strategy: { failFast: false, matrix: { domain: { node: [...nodeVersions] } } },
    timeoutMinutes: 30,
    env: {
      NX_NO_CLOUD: 'true',
      // The HTML report tests render in a real browser; the runner image ships Google Chrome.
      PRLOAD_CHROMIUM: '/usr/bin/google-chrome',
    },
    steps: [
      // Nx needs the history to find the base commit.
      checkoutStep({ fetchDepth: 0 }),
      { ...setupNodeStep('${{ matrix.node }}', true), name: 'Set up Node.js ${{ matrix.node }}' },
      { id: 'install', name: 'npm ci', run: 'npm ci --no-audit --no-fund' },
      {
        id: 'projen-drift',
        name: 'projen leaves no diff',
        shell: 'bash',
        run: [
          'set -euo pipefail',
          'npx projen',
          'git diff --exit-code',
          'untracked=$(git ls-files --others --exclude-standard)',
          'if [ -n "$untracked" ]; then',
          '  echo "::error::npx projen generated files that are not committed; run npx projen and commit them:"',
          '  echo "$untracked"',
          '  exit 1',
          'fi',
          '',
        ].join('\n'),
      },
      {
        id: 'nx-shas',
        name: 'Base and head commits for nx affected',
        uses: uses(ACTIONS.nxSetShas),
        with: { 'main-branch-name': 'main' },
      },
      {
        id: 'nx-cache',
        name: 'Nx cache',
        uses: uses(ACTIONS.cache),
        with: {
          path: '.nx/cache',
          key: 'nx-${{ runner.os }}-node${{ matrix.node }}-${{ github.sha }}',
          'restore-keys': 'nx-${{ runner.os }}-node${{ matrix.node }}-',
        },
      },
      {
        id: 'affected',
        name: 'nx affected -t lint build test',
        run: 'npx nx affected -t lint build test --base="$NX_BASE" --head="$NX_HEAD" --output-style=stream',
      },
      {
        // Whatever changed: the packed packages installed into a fresh project, the action's bundle and every README
        // example, on each Node.js version of the matrix (the bundle targets the oldest).
        id: 'dist',
        name: 'the packages as installed, the action bundle, README examples',
        run: 'npx nx run-many -t build --output-style=stream && npm run test:dist',
      },
    ],
  });
}

type LoadTestKind = 'pull-request' | 'baseline';

/**
 * The whole pipeline on a kind cluster. On a pull request it compares with
 * main's latest baseline and the CLI posts the sticky comment (or, on a fork
 * PR, leaves it for the companion workflow); on main it records the baseline.
 */
function loadTestJob(root: string, nodeVersion: string, kind: LoadTestKind): Job {
  const pr = kind === 'pull-request';
  const steps: JobStep[] = [
    checkoutStep(),
    setupNodeStep(nodeVersion, true),
    installToolsStep(),
    ...imageCacheSteps(root),
    BUILD_STEP,
  ];
  if (pr) {
    steps.push({
      id: 'baseline',
      name: `Download main's latest ${BASELINE_ARTIFACT}`,
      // No baseline yet, or it expired: the run goes on without a comparison.
      continueOnError: true,
      shell: 'bash',
      env: { GH_TOKEN: '${{ github.token }}' },
      run: [
        'set -euo pipefail',
        // --event push: a PR cannot pass off a run of its own edited workflow as main's baseline.
        `run_id=$(gh run list --repo "$GITHUB_REPOSITORY" --workflow ${BASELINE_FILE} --branch main --event push --status success --limit 1 --json databaseId --jq '.[0].databaseId // empty')`,
        'if [ -z "$run_id" ]; then',
        '  echo "No successful baseline run on main yet; this run is not compared."',
        '  exit 0',
        'fi',
        'dir="$RUNNER_TEMP/prload-baseline"',
        `gh run download "$run_id" --repo "$GITHUB_REPOSITORY" --name ${BASELINE_ARTIFACT} --dir "$dir"`,
        'echo "file=$dir/prload-report.json" >> "$GITHUB_OUTPUT"',
        '',
      ].join('\n'),
    });
  }
  steps.push({
    id: 'prload',
    name: `prload run --provider kind${pr ? '' : ' --no-comment'}`,
    shell: 'bash',
    env: {
      ...TOOL_ENV,
      ...(pr ? { GITHUB_TOKEN: '${{ github.token }}', BASELINE: '${{ steps.baseline.outputs.file }}' } : {}),
    },
    run: [
      'set -uo pipefail',
      `args=(run --provider kind --out prload-results${pr ? '' : ' --no-comment'})`,
      ...(pr ? ['if [ -n "${BASELINE:-}" ]; then args+=(--baseline "$BASELINE"); fi'] : []),
      'code=0',
      `${PRLOAD} "\${args[@]}" || code=$?`,
      'echo "exit-code=$code" >> "$GITHUB_OUTPUT"',
      'exit "$code"',
      '',
    ].join('\n'),
  });
  steps.push({
    id: 'upload-results',
    name: 'Upload prload-results',
    if: 'always()',
    uses: uses(ACTIONS.uploadArtifact),
    with: { name: 'prload-results', path: 'prload-results/', 'if-no-files-found': 'warn' },
  });
  if (pr) {
    steps.push({
      id: 'upload-comment',
      name: `Upload the comment for fork PRs (${COMMENT_ARTIFACT})`,
      if: 'always()',
      uses: uses(ACTIONS.uploadArtifact),
      with: { name: COMMENT_ARTIFACT, path: `prload-results/${COMMENT_ARTIFACT}/`, 'if-no-files-found': 'ignore' },
    });
  } else {
    steps.push({
      id: 'upload-baseline',
      name: `Upload ${BASELINE_ARTIFACT}`,
      // Only a passing run of main becomes what pull requests are compared with.
      uses: uses(ACTIONS.uploadArtifact),
      with: {
        name: BASELINE_ARTIFACT,
        path: 'prload-results/prload-report.json',
        'if-no-files-found': 'error',
        'retention-days': 90,
      },
    });
  }
  steps.push(deleteClustersStep());

  return {
    name: pr ? 'load test (kind)' : 'baseline load test (kind)',
    runsOn: ['ubuntu-latest'],
    permissions: pr
      ? { contents: JobPermission.READ, actions: JobPermission.READ, pullRequests: JobPermission.WRITE }
      : { contents: JobPermission.READ },
    timeoutMinutes: 30,
    env: { NX_NO_CLOUD: 'true' },
    steps,
  };
}

/**
 * Fork PRs get a read-only token, so their run saves the comment as the
 * `pr-comment` artifact and this workflow, running in the base repository
 * with trusted code from the default branch, posts it. The artifact is data:
 * prload checks that it names this repository and the commit the run tested.
 */
function commentWorkflow(gh: github.GitHub, nodeVersion: string): void {
  const wf = workflow(
    gh,
    `${PR_LOAD_TEST}-comment`,
    `${PR_LOAD_TEST}-comment.yml`,
    { group: `${PR_LOAD_TEST}-comment-\${{ github.event.workflow_run.id }}`, cancelInProgress: false },
    {
      // GitHub Security Lab's answer to "pwn requests": the unprivileged run leaves data, this
      // trusted one acts on it. zizmor flags the trigger itself; what it guards against is
      // running the PR's code or feeding its data to GITHUB_ENV, and this workflow does neither.
      'workflow_run:':
        'zizmor: ignore[dangerous-triggers] -- runs only default-branch code; the PR artifact is validated data, never executed',
      'actions: read': 'download the pr-comment artifact of the triggering run',
      'pull-requests: write': 'post the comment the fork PR run could not',
    },
  );
  wf.on({ workflowRun: { workflows: [PR_LOAD_TEST], types: ['completed'] } });
  wf.addJob('comment', {
    name: 'comment on the fork PR',
    // Same-repository PRs comment from the run itself.
    if: "github.event.workflow_run.event == 'pull_request' && github.event.workflow_run.head_repository.full_name != github.repository",
    runsOn: ['ubuntu-latest'],
    permissions: { contents: JobPermission.READ, actions: JobPermission.READ, pullRequests: JobPermission.WRITE },
    timeoutMinutes: 15,
    env: { NX_NO_CLOUD: 'true' },
    steps: [
      // workflow_run checks out the default branch: the PR's code never runs here.
      checkoutStep({ name: 'Check out the default branch (trusted code)' }),
      // No dependency cache: nothing a PR run wrote may feed this privileged job.
      setupNodeStep(nodeVersion, false),
      BUILD_STEP,
      {
        id: 'download',
        name: `Download ${COMMENT_ARTIFACT} of the PR run`,
        // A run that failed before writing its report leaves no comment to post.
        continueOnError: true,
        uses: uses(ACTIONS.downloadArtifact),
        with: {
          name: COMMENT_ARTIFACT,
          path: `\${{ runner.temp }}/${COMMENT_ARTIFACT}`,
          'run-id': '${{ github.event.workflow_run.id }}',
          'github-token': '${{ github.token }}',
        },
      },
      {
        id: 'publish',
        name: `prload report publish --from-artifact`,
        if: "steps.download.outcome == 'success'",
        env: { GITHUB_TOKEN: '${{ github.token }}' },
        run: `${PRLOAD} report publish --from-artifact "$RUNNER_TEMP/${COMMENT_ARTIFACT}"`,
      },
    ],
  });
}

/**
 * The version a `v1.2.3` tag releases, as step outputs: `version` (1.2.3),
 * `major` (1) and `owner` (the repository owner in lower case, as GHCR
 * references must be).
 */
const VERSION_STEP: JobStep = {
  id: 'version',
  name: 'Version from the tag',
  shell: 'bash',
  env: { TAG: '${{ github.ref_name }}', OWNER: '${{ github.repository_owner }}' },
  run: [
    'set -euo pipefail',
    'version="${TAG#v}"',
    '{',
    '  echo "version=$version"',
    '  echo "major=${version%%.*}"',
    '  echo "owner=${OWNER,,}"',
    '} >> "$GITHUB_OUTPUT"',
    '',
  ].join('\n'),
};

/** helm for the runner (linux-amd64), from TOOL_PINS like the load tests' tools, checked against its pinned SHA-256. */
function installHelmStep(): JobStep {
  const pin = TOOL_PINS.helm;
  const asset = pin.assets['linux-amd64'];
  if (!asset?.archivePath) throw new Error('tool-pins.ts: the release workflow needs the linux-amd64 helm archive');
  return {
    id: 'helm',
    name: `Install helm ${pin.version} (SHA-256 verified)`,
    shell: 'bash',
    run: [
      'set -euo pipefail',
      'dir="$RUNNER_TEMP/prload-tools"',
      'mkdir -p "$dir/download"',
      'cd "$dir/download"',
      `curl --fail --silent --show-error --location --retry 3 --output helm.tar.gz ${asset.url}`,
      `echo "${asset.sha256}  helm.tar.gz" | sha256sum --check --strict`,
      `tar -xzf helm.tar.gz --strip-components=${asset.archivePath.split('/').length - 1} ${asset.archivePath}`,
      'install -m 0755 helm "$dir/helm"',
      'rm -rf "$dir/download"',
      'echo "$dir" >> "$GITHUB_PATH"',
      '"$dir/helm" version --short',
      '',
    ].join('\n'),
  };
}

/**
 * On a version tag: the @prload/* packages to npm with provenance, the
 * http-echo chart and the multi-arch prload image to GHCR, then the moving
 * major tag (`v1`, what `uses: <owner>/prload@v1` resolves) and the release
 * notes, only once all three published. scripts/check-release.sh tests
 * everything up to the publishing calls.
 */
function releaseWorkflow(gh: github.GitHub, nodeVersion: string): void {
  const wf = workflow(
    gh,
    'release',
    'release.yml',
    // Never cancel a release half-way: a second push of the same tag waits.
    { group: 'release-${{ github.ref }}', cancelInProgress: false },
    {
      'id-token: write': "npm provenance: the package is signed with this run's OIDC identity",
      'packages: write': 'push to GHCR',
      'contents: write': 'move the major tag / create the release',
    },
  );
  // Not the v<version>-action tags the action job pushes (GITHUB_TOKEN pushes start no run anyway; this says so).
  wf.on({ push: { tags: ['v*.*.*', '!v*.*.*-action'] } });

  wf.addJob('npm', {
    name: 'publish @prload/* to npm (provenance)',
    runsOn: ['ubuntu-latest'],
    permissions: { contents: JobPermission.READ, idToken: JobPermission.WRITE },
    timeoutMinutes: 20,
    env: { NX_NO_CLOUD: 'true' },
    steps: [
      checkoutStep(),
      // No dependency cache: nothing another run wrote may feed a job that holds the npm token. v4 caches only
      // when `cache` is set; `package-manager-cache: false` is v5's switch for its automatic cache, stated now
      // so a bump keeps it off (zizmor's cache-poisoning audit asks for it; v4 warns of an unknown input).
      {
        ...setupNodeStep(nodeVersion, false),
        with: {
          'node-version': nodeVersion,
          'registry-url': 'https://registry.npmjs.org',
          'package-manager-cache': false,
        },
      },
      VERSION_STEP,
      {
        id: 'check-versions',
        name: "Every package has the tag's version",
        shell: 'bash',
        env: { VERSION: '${{ steps.version.outputs.version }}' },
        run: [
          'set -euo pipefail',
          `npm pkg get version --workspaces --json | node -e 'const v = JSON.parse(require("fs").readFileSync(0, "utf8")); const bad = Object.entries(v).filter(([, x]) => x !== process.env.VERSION); if (bad.length) { console.error("::error::not at " + process.env.VERSION + ": " + bad.map(([n, x]) => n + "@" + x).join(", ")); process.exit(1); }'`,
          '',
        ].join('\n'),
      },
      BUILD_STEP,
      {
        id: 'publish',
        name: 'npm publish --workspaces --provenance',
        env: { NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}' },
        run: 'npm publish --workspaces --provenance --access public',
      },
    ],
  });

  wf.addJob('chart', {
    name: 'push the http-echo chart to GHCR (OCI)',
    runsOn: ['ubuntu-latest'],
    permissions: { contents: JobPermission.READ, packages: JobPermission.WRITE },
    timeoutMinutes: 10,
    steps: [
      checkoutStep(),
      installHelmStep(),
      VERSION_STEP,
      {
        id: 'push',
        name: 'helm package && helm push',
        shell: 'bash',
        env: {
          GITHUB_TOKEN: '${{ github.token }}',
          VERSION: '${{ steps.version.outputs.version }}',
          OWNER: '${{ steps.version.outputs.owner }}',
        },
        run: [
          'set -euo pipefail',
          'printf \'%s\' "$GITHUB_TOKEN" | helm registry login ghcr.io --username "$GITHUB_ACTOR" --password-stdin',
          'out="$RUNNER_TEMP/charts"',
          'helm package charts/http-echo --version "$VERSION" --app-version "$VERSION" --destination "$out"',
          'helm push "$out/http-echo-$VERSION.tgz" "oci://ghcr.io/$OWNER/charts"',
          'helm registry logout ghcr.io',
          '',
        ].join('\n'),
      },
    ],
  });

  wf.addJob('image', {
    name: 'push the prload image to GHCR (linux/amd64, linux/arm64)',
    runsOn: ['ubuntu-latest'],
    permissions: { contents: JobPermission.READ, packages: JobPermission.WRITE },
    timeoutMinutes: 45,
    steps: [
      checkoutStep(),
      VERSION_STEP,
      { id: 'qemu', name: 'Set up QEMU (arm64 on an amd64 runner)', uses: uses(ACTIONS.setupQemu) },
      { id: 'buildx', name: 'Set up Docker Buildx', uses: uses(ACTIONS.setupBuildx) },
      {
        id: 'login',
        name: 'Log in to ghcr.io',
        uses: uses(ACTIONS.dockerLogin),
        with: { registry: 'ghcr.io', username: '${{ github.actor }}', password: '${{ github.token }}' },
      },
      {
        id: 'build-push',
        name: 'docker buildx build --push',
        uses: uses(ACTIONS.buildPush),
        // No build cache: a release image is built from nothing another run left behind.
        with: {
          context: '.',
          platforms: 'linux/amd64,linux/arm64',
          push: true,
          tags: [
            'ghcr.io/${{ steps.version.outputs.owner }}/prload:${{ steps.version.outputs.version }}',
            'ghcr.io/${{ steps.version.outputs.owner }}/prload:${{ steps.version.outputs.major }}',
          ].join('\n'),
          'build-args': ['VERSION=${{ steps.version.outputs.version }}', 'REVISION=${{ github.sha }}'].join('\n'),
          provenance: 'mode=max',
          sbom: true,
        },
      },
    ],
  });

  const published = ['npm', 'chart', 'image'];
  // The action's tags point at a commit of their own: the tag's tree plus dist/action, the prebuilt bundle, so
  // `uses: prload/prload@v1` starts without installing anything (action.yml runs the bundle when it is there).
  wf.addJob('action', {
    name: 'publish the bundled action: v<major> and v<version>-action',
    needs: published,
    runsOn: ['ubuntu-latest'],
    permissions: { contents: JobPermission.WRITE },
    timeoutMinutes: 15,
    outputs: { sha: { stepId: 'tag', outputName: 'sha' } },
    env: { NX_NO_CLOUD: 'true' },
    steps: [
      checkoutStep(),
      {
        ...setupNodeStep(nodeVersion, false),
        with: { 'node-version': nodeVersion, 'package-manager-cache': false },
      },
      VERSION_STEP,
      { ...BUILD_STEP, name: 'npm ci && npm run bundle', run: 'npm ci --no-audit --no-fund && npm run bundle' },
      {
        id: 'tag',
        name: 'commit dist/action, tag it, push the tags',
        shell: 'bash',
        env: {
          GITHUB_TOKEN: '${{ github.token }}',
          VERSION: '${{ steps.version.outputs.version }}',
          MAJOR: '${{ steps.version.outputs.major }}',
        },
        run: [
          'set -euo pipefail',
          'git config user.name "github-actions[bot]"',
          'git config user.email "41898282+github-actions[bot]@users.noreply.github.com"',
          // dist/ is ignored on main: the bundle exists only in these release commits.
          'git add --force dist/action',
          'git commit --quiet --message "prload $VERSION: the action with its prebuilt bundle (dist/action)"',
          'git tag "v$VERSION-action"',
          'git tag --force "v$MAJOR"',
          // The checkout left no credentials behind; the token is used for this one push only.
          'git push --force "https://x-access-token:$GITHUB_TOKEN@github.com/$GITHUB_REPOSITORY.git" "refs/tags/v$VERSION-action" "refs/tags/v$MAJOR"',
          'echo "sha=$(git rev-parse HEAD)" >> "$GITHUB_OUTPUT"',
          '',
        ].join('\n'),
      },
    ],
  });

  wf.addJob('release', {
    name: 'release notes from the commits',
    needs: [...published, 'action'],
    runsOn: ['ubuntu-latest'],
    permissions: { contents: JobPermission.WRITE },
    timeoutMinutes: 5,
    steps: [
      VERSION_STEP,
      {
        id: 'notes',
        name: 'gh release create --generate-notes',
        shell: 'bash',
        env: {
          GH_TOKEN: '${{ github.token }}',
          TAG: '${{ github.ref_name }}',
          VERSION: '${{ steps.version.outputs.version }}',
          MAJOR: '${{ steps.version.outputs.major }}',
          OWNER: '${{ steps.version.outputs.owner }}',
          ACTION_SHA: '${{ needs.action.outputs.sha }}',
        },
        // What the release contains, above the notes GitHub writes from the merged pull requests and commits.
        run: [
          'set -euo pipefail',
          // Backticks are markdown here, inside single quotes: nothing is expanded but the %s arguments.
          '# shellcheck disable=SC2016',
          'notes=$(',
          "  printf '%s\\n\\n' '**What this release contains**'",
          '  printf -- \'- npm: `@prload/cluster`, `deploy`, `probe`, `loadgen`, `distributed`, `resources`, `report` and `ci-runner` (the `prload` CLI) at %s, with provenance\\n\' "$VERSION"',
          '  printf -- \'- the GitHub Action with its prebuilt bundle: `uses: %s@v%s` (moving), `@v%s-action`, or pinned `@%s`\\n\' "$GITHUB_REPOSITORY" "$MAJOR" "$VERSION" "$ACTION_SHA"',
          '  printf -- \'- the http-echo chart: `oci://ghcr.io/%s/charts/http-echo` version %s (`prload run --app-chart published`)\\n\' "$OWNER" "$VERSION"',
          '  printf -- \'- the image: `ghcr.io/%s/prload:%s` (linux/amd64, linux/arm64), the default of the distributed load shards\\n\' "$OWNER" "$VERSION"',
          ')',
          'gh release create "$TAG" --repo "$GITHUB_REPOSITORY" --verify-tag --generate-notes --notes "$notes"',
          '',
        ].join('\n'),
      },
    ],
  });
}

/** Adds a condition to a step, keeping any it already has. */
function onlyIf(condition: string, step: JobStep): JobStep {
  return { ...step, if: step.if ? `${condition} && (${step.if})` : condition };
}

/** action.yml takes the same step objects as the workflows, in the same kebab-case keys. */
function renderActionStep(step: JobStep): Record<string, unknown> {
  const rendered: Record<string, unknown> = {
    id: step.id,
    name: step.name,
    if: step.if,
    uses: step.uses,
    with: step.with,
    shell: step.run === undefined ? undefined : (step.shell ?? 'bash'),
    env: step.env,
    'working-directory': step.workingDirectory,
    'continue-on-error': step.continueOnError,
    run: step.run,
  };
  return Object.fromEntries(Object.entries(rendered).filter(([, value]) => value !== undefined));
}

/** The composite action at the repository root: `uses: <owner>/prload@v1` runs the whole pipeline in one step. */
class ActionFile extends YamlFile {
  constructor(project: javascript.NodeProject, nodeVersion: string) {
    // With publish-comment-from set, the action is the fork-PR companion: it only posts a saved comment.
    const run = "inputs.publish-comment-from == ''";
    const kind = `${run} && inputs.provider == 'kind'`;
    const steps: JobStep[] = [
      setupNodeStep('${{ inputs.node-version }}', false),
      onlyIf(`${run} && inputs.provider != 'local'`, installToolsStep()),
      ...imageCacheSteps(project.outdir).map((step) => onlyIf(kind, step)),
      {
        ...BUILD_STEP,
        name: "prload: the release's prebuilt bundle, or built here from a branch or commit",
        workingDirectory: '${{ github.action_path }}',
        env: { NX_NO_CLOUD: 'true' },
        run: [
          'set -euo pipefail',
          `if [ -f ${BUNDLE} ]; then`,
          `  echo "prload $(node ${BUNDLE} --version): the release's prebuilt bundle, nothing to install"`,
          'else',
          // A branch, a commit or a tag without the bundle (only the release workflow's tags carry it).
          '  echo "::notice title=prload::no prebuilt bundle at this ref: installing and building the workspace, which takes minutes; use a release tag (@v1) to start in seconds"',
          '  npm ci --no-audit --no-fund',
          '  npm run bundle',
          'fi',
          '',
        ].join('\n'),
      },
      {
        id: 'publish',
        name: 'prload report publish --from-artifact',
        if: "inputs.publish-comment-from != ''",
        shell: 'bash',
        env: { GITHUB_TOKEN: '${{ inputs.github-token }}', COMMENT_DIR: '${{ inputs.publish-comment-from }}' },
        run: `node "$GITHUB_ACTION_PATH/${BUNDLE}" report publish --from-artifact "$COMMENT_DIR"\n`,
      },
      {
        id: 'run',
        if: run,
        name: 'prload run',
        shell: 'bash',
        // Inputs reach the script as variables, never spliced into its text.
        env: {
          INPUT_PROVIDER: '${{ inputs.provider }}',
          INPUT_CONFIG: '${{ inputs.config }}',
          INPUT_DURATION: '${{ inputs.duration }}',
          INPUT_RATE: '${{ inputs.rate }}',
          INPUT_THRESHOLDS: '${{ inputs.thresholds }}',
          INPUT_BASELINE: '${{ inputs.baseline }}',
          INPUT_COMMENT: '${{ inputs.comment }}',
          INPUT_KEEP_CLUSTER: '${{ inputs.keep-cluster }}',
          INPUT_CLUSTER_NAME: '${{ inputs.cluster-name }}',
          INPUT_OUT: '${{ inputs.out }}',
          GITHUB_TOKEN: '${{ inputs.github-token }}',
        },
        run: [
          'set -uo pipefail',
          'for tool in kind helm kubectl; do',
          '  if [ -x "$RUNNER_TEMP/prload-tools/$tool" ]; then export "PRLOAD_${tool^^}=$RUNNER_TEMP/prload-tools/$tool"; fi',
          'done',
          'args=(run --provider "$INPUT_PROVIDER" --out "$INPUT_OUT")',
          'if [ -n "$INPUT_CONFIG" ]; then args+=(--config "$INPUT_CONFIG"); fi',
          'if [ -n "$INPUT_DURATION" ]; then args+=(--duration "$INPUT_DURATION"); fi',
          'if [ -n "$INPUT_RATE" ]; then args+=(--rate "$INPUT_RATE"); fi',
          'if [ -n "$INPUT_BASELINE" ]; then args+=(--baseline "$INPUT_BASELINE"); fi',
          'if [ -n "$INPUT_CLUSTER_NAME" ]; then args+=(--cluster-name "$INPUT_CLUSTER_NAME"); fi',
          'while IFS= read -r threshold; do',
          '  threshold="${threshold#"${threshold%%[![:space:]]*}"}"',
          '  threshold="${threshold%"${threshold##*[![:space:]]}"}"',
          '  if [ -n "$threshold" ]; then args+=(--threshold "$threshold"); fi',
          `done < <(printf '%s\\n' "$INPUT_THRESHOLDS" | tr ',' '\\n')`,
          'case "$INPUT_COMMENT" in false | no | off | 0) args+=(--no-comment) ;; esac',
          'case "$INPUT_KEEP_CLUSTER" in true | yes | on | 1) args+=(--keep) ;; esac',
          'code=0',
          `node "$GITHUB_ACTION_PATH/${BUNDLE}" "\${args[@]}" || code=$?`,
          'echo "exit-code=$code" >> "$GITHUB_OUTPUT"',
          'echo "report=$INPUT_OUT/prload-report.json" >> "$GITHUB_OUTPUT"',
          'exit "$code"',
          '',
        ].join('\n'),
      },
      {
        id: 'upload-results',
        name: 'Upload the results',
        if: `always() && ${run}`,
        uses: uses(ACTIONS.uploadArtifact),
        with: { name: '${{ inputs.artifact-name }}', path: '${{ inputs.out }}', 'if-no-files-found': 'warn' },
      },
      {
        id: 'upload-comment',
        name: 'Upload the comment for fork PRs',
        if: `always() && ${run}`,
        uses: uses(ACTIONS.uploadArtifact),
        with: {
          name: '${{ inputs.comment-artifact-name }}',
          path: `\${{ inputs.out }}/${COMMENT_ARTIFACT}`,
          'if-no-files-found': 'ignore',
        },
      },
      {
        id: 'delete-cluster',
        name: 'Delete the kind cluster (safety net)',
        if: `always() && ${kind}`,
        shell: 'bash',
        env: { CLUSTER_NAME: '${{ inputs.cluster-name }}', INPUT_KEEP_CLUSTER: '${{ inputs.keep-cluster }}' },
        run: [
          'case "$INPUT_KEEP_CLUSTER" in true | yes | on | 1) exit 0 ;; esac',
          'kind="$RUNNER_TEMP/prload-tools/kind"',
          'name="${CLUSTER_NAME:-prload}"',
          'if [ -x "$kind" ] && "$kind" get clusters | grep -qx "$name"; then "$kind" delete cluster --name "$name"; fi',
          '',
        ].join('\n'),
      },
    ];

    super(project, 'action.yml', {
      obj: {
        name: 'prload',
        description:
          'Deploy to an ephemeral kind cluster, load-test through the ingress, and report on the pull request',
        author: 'prload authors',
        branding: { icon: 'activity', color: 'blue' },
        inputs: {
          config: {
            description: 'Config file, YAML or JSON (default: ./prload.config.yaml if present)',
            required: false,
            default: '',
          },
          duration: {
            description: 'How long load runs, e.g. 30s (default: from the config, else 30s)',
            required: false,
            default: '',
          },
          rate: {
            description: 'Requests per second over all hosts (default: from the config, else 50)',
            required: false,
            default: '',
          },
          thresholds: {
            description: 'Gates, one per line or comma-separated, e.g. "p95<200ms" (each becomes a --threshold)',
            required: false,
            default: '',
          },
          baseline: { description: 'Result JSON of an earlier run to compare against', required: false, default: '' },
          comment: {
            description: 'Post the sticky PR comment (false: job summary only)',
            required: false,
            default: 'true',
          },
          'keep-cluster': { description: 'Keep the cluster after the run', required: false, default: 'false' },
          'cluster-name': {
            description: 'kind cluster name (default: from the config, else prload)',
            required: false,
            default: '',
          },
          provider: { description: 'kind, local, kwok or existing', required: false, default: 'kind' },
          out: { description: 'Results folder', required: false, default: 'prload-results' },
          'node-version': { description: 'Node.js version prload runs on', required: false, default: nodeVersion },
          'artifact-name': { description: 'Name of the results artifact', required: false, default: 'prload-results' },
          'comment-artifact-name': {
            description: 'Name of the artifact a fork PR leaves for the workflow_run companion to post',
            required: false,
            default: COMMENT_ARTIFACT,
          },
          'publish-comment-from': {
            description:
              'Only post the comment a fork PR run saved, from this folder (the downloaded pr-comment artifact), in a workflow_run workflow',
            required: false,
            default: '',
          },
          'github-token': {
            description: 'Token for the PR comment; needs pull-requests: write',
            required: false,
            default: '${{ github.token }}',
          },
        },
        outputs: {
          'exit-code': {
            description: '0 ok, 1 infrastructure, 2 bad input, 3 threshold breached, 4 invalid run, 130 interrupted',
            value: '${{ steps.run.outputs.exit-code }}',
          },
          report: { description: 'Path of prload-report.json', value: '${{ steps.run.outputs.report }}' },
        },
        runs: { using: 'composite', steps: steps.map(renderActionStep) },
      },
    });
  }

  protected override synthesizeContent(resolver: IResolver): string | undefined {
    const yaml = super.synthesizeContent(resolver);
    return yaml === undefined ? undefined : annotatePins(yaml);
  }
}
