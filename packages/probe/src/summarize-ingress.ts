import type { V1Ingress, V1IngressBackend } from '@kubernetes/client-node';
import type { IngressRuleSummary, IngressSummary } from './diagnostics-types.js';

function describeBackend(backend: V1IngressBackend | undefined): string {
  if (backend?.service) {
    const port = backend.service.port?.number ?? backend.service.port?.name ?? '?';
    return `${backend.service.name}:${port}`;
  }
  if (backend?.resource) return `resource ${backend.resource.kind}/${backend.resource.name}`;
  return '<no backend>';
}

/** Hosts, paths and backends of an Ingress, and the addresses its controller published. */
export function summarizeIngress(ingress: V1Ingress): IngressSummary {
  const rules: IngressRuleSummary[] = [];
  for (const rule of ingress.spec?.rules ?? []) {
    const host = rule.host ?? '*';
    for (const p of rule.http?.paths ?? []) {
      rules.push({ host, path: p.path ?? '/', backend: describeBackend(p.backend) });
    }
  }
  const addresses = (ingress.status?.loadBalancer?.ingress ?? []).flatMap((i) =>
    [i.ip, i.hostname].filter((a): a is string => Boolean(a)),
  );
  return {
    name: ingress.metadata?.name ?? '<unnamed>',
    className: ingress.spec?.ingressClassName,
    addresses,
    defaultBackend: ingress.spec?.defaultBackend ? describeBackend(ingress.spec.defaultBackend) : undefined,
    rules,
  };
}
