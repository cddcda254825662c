import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { runCli, tempDir } from '../helpers/run-cli.js';

/** Each bad input: exit code 2, one line per problem naming the key or flag, no stack trace. */
async function expectBadInput(
  args: string[],
  lines: (string | RegExp)[],
  files: Record<string, string> = {},
  env = {},
) {
  const cwd = await tempDir();
  for (const [name, text] of Object.entries(files)) await writeFile(join(cwd, name), text);
  const run = await runCli(args, { cwd, env });
  expect(run.exitCode).toBe(2);
  const printed = run.stderr.trim().split('\n');
  expect(printed).toHaveLength(lines.length);
  lines.forEach((line, index) => {
    if (typeof line === 'string') expect(printed[index]).toBe(line);
    else expect(printed[index]).toMatch(line);
  });
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

test('chart folders without a Chart.yaml, before any cluster is created or reached', () =>
  expectBadInput(
    [
      'run',
      '--provider',
      'existing',
      '--kubeconfig',
      'missing-kubeconfig',
      '--app-chart',
      './forks/http-echo',
      '--ingress-chart',
      'charts/traefik',
    ],
    [
      'prload: chart.source (--app-chart): ./forks/http-echo holds no Chart.yaml — give a chart folder (helm pull --untar) or an oci:// reference',
      'prload: ingress.chart (--ingress-chart): charts/traefik holds no Chart.yaml — give a chart folder (helm pull --untar) or an oci:// reference',
    ],
  ));

test('a negative rate', () =>
  expectBadInput(
    ['run', '--provider', 'local', '--rate', '-5'],
    ['prload: --rate: must be a positive number, got -5'],
  ));

test('a duration like 10x', () =>
  expectBadInput(
    ['run', '--duration', '10x'],
    ['prload: --duration: must be a duration like 30s, 500ms or 2m, got "10x"'],
  ));

test('an unknown key in the config file', () =>
  expectBadInput(['run'], ['prload: load.rat: unknown key (did you mean rate?)'], {
    'prload.config.yaml': 'load:\n  rat: 5\n',
  }));

test('a wrong type in the config file', () =>
  expectBadInput(['run'], ['prload: load.rate: must be a number, got "fast"'], {
    'prload.config.yaml': 'load:\n  rate: fast\n',
  }));

test('a load target host that no app serves', () =>
  expectBadInput(
    ['run'],
    [
      'prload: load.targets[0].host: no app serves this host (apps serve foo.localhost, bar.localhost), got "baz.localhost"',
    ],
    { 'prload.config.yaml': 'load:\n  targets:\n    - host: baz.localhost\n' },
  ));

test('an unreadable config file', () =>
  expectBadInput(['run', '--config', 'missing.yaml'], ['prload: --config: cannot read missing.yaml: no such file']));

test('a malformed config file', () =>
  expectBadInput(['run', '--config', 'bad.json'], [/^prload: bad\.json:1:\d+: /], {
    'bad.json': '{"load": {"rate": 5,}',
  }));

// A "billion laughs" file: nine levels of ten aliases each would expand to 10^9 strings.
const ALIAS_BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((name, i) => {
    const previous = 'abcdefghi'[i]!;
    return `${name}: &${name} [${Array.from({ length: 10 }, () => `*${previous}`).join(',')}]`;
  }),
].join('\n');

test('a config file that expands aliases without end is bad input, naming the file', () =>
  expectBadInput(
    ['run', '--config', 'bomb.yaml'],
    ['prload: bomb.yaml: expands too many aliases (more than 50): a config never needs that many'],
    { 'bomb.yaml': ALIAS_BOMB },
  ));

test('a config file nested deeper than any config is bad input, naming the file', () =>
  expectBadInput(['run', '--config', 'deep.json'], [/^prload: deep\.json: /], {
    'deep.json': `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
  }));

test('a config file over 1 MiB is refused before it is read', () =>
  expectBadInput(
    ['run', '--config', 'huge.yaml'],
    ['prload: huge.yaml: is 2.0 MiB; a prload config may be at most 1 MiB'],
    { 'huge.yaml': `# ${'x'.repeat(2 * 2 ** 20 - 2)}` },
  ));

test('a bad PRLOAD_* variable', () =>
  expectBadInput(
    ['run'],
    ['prload: PRLOAD_RATE (load.rate): must be a positive number, got -1'],
    {},
    { PRLOAD_RATE: '-1' },
  ));

test('several problems, one line each', () =>
  expectBadInput(
    ['run', '--rate', '-5', '--duration', '10x'],
    [
      'prload: --duration: must be a duration like 30s, 500ms or 2m, got "10x"',
      'prload: --rate: must be a positive number, got -5',
    ],
  ));

test('a malformed threshold', () =>
  expectBadInput(['run', '--provider', 'local', '--threshold', 'p95<'], [/^prload: .*p95<.*/]));

test('an unknown flag', () =>
  expectBadInput(['run', '--rat', '5'], [/^error: unknown option '--rat'/, /Did you mean --rate\?/]));

test('an unknown command', () => expectBadInput(['rn'], [/^error: unknown command 'rn'/, /Did you mean run\?/]));

test('a per-host threshold on a host no target has', () =>
  expectBadInput(
    ['run', '--provider', 'local', '--threshold', 'baz.localhost:p95<100ms'],
    [
      'prload: --threshold: threshold "baz.localhost:p95<100ms": no load target has host "baz.localhost" (hosts: foo.localhost, bar.localhost)',
    ],
  ));

test('a malformed regression threshold', () =>
  expectBadInput(
    ['run', '--provider', 'local', '--threshold', 'p95 regression > lots'],
    [/^prload: --threshold: regression threshold "p95 regression > lots": /],
  ));

test('a target-rate threshold on a closed-model run', () =>
  expectBadInput(
    ['run', '--provider', 'local', '--model', 'closed', '--threshold', 'rate>=99%'],
    [
      'prload: --threshold: threshold "rate>=99%": a closed-model run has no target rate; use an absolute rate such as rate>=500/s',
    ],
  ));

test('bad thresholds are all reported, before anything starts', () =>
  expectBadInput(
    ['run', '--provider', 'local', '--threshold', 'p95<', '--threshold', 'p101<1ms'],
    [/^prload: --threshold: .*p95</, /^prload: --threshold: .*p101/],
  ));

test('a regression threshold on a resource figure of a workload the run does not have', () =>
  expectBadInput(
    ['run', '--provider', 'local', '--threshold', 'baz:cpu_per_request regression > 10%'],
    [
      'prload: --threshold: threshold "baz:cpu_per_request regression > 10%": no app or ingress is named "baz" (workloads: foo, bar, ingress)',
    ],
  ));

test('bad thresholds of all three kinds, one line each in the order given', () =>
  expectBadInput(
    [
      'run',
      '--provider',
      'local',
      '--threshold',
      'foo:cpu_max<5ms',
      '--threshold',
      'baz.localhost:p99 regression > 5%',
      '--threshold',
      'p95<200ms',
      '--threshold',
      'mean<1',
    ],
    [
      'prload: --threshold: threshold "foo:cpu_max<5ms": unknown unit "ms" for cpu_max; use m (millicores) or cores',
      'prload: --threshold: threshold "baz.localhost:p99 regression > 5%": no load target has host "baz.localhost" (hosts: foo.localhost, bar.localhost)',
      'prload: --threshold: threshold "mean<1": limit "1" needs a unit: ms, s or us',
    ],
  ));

test('more load threads than connections', () =>
  expectBadInput(
    ['run', '--provider', 'local', '--threads', '8', '--connections', '4'],
    ['prload: --threads: must not exceed load.connections (4): each thread needs a connection, got 8'],
  ));

test('bad image references and chart references, named by flag, variable or key', () =>
  expectBadInput(
    ['run', '--app-image', 'echo@sha256:1', '--ingress-chart', 'https://charts.example/traefik'],
    [
      'prload: --ingress-chart: must be a local chart folder or an oci://<registry>/<path> reference, got "https://charts.example/traefik"',
      'prload: PRLOAD_INGRESS_IMAGE (ingress.image): must be an image reference like repository[:tag][@sha256:<64 hex>] (lower-case path components, an optional registry host first), got "Traefik:v3"',
      'prload: --app-image: must end in a digest of the form @sha256:<64 lowercase hex digits>, got "echo@sha256:1"',
      "prload: apps[1].image: must be an image reference like repository[:tag][@sha256:<64 hex>] (a tag is up to 128 letters, digits, '_', '.' or '-'), got \"bar:\"",
    ],
    {
      'prload.config.yaml':
        'apps:\n  - {name: foo, text: foo, host: foo.localhost}\n  - {name: bar, text: bar, host: bar.localhost, image: "bar:"}\n',
    },
    { PRLOAD_INGRESS_IMAGE: 'Traefik:v3' },
  ));

test('a kind node image that is no image reference', () =>
  expectBadInput(
    ['run', '--node-image', 'kindest/node:v1.37.0@sha256:abc'],
    [
      'prload: --node-image: must end in a digest of the form @sha256:<64 lowercase hex digits>, got "kindest/node:v1.37.0@sha256:abc"',
    ],
  ));

test('an unknown ingress controller lists the ones there are', () =>
  expectBadInput(
    ['run', '--ingress-controller', 'haproxy'],
    ['prload: --ingress-controller: must be one of nginx, ingress-nginx, traefik, none, got "haproxy"'],
  ));

test('a baseline that is not JSON is refused before the run, not skipped as "not found"', async () => {
  const baseline = join(await tempDir(), 'base.json');
  await writeFile(baseline, '{ not json');
  await expectBadInput(
    ['run', '--provider', 'local', '--baseline', baseline],
    [/^prload: --baseline: .*not valid JSON/],
  );
});

test('a baseline that is a folder cannot be read: bad input, not "not found"', () =>
  expectBadInput(
    ['load', '--target', 'http://127.0.0.1:9', '--host', 'a.localhost', '--baseline', '.'],
    [/^prload: --baseline: .*/],
  ));

// Every number has an upper bound a real cluster or runner can honour (LIMITS in config/schema.ts).
test.each([
  [['--workers', '1000000'], 'prload: --workers: must be at most 100, got 1000000'],
  [['--rate', '2000000'], 'prload: --rate: must be at most 1000000, got 2000000'],
  [['--ramp-to', '2000000'], 'prload: --ramp-to: must be at most 1000000, got 2000000'],
  [['--connections', '10001'], 'prload: --connections: must be at most 10000, got 10001'],
  [['--pipelining', '257'], 'prload: --pipelining: must be at most 256, got 257'],
  [['--threads', '65', '--connections', '100'], 'prload: --threads: must be at most 64, got 65'],
  [['--max-in-flight', '1000001'], 'prload: --max-in-flight: must be at most 1000000, got 1000001'],
  [['--duration', '25h'], 'prload: --duration: must be at most 24h, got "25h"'],
  [['--warmup', '2h'], 'prload: --warmup: must be at most 1h, got "2h"'],
  [['--timeout', '11m'], 'prload: --timeout: must be at most 10m, got "11m"'],
  [['--max-send-lag', '61s'], 'prload: --max-send-lag: must be at most 1m, got "61s"'],
  [['--ready-timeout', '2h'], 'prload: --ready-timeout: must be at most 1h, got "2h"'],
  [['--probe-timeout', '2h'], 'prload: --probe-timeout: must be at most 1h, got "2h"'],
  [['--resources-interval', '2m'], 'prload: --resources-interval: must be at most 1m, got "2m"'],
  [['--resources-interval', '50ms'], 'prload: --resources-interval: must be at least 100ms, got 50'],
  [['--resources-baseline', '5m'], 'prload: --resources-baseline: must be at most 1m, got "5m"'],
])('an upper bound: %j', (flags, line) => expectBadInput(['run', '--provider', 'local', ...flags], [line]));

test('an upper bound in the config file: replicas and the number of apps', () =>
  expectBadInput(['run', '--config', 'big.yaml'], ['prload: apps[0].replicas: must be at most 50, got 1000'], {
    'big.yaml': 'apps:\n  - { name: foo, text: foo, host: foo.localhost, replicas: 1000 }\n',
  }));

test.each([
  [
    ['run', '--provider', 'local', '--shards', '2'],
    [
      'prload: load.distributed.shards (--shards 2): the shards are pods, so the provider must be kind or existing, got local',
    ],
  ],
  [
    ['run', '--provider', 'kwok', '--shards', '2'],
    [
      'prload: load.distributed.shards (--shards 2): the shards are pods, so the provider must be kind or existing, got kwok (its pods are simulated)',
    ],
  ],
  [
    ['run', '--provider', 'kind', '--shards', '2', '--threads', '2'],
    ['prload: load.threads (--threads): each shard is one process; use more shards instead of threads'],
  ],
  [
    ['run', '--provider', 'kind', '--shards', '2', '--ingress-controller', 'none'],
    [
      'prload: load.distributed.shards (--shards 2): without an ingress controller, say where the shards send with load.distributed.target (--shard-target)',
    ],
  ],
  [['run', '--shards', '101'], ['prload: --shards: must be at most 100, got 101']],
  [['run', '--shards', '0'], ['prload: --shards: must be a positive integer, got 0']],
  [['run', '--shard-target', 'ftp://x'], ['prload: --shard-target: must be an http:// or https:// URL, got "ftp://x"']],
  [['run', '--namespace', 'x'], ["error: unknown option '--namespace'"]],
])('distributed load: %j is bad input', (args, lines) => expectBadInput(args, lines));

test('load.distributed.namespace belongs to prload load, not to a run', () =>
  expectBadInput(
    ['run', '--provider', 'local'],
    [
      "prload: load.distributed.namespace: prload run puts the shards in the run's own namespace; the key is for prload load",
    ],
    { 'prload.config.yaml': 'load:\n  distributed:\n    namespace: loadtest\n' },
  ));

test('a shard toleration that is not a Kubernetes toleration', () =>
  expectBadInput(['run'], [/^prload: load\.distributed\.tolerations\[0\]\.effect: /], {
    'prload.config.yaml': 'load:\n  distributed:\n    tolerations:\n      - key: x\n        effect: Sometimes\n',
  }));
