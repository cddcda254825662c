import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/errors.js';

let cwd: string;
beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'prload-config-'));
});

async function problems(options: Parameters<typeof loadConfig>[0]): Promise<readonly string[]> {
  const error = await loadConfig({ cwd, env: {}, ...options }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).exitCode).toBe(2);
  return (error as ConfigError).lines;
}

test('defaults reproduce the mission', async () => {
  const { config, file } = await loadConfig({ cwd, env: {} });
  expect(file).toBeUndefined();
  expect(config.cluster).toMatchObject({ provider: 'kind', name: 'prload', workers: 2 });
  expect(config.apps).toEqual([
    { name: 'foo', text: 'foo', host: 'foo.localhost', replicas: 2 },
    { name: 'bar', text: 'bar', host: 'bar.localhost', replicas: 2 },
  ]);
  expect(config.load).toMatchObject({ duration: 30_000, rate: 50, model: 'open', arrivals: 'constant' });
  expect(config.load.seed).toBeUndefined();
  expect(config.report.out).toBe('./prload-results');
});

test('reads prload.config.yaml from the working folder', async () => {
  await writeFile(join(cwd, 'prload.config.yaml'), 'load:\n  rate: 80\n  duration: 1m\n');
  const { config, file } = await loadConfig({ cwd, env: {} });
  expect(file).toBe(join(cwd, 'prload.config.yaml'));
  expect(config.load.rate).toBe(80);
  expect(config.load.duration).toBe(60_000);
});

test('reads JSON through --config', async () => {
  await writeFile(join(cwd, 'run.json'), JSON.stringify({ load: { rate: 7 } }));
  const { config } = await loadConfig({ cwd, env: {}, configFile: 'run.json' });
  expect(config.load.rate).toBe(7);
});

test('flags win over env, env over file, file over defaults', async () => {
  await writeFile(join(cwd, 'prload.config.yaml'), 'load:\n  rate: 10\n  connections: 3\n  duration: 20s\n');
  const { config } = await loadConfig({
    cwd,
    env: { PRLOAD_RATE: '20', PRLOAD_CONNECTIONS: '4' },
    flags: { rate: '30' },
  });
  expect(config.load.rate).toBe(30); // flag
  expect(config.load.connections).toBe(4); // env
  expect(config.load.duration).toBe(20_000); // file
  expect(config.load.pipelining).toBe(1); // default
});

test('the air-gap keys: each from its flag, its PRLOAD_* variable or the file, unset by default', async () => {
  const defaults = (await loadConfig({ cwd, env: {} })).config;
  expect(defaults.cluster.nodeImage).toBeUndefined();
  expect(defaults.ingress).toEqual({ controller: 'nginx' });
  expect(defaults.chart).toEqual({});

  await writeFile(
    join(cwd, 'prload.config.yaml'),
    'apps:\n  - {name: foo, text: foo, host: foo.localhost, image: "prload.local/foo:1"}\n',
  );
  const { config } = await loadConfig({
    cwd,
    env: {
      PRLOAD_NODE_IMAGE: 'prload.local/kind-node:v1.36.4',
      PRLOAD_INGRESS_CONTROLLER: 'traefik',
      PRLOAD_INGRESS_CHART: 'oci://mirror.local/traefik/helm/traefik',
      PRLOAD_INGRESS_CHART_VERSION: '41.3.0',
      PRLOAD_APP_IMAGE: 'ignored.local/echo:1',
    },
    flags: { ingressImage: 'mirror.local/traefik:v3.7.11', appImage: 'mirror.local/hashicorp/http-echo:1.0.0' },
  });
  expect(config.cluster.nodeImage).toBe('prload.local/kind-node:v1.36.4');
  expect(config.ingress).toEqual({
    controller: 'traefik',
    chart: 'oci://mirror.local/traefik/helm/traefik',
    chartVersion: '41.3.0',
    image: 'mirror.local/traefik:v3.7.11',
  });
  expect(config.chart.image).toBe('mirror.local/hashicorp/http-echo:1.0.0');
  expect(config.apps[0]!.image).toBe('prload.local/foo:1');
});

test("the apps' chart: shipped by default; published, a mirror or a folder from --app-chart, PRLOAD_APP_CHART or chart.source", async () => {
  expect((await loadConfig({ cwd, env: {} })).config.chart.source).toBeUndefined();
  const fromFlag = await loadConfig({ cwd, env: {}, flags: { appChart: 'published' } });
  expect(fromFlag.config.chart.source).toBe('published');
  const fromEnv = await loadConfig({
    cwd,
    env: { PRLOAD_APP_CHART: 'oci://mirror.local/prload/charts/http-echo', PRLOAD_APP_CHART_VERSION: '0.1.0' },
  });
  expect(fromEnv.config.chart).toEqual({ source: 'oci://mirror.local/prload/charts/http-echo', version: '0.1.0' });
  await writeFile(join(cwd, 'prload.config.yaml'), 'chart:\n  source: ./forks/http-echo\n');
  expect((await loadConfig({ cwd, env: {} })).config.chart.source).toBe('./forks/http-echo');
  await writeFile(join(cwd, 'prload.config.yaml'), 'chart:\n  source: https://charts.example.com\n');
  await expect(loadConfig({ cwd, env: {} })).rejects.toThrow(
    /chart\.source: must be a local chart folder or an oci:\/\/<registry>\/<path> reference/,
  );
});

test('the readiness deadline: 300 s by default, from --ready-timeout, PRLOAD_READY_TIMEOUT or ready.timeout', async () => {
  expect((await loadConfig({ cwd, env: {} })).config.ready.timeout).toBe(300_000);
  expect((await loadConfig({ cwd, env: {}, flags: { readyTimeout: '90s' } })).config.ready.timeout).toBe(90_000);
  expect((await loadConfig({ cwd, env: { PRLOAD_READY_TIMEOUT: '2m' } })).config.ready.timeout).toBe(120_000);
  await writeFile(join(cwd, 'prload.config.yaml'), 'ready:\n  timeout: 45s\n');
  expect((await loadConfig({ cwd, env: {} })).config.ready.timeout).toBe(45_000);
  expect(await problems({ flags: { readyTimeout: '0s' } })).toEqual(['--ready-timeout: must be longer than 0s, got 0']);
});

test('PRLOAD_CONFIG names the file when --config is absent', async () => {
  await writeFile(join(cwd, 'other.yaml'), 'load:\n  rate: 9\n');
  const { config } = await loadConfig({ cwd, env: { PRLOAD_CONFIG: 'other.yaml' } });
  expect(config.load.rate).toBe(9);
});

test('repeated --threshold flags and a comma-separated --format', async () => {
  const { config } = await loadConfig({
    cwd,
    env: {},
    flags: { threshold: ['p95<200ms', 'error_rate<1%'], format: 'md,json' },
  });
  expect(config.load.thresholds).toEqual(['p95<200ms', 'error_rate<1%']);
  expect(config.report.formats).toEqual(['md', 'json']);
});

test('--seed passes the seed back', async () => {
  const { config } = await loadConfig({ cwd, env: {}, flags: { seed: '12345' } });
  expect(config.load.seed).toBe(12345);
});

const badFiles: [string, string, string][] = [
  ['a negative rate', 'load:\n  rate: -5\n', 'load.rate: must be a positive number, got -5'],
  [
    'a duration like 10x',
    'load:\n  duration: 10x\n',
    'load.duration: must be a duration like 30s, 500ms or 2m, got "10x"',
  ],
  ['an unknown key', 'load:\n  rat: 5\n', 'load.rat: unknown key (did you mean rate?)'],
  ['an unknown top-level key', 'lod: {}\n', 'lod: unknown key (did you mean load?)'],
  ['a wrong type', 'load:\n  connections: many\n', 'load.connections: must be a number, got "many"'],
  [
    'a wrong enum',
    'cluster:\n  provider: kinda\n',
    'cluster.provider: must be one of kind, local, kwok, existing, got "kinda"',
  ],
  [
    'a host no app serves',
    'load:\n  targets:\n    - host: baz.localhost\n',
    'load.targets[0].host: no app serves this host (apps serve foo.localhost, bar.localhost), got "baz.localhost"',
  ],
  [
    'a fractional replica count',
    'apps:\n  - name: foo\n    text: foo\n    host: foo.localhost\n    replicas: 1.5\n',
    'apps[0].replicas: must be a positive integer, got 1.5',
  ],
  ['not a mapping', '- 1\n- 2\n', 'prload.config.yaml: must hold a mapping of keys (cluster, apps, load, ...)'],
];

test.each(badFiles)('%s in the file gets one clear line', async (_name, yaml, line) => {
  await writeFile(join(cwd, 'prload.config.yaml'), yaml);
  expect(await problems({})).toEqual([line]);
});

test('every problem gets its own line', async () => {
  await writeFile(join(cwd, 'prload.config.yaml'), 'load:\n  rate: -5\n  duration: 10x\n');
  expect(await problems({})).toHaveLength(2);
});

test.each([
  [{ rate: '-5' }, '--rate: must be a positive number, got -5'],
  [{ duration: '10x' }, '--duration: must be a duration like 30s, 500ms or 2m, got "10x"'],
  [{ provider: 'docker' }, '--provider: must be one of kind, local, kwok, existing, got "docker"'],
  [{ connections: '0' }, '--connections: must be a positive integer, got 0'],
  [{ seed: 'abc' }, '--seed: must be a number, got "abc"'],
])('a bad flag %j names the flag', async (flags, line) => {
  expect(await problems({ flags })).toEqual([line]);
});

test('a bad environment variable names the variable and the key', async () => {
  expect(await problems({ env: { PRLOAD_RATE: 'fast' } })).toEqual([
    'PRLOAD_RATE (load.rate): must be a number, got "fast"',
  ]);
});

test('a missing --config file', async () => {
  expect(await problems({ configFile: 'nope.yaml' })).toEqual(['--config: cannot read nope.yaml: no such file']);
});

test('a config path that is a folder', async () => {
  await mkdir(join(cwd, 'folder.yaml'));
  expect(await problems({ configFile: 'folder.yaml' })).toEqual(['--config: cannot read folder.yaml: is a folder']);
});

test('malformed YAML names the file, line and column', async () => {
  await writeFile(join(cwd, 'prload.config.yaml'), 'load:\n  rate: [1\n');
  const [line, ...rest] = await problems({});
  expect(rest).toEqual([]);
  expect(line).toMatch(/^prload\.config\.yaml:3:1: \S/);
  expect(line).not.toMatch(/at line/);
});

test('malformed JSON names the file', async () => {
  await writeFile(join(cwd, 'bad.json'), '{"load": {"rate": 5,}');
  const lines = await problems({ configFile: 'bad.json' });
  expect(lines[0]).toMatch(/^bad\.json:\d+:\d+: /);
});
