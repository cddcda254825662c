import { DNS_LABEL, DNS_SUBDOMAIN, KIND_NODE_IMAGE, PROVIDER_NAMES } from '@prload/cluster';
import {
  chartReferenceProblem,
  DEFAULT_INGRESS_CONTROLLER,
  INGRESS_CONTROLLER_NAMES,
  imageReferenceProblem,
} from '@prload/deploy';
import { DEFAULT_IMAGE } from '@prload/distributed';
import { MAX_SHARDS } from '@prload/loadgen';
import { REPORT_FORMATS } from '@prload/report';
import { MAX_SAMPLE_INTERVAL_MS, MIN_SAMPLE_INTERVAL_MS } from '@prload/resources';
import { z } from 'zod';
import { DURATION_PATTERN, formatDuration, parseDuration } from './duration.js';

/** A duration such as `30s`, `500ms`, `2m` or `1m30s` (a bare number means seconds), parsed to milliseconds. */
const duration = (description: string, maxMs?: number) =>
  z
    .union([z.string(), z.number()])
    .meta({ description, pattern: DURATION_PATTERN, examples: ['30s', '500ms', '2m'] })
    .transform((value, context) => {
      const ms = parseDuration(value);
      if (ms === undefined) {
        context.addIssue({
          code: 'custom',
          message: 'must be a duration like 30s, 500ms or 2m',
          input: value,
        });
        return z.NEVER;
      }
      // Checked here, not in a refine, so the message quotes what the user wrote ("25h"), not milliseconds.
      if (maxMs !== undefined && ms > maxMs) {
        context.addIssue({ code: 'custom', message: `must be at most ${formatDuration(maxMs)}`, input: value });
        return z.NEVER;
      }
      return ms;
    });

const hostname = z.string().regex(DNS_SUBDOMAIN, { message: 'must be a lower-case DNS name like foo.localhost' });

const positiveInt = (message: string) => z.number().int({ message }).positive({ message });

/**
 * Upper bounds a real cluster or CI machine can honour; past them a value is a typo (an extra zero)
 * or an attempt to exhaust the runner. Each is stated in the schema's description of its key.
 */
export const LIMITS = {
  /** kind runs each node as a container; kwok simulates nodes cheaply, but 100 is far past any CI cluster. */
  workers: 100,
  apps: 20,
  replicas: 50,
  targets: 100,
  thresholds: 200,
  /** Requests per second over all hosts: far past what one runner can send, so only a typo reaches it. */
  rate: 1_000_000,
  connections: 10_000,
  pipelining: 256,
  threads: 64,
  maxInFlight: 1_000_000,
  durationMs: 24 * 3_600_000,
  tolerations: 20,
  startMarginMs: 60_000,
  warmupMs: 3_600_000,
  requestTimeoutMs: 600_000,
  maxSendLagMs: 60_000,
  readyTimeoutMs: 3_600_000,
  probeTimeoutMs: 3_600_000,
} as const;

/** A Kubernetes toleration (core/v1 Toleration), as the shard pods' spec takes it. */
const Toleration = z.strictObject({
  key: z.string().optional(),
  operator: z.enum(['Exists', 'Equal']).optional(),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
  tolerationSeconds: z.number().int().optional(),
});

const atMost = (limit: number) => ({ message: `must be at most ${limit}` });

/** A duration with an upper bound, stated in its message and description. */
const boundedDuration = (description: string, maxMs: number, positive = true) => {
  const bounded = duration(`${description} (at most ${formatDuration(maxMs)})`, maxMs);
  return positive ? bounded.refine((ms) => ms > 0, { message: 'must be longer than 0s' }) : bounded;
};

/** A string that `problem` (a package's own check, so the rule has one definition) accepts. */
const checked = (problem: (value: string) => string | undefined, description: string, examples: string[]) =>
  z
    .string()
    .superRefine((value, context) => {
      const message = problem(value);
      if (message !== undefined) context.addIssue({ code: 'custom', message, input: value });
    })
    .meta({ description, examples });

/** `repository[:tag][@sha256:<64 hex>]`, checked by @prload/deploy's parser. */
const imageReference = (description: string, examples: string[]) =>
  checked(imageReferenceProblem, `${description}. Format: repository[:tag][@sha256:<64 hex>]`, examples);

/** The chart's own image, charts/http-echo/values.yaml. */
const DEFAULT_APP_IMAGE = "the chart's own pinned hashicorp/http-echo:1.0.0 (by digest)";

const App = z
  .strictObject({
    name: z
      .string()
      .regex(/^[a-z]([-a-z0-9]{0,51}[a-z0-9])?$/, {
        message: 'must be a Helm release name: lower-case letters, digits and -',
      })
      .meta({ description: 'Release and Deployment name' }),
    text: z
      .string()
      .min(1, { message: 'must not be empty' })
      .meta({ description: 'What every request to the app answers (plus a newline)' }),
    host: hostname.meta({ description: 'Host header routed to the app by the ingress' }),
    replicas: positiveInt('must be a positive integer')
      .max(LIMITS.replicas, atMost(LIMITS.replicas))
      .default(2)
      .meta({ description: `Pods (or local processes) per app (at most ${LIMITS.replicas})` }),
    image: imageReference('The image this app runs; wins over chart.image', [
      'registry.example.com/hashicorp/http-echo:1.0.0',
    ]).optional(),
  })
  .meta({ description: 'One http-echo app, installed from charts/http-echo' });

const httpStatus = z
  .number()
  .int({ message: 'must be an HTTP status code' })
  .min(100, { message: 'must be an HTTP status code, 100-599' })
  .max(599, { message: 'must be an HTTP status code, 100-599' });

const Target = z.strictObject({
  host: hostname.meta({ description: 'Host header; must be served by one of the apps' }),
  path: z.string().startsWith('/', { message: 'must start with /' }).default('/'),
  expectStatus: httpStatus
    .optional()
    .meta({ description: 'Status an answer must have; another counts as an error. Default 200' }),
  expectBody: z.string().max(65_536, { message: 'must be at most 65536 characters' }).optional().meta({
    description:
      "Body an answer must equal; another (a misrouted answer) counts as an error. Default: the app's text and a newline",
  }),
  weight: z.number().positive({ message: 'must be a positive number' }).max(1_000_000, atMost(1_000_000)).default(1),
});

export const DEFAULT_APPS = [
  { name: 'foo', text: 'foo', host: 'foo.localhost', replicas: 2 },
  { name: 'bar', text: 'bar', host: 'bar.localhost', replicas: 2 },
] as const;

export const ConfigSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'Path or URL of this JSON Schema, for editors' }),
    cluster: z
      .strictObject({
        provider: z.enum(PROVIDER_NAMES).default('kind').meta({
          description:
            'Where the apps run: kind (Docker), local (processes on this machine), kwok (simulated pods), existing (your cluster)',
        }),
        name: z.string().regex(DNS_LABEL, { message: 'must be lower-case letters, digits and -' }).default('prload'),
        workers: z
          .number()
          .int()
          .min(0, { message: 'must be 0 or more' })
          .max(LIMITS.workers, atMost(LIMITS.workers))
          .default(2)
          .meta({ description: `Worker nodes beside the one control-plane (at most ${LIMITS.workers})` }),
        keep: z.boolean().default(false).meta({ description: 'Keep the cluster after the run' }),
        reuse: z.boolean().default(false).meta({ description: 'Reuse a kind cluster of the same name' }),
        preloadImages: z.array(z.string().min(1)).default([]).meta({
          description: 'Images to load into the kind nodes from the local Docker daemon (kind load docker-image)',
        }),
        nodeImage: imageReference(
          `The kind node image (provider kind), e.g. from a mirror or built offline; default ${KIND_NODE_IMAGE}, kind's own for the pinned release. The report takes the Kubernetes version from its tag`,
          ['registry.example.com/kindest/node:v1.37.0', 'prload.local/kind-node:v1.36.4'],
        ).optional(),
        kubeconfig: z
          .string()
          .optional()
          .meta({ description: 'Kubeconfig of an existing cluster (provider existing)' }),
        context: z.string().optional().meta({ description: 'Kubeconfig context (provider existing)' }),
        ingressPort: z
          .number()
          .int()
          .min(0)
          .max(65_535)
          .optional()
          .meta({ description: 'Host port of the ingress; local defaults to an ephemeral port, kind to 80' }),
      })
      .prefault({}),
    ingress: z
      .strictObject({
        controller: z
          .enum([...INGRESS_CONTROLLER_NAMES, 'none'])
          .default(DEFAULT_INGRESS_CONTROLLER)
          .meta({
            description:
              'nginx: the F5 NGINX Ingress Controller (default); ingress-nginx: the retired community one; traefik: Traefik Proxy; none: an existing cluster that has one',
          }),
        chart: checked(
          chartReferenceProblem,
          "The controller's Helm chart: a local chart folder (air-gapped runners) or an oci:// reference (a mirror); default the controller's pinned upstream chart",
          ['./charts/traefik', 'oci://registry.example.com/traefik/helm/traefik'],
        ).optional(),
        chartVersion: z
          .string()
          .regex(/^\S+$/, { message: 'must be a chart version like 41.3.0' })
          .optional()
          .meta({
            description:
              "Version of the controller's chart reference (helm --version); default the pinned one; ignored for a local chart folder",
            examples: ['41.3.0'],
          }),
        image: imageReference("The controller's image, mapped onto its chart's image values; default the chart's own", [
          'registry.example.com/traefik:v3.7.11',
        ]).optional(),
      })
      .prefault({}),
    chart: z
      .strictObject({
        source: checked(
          chartReferenceProblem,
          "Where the http-echo chart comes from: shipped (the copy inside @prload/deploy, nothing fetched), published (its release on GHCR, oci://ghcr.io/prload/charts/http-echo at this prload's version), an oci:// reference (a mirror) or a local chart folder (a fork)",
          ['shipped', 'published', 'oci://registry.example.com/prload/charts/http-echo', './charts/http-echo'],
        ).optional(),
        version: z
          .string()
          .regex(/^\S+$/, { message: 'must be a chart version like 0.1.0' })
          .optional()
          .meta({
            description:
              "Version of an oci:// chart (helm --version); default this prload's version, which its chart is released with",
            examples: ['0.1.0'],
          }),
        image: imageReference(
          `The image every app runs unless it names its own (apps[].image); default ${DEFAULT_APP_IMAGE}`,
          ['registry.example.com/hashicorp/http-echo:1.0.0'],
        ).optional(),
      })
      .prefault({})
      .meta({ description: 'The http-echo chart every app is installed from (charts/http-echo)' }),
    apps: z
      .array(App)
      .min(1, { message: 'must list at least one app' })
      .max(LIMITS.apps, { message: `must list at most ${LIMITS.apps} apps` })
      .default(() => DEFAULT_APPS.map((app) => ({ ...app }))),
    load: z
      .strictObject({
        duration: boundedDuration('How long load runs', LIMITS.durationMs).default(30_000),
        // Opening the connections stalls the first sends by 10-15 ms (bench/RESULTS.md); a second of
        // warm-up keeps that out of a short CI run's p99.
        warmup: boundedDuration('Load before measuring starts; excluded from results', LIMITS.warmupMs, false).default(
          1_000,
        ),
        rate: z
          .number({ message: 'must be a number' })
          .positive({ message: 'must be a positive number' })
          .max(LIMITS.rate, atMost(LIMITS.rate))
          .default(50)
          .meta({ description: `Requests per second over all hosts (open model; at most ${LIMITS.rate})` }),
        rampTo: z
          .number()
          .positive({ message: 'must be a positive number' })
          .max(LIMITS.rate, atMost(LIMITS.rate))
          .optional()
          .meta({ description: `Ramp linearly from rate to this rate (at most ${LIMITS.rate})` }),
        model: z.enum(['open', 'closed']).default('open'),
        arrivals: z.enum(['constant', 'poisson']).default('constant'),
        connections: positiveInt('must be a positive integer')
          .max(LIMITS.connections, atMost(LIMITS.connections))
          .default(10)
          .meta({ description: `Connections per host (at most ${LIMITS.connections})` }),
        pipelining: positiveInt('must be a positive integer')
          .max(LIMITS.pipelining, atMost(LIMITS.pipelining))
          .default(1)
          .meta({ description: `Requests pipelined per connection (at most ${LIMITS.pipelining})` }),
        engine: z.enum(['undici', 'socket']).default('socket').meta({
          description:
            "HTTP client of the load generator: socket (prload's own keep-alive HTTP/1.1 client on raw sockets; half undici's CPU per request, for the highest closed-model throughput) or undici. Both speak HTTP/1.1 straight to the address (no HTTP/2, no proxy) and record the same results",
        }),
        threads: positiveInt('must be a positive integer')
          .max(LIMITS.threads, atMost(LIMITS.threads))
          .default(1)
          .meta({
            description: `Worker threads of the load generator, sharing the schedule and the connections; more only helps with spare cores (at most ${LIMITS.threads})`,
          }),
        timeout: boundedDuration('Per-request timeout', LIMITS.requestTimeoutMs).default(10_000),
        behindPolicy: z
          .enum(['queue', 'drop'])
          .default('queue')
          .meta({ description: 'When the target falls behind: keep the schedule (queue) or skip requests (drop)' }),
        maxInFlight: positiveInt('must be a positive integer')
          .max(LIMITS.maxInFlight, atMost(LIMITS.maxInFlight))
          .optional()
          .meta({ description: `Cap on requests in flight (at most ${LIMITS.maxInFlight})` }),
        maxSendLag: boundedDuration(
          'Bound on the p99 lag between planned and actual send; over it the run is invalid (exit 4)',
          LIMITS.maxSendLagMs,
        ).optional(),
        seed: z
          .number()
          .int({ message: 'must be an integer' })
          .min(0, { message: 'must be 0 or more' })
          .max(0xffff_ffff, { message: 'must fit in 32 bits' })
          .optional()
          .meta({ description: 'Seed of the host mix; printed by every run so it can be passed back' }),
        targets: z
          .array(Target)
          .min(1)
          .max(LIMITS.targets, { message: `must list at most ${LIMITS.targets} targets` })
          .optional()
          .meta({ description: 'Hosts to load and their weights; default: every app, equally' }),
        thresholds: z
          .array(z.string())
          .max(LIMITS.thresholds, { message: `must list at most ${LIMITS.thresholds} thresholds` })
          .default([])
          .meta({
            description:
              'k6-style gates, e.g. p95<200ms, error_rate<1%, foo.localhost:p99<500ms; on resources foo:cpu_max<500m, memory_max<64Mi, restarts==0; on a baseline p95 regression > 10%',
          }),
        resources: z
          .strictObject({
            enabled: z.boolean().default(true).meta({
              description:
                'Sample CPU and memory of every app, the ingress controller and the load generator while the load runs',
            }),
            interval: duration(
              `How often resource usage is sampled, ${formatDuration(MIN_SAMPLE_INTERVAL_MS)}..${formatDuration(MAX_SAMPLE_INTERVAL_MS)} (the kubelet refreshes its figures every few seconds; shorter intervals repeat them)`,
              MAX_SAMPLE_INTERVAL_MS,
            )
              .refine((ms) => ms >= MIN_SAMPLE_INTERVAL_MS, { message: `must be at least ${MIN_SAMPLE_INTERVAL_MS}ms` })
              .default(1_000),
            baseline: duration(
              'Resource usage sampled before the load starts, shown beside the figures under load (0s: none; at most 1m)',
              60_000,
            ).default(1_000),
          })
          .prefault({}),
        distributed: z
          .strictObject({
            shards: positiveInt('must be a positive integer')
              .max(MAX_SHARDS, atMost(MAX_SHARDS))
              .optional()
              .meta({
                description: `Send the load from this many pods of one Indexed Job inside the cluster, sharing the one seeded schedule and merged exactly (kind and existing clusters, or prload load --kubeconfig; 1 is one pod); unset, this process sends (at most ${MAX_SHARDS})`,
              }),
            image: imageReference(
              `The shards' image, which runs \`prload shard\`; default ${DEFAULT_IMAGE}. On kind, preload it (cluster.preloadImages) when no node can pull it`,
              ['prload.local/prload:dev'],
            ).optional(),
            target: z
              .url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' })
              .optional()
              .meta({
                description:
                  "Where the shards send from inside the cluster; default the ingress controller's Service by cluster DNS (prload run), so the load measures the ingress without the host port",
              }),
            namespace: z
              .string()
              .regex(DNS_LABEL, { message: 'must be a Kubernetes namespace name (a DNS label)' })
              .optional()
              .meta({
                description:
                  "prload load with shards: the namespace the shards' Job runs in (prload run uses the run's own namespace)",
              }),
            nodeSelector: z
              .record(z.string(), z.string())
              .optional()
              .meta({ description: 'Node labels the shard pods must have, e.g. {"kubernetes.io/os": "linux"}' }),
            tolerations: z
              .array(Toleration)
              .max(LIMITS.tolerations, { message: `must list at most ${LIMITS.tolerations} tolerations` })
              .optional()
              .meta({ description: 'Taints the shard pods tolerate (Kubernetes tolerations)' }),
            startMargin: boundedDuration(
              'How far ahead of "every shard is ready" the shared start is set: the time the start notice has to reach every shard',
              LIMITS.startMarginMs,
            ).default(3_000),
            readyTimeout: boundedDuration(
              'Deadline for the shard pods to be scheduled, start and report ready',
              LIMITS.readyTimeoutMs,
            ).default(120_000),
          })
          .prefault({}),
      })
      .prefault({}),
    ready: z
      .strictObject({
        timeout: boundedDuration(
          'Deadline for the apps and the ingress controller to roll out (watched Deployments); past it the run fails with the pods and events that explain why',
          LIMITS.readyTimeoutMs,
        ).default(300_000),
      })
      .prefault({}),
    probe: z
      .strictObject({
        timeout: boundedDuration('Deadline for the apps to answer through the ingress', LIMITS.probeTimeoutMs).default(
          120_000,
        ),
      })
      .prefault({}),
    report: z
      .strictObject({
        out: z.string().min(1).default('./prload-results').meta({ description: 'Folder for the results' }),
        formats: z.array(z.enum(REPORT_FORMATS)).default(['json', 'md', 'html', 'junit']),
        id: z
          .string()
          .regex(/^[-\w.]+$/, { message: 'must be letters, digits, - _ or .' })
          .default('prload')
          .meta({ description: 'Report id; one sticky PR comment per id' }),
        baseline: z.string().optional().meta({ description: 'Result JSON of an earlier run to compare against' }),
        comment: z.boolean().default(true).meta({ description: 'Post the PR comment when running in GitHub Actions' }),
      })
      .prefault({}),
  })
  .superRefine((config, context) => {
    const served = new Set(config.apps.map((app) => app.host));
    config.load.targets?.forEach((target, index) => {
      if (!served.has(target.host)) {
        context.addIssue({
          code: 'custom',
          path: ['load', 'targets', index, 'host'],
          message: `no app serves this host (apps serve ${[...served].join(', ')})`,
          input: target.host,
        });
      }
    });
    if (config.cluster.provider === 'existing' && config.cluster.kubeconfig === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['cluster', 'kubeconfig'],
        message: 'required with provider existing (set --kubeconfig, PRLOAD_KUBECONFIG or cluster.kubeconfig)',
        input: undefined,
      });
    }
    // Only between values that are valid on their own; a bad connections count has its own line.
    if (config.load.connections >= 1 && config.load.threads > config.load.connections) {
      context.addIssue({
        code: 'custom',
        path: ['load', 'threads'],
        message: `must not exceed load.connections (${config.load.connections}): each thread needs a connection`,
        input: config.load.threads,
      });
    }
    if (
      config.load.maxInFlight !== undefined &&
      config.load.maxInFlight >= 1 &&
      config.load.threads > config.load.maxInFlight
    ) {
      context.addIssue({
        code: 'custom',
        path: ['load', 'threads'],
        message: `must not exceed load.maxInFlight (${config.load.maxInFlight})`,
        input: config.load.threads,
      });
    }
    const seen = new Set<string>();
    config.apps.forEach((app, index) => {
      if (seen.has(app.host)) {
        context.addIssue({
          code: 'custom',
          path: ['apps', index, 'host'],
          message: 'is served by another app already',
          input: app.host,
        });
      }
      seen.add(app.host);
    });
  });

/** The validated pipeline config: durations in milliseconds, every default filled in. */
export type Config = z.output<typeof ConfigSchema>;
/** What a config file may contain. */
export type ConfigInput = z.input<typeof ConfigSchema>;
