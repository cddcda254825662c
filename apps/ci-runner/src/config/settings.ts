import { PROVIDER_NAMES } from '@prload/cluster';
import { INGRESS_CONTROLLER_NAMES } from '@prload/deploy';
import { REPORT_FORMATS } from '@prload/report';

/** How a flag or environment value is turned into a config value before validation. */
export type SettingKind = 'string' | 'number' | 'boolean' | 'duration' | 'list';

/** A config key that can also be set by a CLI flag and a `PRLOAD_*` environment variable. */
export interface Setting {
  /** Key path in the config, e.g. `['load', 'rate']`. */
  readonly path: readonly string[];
  /** The commander flag, e.g. `--rate <n>`. */
  readonly flag: string;
  readonly env: string;
  readonly kind: SettingKind;
  readonly description: string;
}

/** `a, b or c`: the choices a flag's description offers. */
const oneOf = (choices: readonly string[]): string => `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`;

const s = (path: string, flag: string, env: string, kind: SettingKind, description: string): Setting => ({
  path: path.split('.'),
  flag,
  env,
  kind,
  description,
});

/**
 * Every config key settable from the command line or the environment, in one
 * table, so a flag, its variable and its key can never drift apart.
 */
export const SETTINGS: readonly Setting[] = [
  s('cluster.provider', '--provider <name>', 'PRLOAD_PROVIDER', 'string', oneOf(PROVIDER_NAMES)),
  s('cluster.name', '--cluster-name <name>', 'PRLOAD_CLUSTER_NAME', 'string', 'cluster name'),
  s('cluster.workers', '--workers <n>', 'PRLOAD_WORKERS', 'number', 'worker nodes beside the control-plane'),
  s('cluster.keep', '--keep', 'PRLOAD_KEEP', 'boolean', 'keep the cluster after the run'),
  s('cluster.reuse', '--reuse', 'PRLOAD_REUSE', 'boolean', 'reuse an existing kind cluster of the same name'),
  s(
    'cluster.preloadImages',
    '--preload-image <image>',
    'PRLOAD_PRELOAD_IMAGES',
    'list',
    'load a local Docker image into the kind nodes (repeatable)',
  ),
  s(
    'cluster.nodeImage',
    '--node-image <image>',
    'PRLOAD_NODE_IMAGE',
    'string',
    'kind node image (a mirror, or one built offline); default the pinned kindest/node',
  ),
  s('cluster.kubeconfig', '--kubeconfig <file>', 'PRLOAD_KUBECONFIG', 'string', 'kubeconfig of an existing cluster'),
  s('cluster.context', '--context <name>', 'PRLOAD_CONTEXT', 'string', 'kubeconfig context of an existing cluster'),
  s('cluster.ingressPort', '--ingress-port <port>', 'PRLOAD_INGRESS_PORT', 'number', 'host port of the ingress'),
  s(
    'ingress.controller',
    '--ingress-controller <name>',
    'PRLOAD_INGRESS_CONTROLLER',
    'string',
    oneOf([...INGRESS_CONTROLLER_NAMES, 'none']),
  ),
  s(
    'ingress.chart',
    '--ingress-chart <path|oci-ref>',
    'PRLOAD_INGRESS_CHART',
    'string',
    "the controller's chart: a local folder or an oci:// reference; default its pinned upstream chart",
  ),
  s(
    'ingress.chartVersion',
    '--ingress-chart-version <version>',
    'PRLOAD_INGRESS_CHART_VERSION',
    'string',
    'version of that chart reference; ignored for a local folder',
  ),
  s(
    'ingress.image',
    '--ingress-image <image>',
    'PRLOAD_INGRESS_IMAGE',
    'string',
    "the controller's image, repository[:tag][@sha256:…]; default the chart's own",
  ),
  s(
    'chart.source',
    '--app-chart <source>',
    'PRLOAD_APP_CHART',
    'string',
    "the apps' http-echo chart: shipped (default, inside @prload/deploy), published (GHCR), an oci:// reference or a folder",
  ),
  s(
    'chart.version',
    '--app-chart-version <version>',
    'PRLOAD_APP_CHART_VERSION',
    'string',
    "version of an oci:// app chart; default this prload's",
  ),
  s(
    'chart.image',
    '--app-image <image>',
    'PRLOAD_APP_IMAGE',
    'string',
    "the image every app runs, repository[:tag][@sha256:…]; default the chart's pinned http-echo",
  ),
  s('load.duration', '--duration <duration>', 'PRLOAD_DURATION', 'duration', 'how long load runs, e.g. 30s'),
  s('load.warmup', '--warmup <duration>', 'PRLOAD_WARMUP', 'duration', 'load before measuring, excluded from results'),
  s('load.rate', '--rate <rps>', 'PRLOAD_RATE', 'number', 'requests per second over all hosts'),
  s('load.rampTo', '--ramp-to <rps>', 'PRLOAD_RAMP_TO', 'number', 'ramp linearly from --rate to this rate'),
  s(
    'load.model',
    '--model <model>',
    'PRLOAD_MODEL',
    'string',
    'open (fixed arrival rate) or closed (fixed concurrency)',
  ),
  s('load.arrivals', '--arrivals <kind>', 'PRLOAD_ARRIVALS', 'string', 'constant or poisson'),
  s('load.connections', '--connections <n>', 'PRLOAD_CONNECTIONS', 'number', 'connections per host'),
  s('load.pipelining', '--pipelining <n>', 'PRLOAD_PIPELINING', 'number', 'requests pipelined per connection'),
  s(
    'load.engine',
    '--engine <engine>',
    'PRLOAD_ENGINE',
    'string',
    'HTTP client: socket (default; own HTTP/1.1 client, ~half the CPU per request) or undici',
  ),
  s('load.threads', '--threads <n>', 'PRLOAD_THREADS', 'number', 'worker threads of the load generator'),
  s('load.timeout', '--timeout <duration>', 'PRLOAD_TIMEOUT', 'duration', 'per-request timeout'),
  s(
    'load.behindPolicy',
    '--behind-policy <policy>',
    'PRLOAD_BEHIND_POLICY',
    'string',
    'queue or drop, when the target falls behind',
  ),
  s('load.maxInFlight', '--max-in-flight <n>', 'PRLOAD_MAX_IN_FLIGHT', 'number', 'cap on requests in flight'),
  s(
    'load.maxSendLag',
    '--max-send-lag <duration>',
    'PRLOAD_MAX_SEND_LAG',
    'duration',
    'p99 send lag over which the run is invalid',
  ),
  s('load.seed', '--seed <n>', 'PRLOAD_SEED', 'number', 'seed of the random host mix (printed by every run)'),
  s(
    'load.distributed.shards',
    '--shards <n>',
    'PRLOAD_SHARDS',
    'number',
    'send from this many load-generator pods inside the cluster, one schedule, merged exactly',
  ),
  s(
    'load.distributed.image',
    '--shard-image <image>',
    'PRLOAD_SHARD_IMAGE',
    'string',
    "the shards' prload image; default this release's ghcr.io/prload/prload",
  ),
  s(
    'load.distributed.target',
    '--shard-target <url>',
    'PRLOAD_SHARD_TARGET',
    'string',
    "where the shards send from inside the cluster; default the ingress controller's Service",
  ),
  s(
    'load.distributed.namespace',
    '--namespace <name>',
    'PRLOAD_NAMESPACE',
    'string',
    "prload load --shards: the namespace of the shards' Job (prload run uses the run's own)",
  ),
  s(
    'load.thresholds',
    '--threshold <expr>',
    'PRLOAD_THRESHOLDS',
    'list',
    'gate, e.g. p95<200ms or foo:cpu_max<500m (repeatable)',
  ),
  s(
    'load.resources.enabled',
    '--no-resources',
    'PRLOAD_RESOURCES',
    'boolean',
    'do not sample CPU and memory of the apps, the ingress and the generator',
  ),
  s(
    'load.resources.interval',
    '--resources-interval <duration>',
    'PRLOAD_RESOURCES_INTERVAL',
    'duration',
    'how often resource usage is sampled',
  ),
  s(
    'load.resources.baseline',
    '--resources-baseline <duration>',
    'PRLOAD_RESOURCES_BASELINE',
    'duration',
    'resource usage sampled before the load starts',
  ),
  s(
    'ready.timeout',
    '--ready-timeout <duration>',
    'PRLOAD_READY_TIMEOUT',
    'duration',
    'deadline for the rollouts of the apps and the ingress controller',
  ),
  s(
    'probe.timeout',
    '--probe-timeout <duration>',
    'PRLOAD_PROBE_TIMEOUT',
    'duration',
    'deadline for the apps to answer',
  ),
  s('report.out', '--out <dir>', 'PRLOAD_OUT', 'string', 'results folder'),
  s('report.formats', '--format <list>', 'PRLOAD_FORMAT', 'list', REPORT_FORMATS.join(',')),
  s('report.id', '--report-id <id>', 'PRLOAD_REPORT_ID', 'string', 'report id; one sticky PR comment per id'),
  s(
    'report.baseline',
    '--baseline <file>',
    'PRLOAD_BASELINE',
    'string',
    'result JSON of an earlier run to compare against',
  ),
  s('report.comment', '--no-comment', 'PRLOAD_COMMENT', 'boolean', 'do not post the PR comment'),
];

/** commander's attribute name for a flag: `--ramp-to <rps>` → `rampTo`, `--no-comment` → `comment`. */
export function attributeName(flag: string): string {
  const long = flag.split(/[ ,]/)[0]!.replace(/^--(no-)?/, '');
  return long.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** The flag's name without its argument: `--rate <rps>` → `--rate`. */
export function flagName(flag: string): string {
  return flag.split(' ')[0]!;
}

/**
 * Turns a flag or environment string into the value the schema expects, or
 * leaves it a string so validation reports it with its original text.
 */
export function coerce(kind: SettingKind, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  switch (kind) {
    case 'number':
      return value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
    case 'boolean':
      if (/^(1|true|yes|on)$/i.test(value)) return true;
      if (/^(0|false|no|off)$/i.test(value)) return false;
      return value;
    case 'list':
      return value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
    default:
      return value;
  }
}
