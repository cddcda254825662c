import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExecutor } from '@prload/cluster';
import { parseAllDocuments, stringify } from 'yaml';
import { defaultChartPath } from '../../src/chart-path.js';
import { helmBinary } from './helm-binary.js';

/** A rendered Kubernetes object, loosely typed: tests index into it. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string>; labels?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: rendered specs are arbitrary YAML; the assertions check their shape.
  spec: any;
  /** A ConfigMap's entries. */
  data?: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: a ValidatingWebhookConfiguration's entries, arbitrary YAML.
  webhooks?: any[];
}

export interface Rendered {
  readonly exitCode: number;
  readonly stderr: string;
  readonly objects: K8sObject[];
  /** The one object of this kind (and name, if given); throws when there is not exactly one. */
  byKind(kind: string, name?: string): K8sObject;
}

export interface RenderTarget {
  /** @default defaultChartPath() (charts/http-echo) */
  readonly chart?: string;
  /** @default 'apps' */
  readonly namespace?: string;
}

/**
 * `helm template <release> <chart>` (charts/http-echo unless told another) with the real helm
 * binary and the given values, written to a file as deploy does.
 */
export async function renderChart(
  release: string,
  values: Record<string, unknown> | undefined,
  extraArgs: readonly string[] = [],
  target: RenderTarget = {},
): Promise<Rendered> {
  const dir = await mkdtemp(join(tmpdir(), 'prload-chart-'));
  try {
    const chart = target.chart ?? defaultChartPath();
    const args = ['template', release, chart, '--namespace', target.namespace ?? 'apps', ...extraArgs];
    if (values) {
      await writeFile(join(dir, 'values.yaml'), stringify(values));
      args.push('--values', join(dir, 'values.yaml'));
    }
    const result = await createExecutor().run(await helmBinary(), args);
    const objects =
      result.exitCode === 0
        ? parseAllDocuments(result.stdout)
            .map((doc) => doc.toJS() as K8sObject)
            .filter(Boolean)
        : [];
    return {
      exitCode: result.exitCode,
      stderr: result.stderr,
      objects,
      byKind(kind, name) {
        const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
        if (found.length !== 1) throw new Error(`expected one ${kind} ${name ?? ''}, rendered ${found.length}`);
        return found[0]!;
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
