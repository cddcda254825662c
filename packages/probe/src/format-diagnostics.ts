import type { Diagnostics } from './diagnostics-types.js';

/** Plain-text report of the diagnostics, for terminals and CI logs. */
export function formatDiagnostics(d: Diagnostics): string {
  const out: string[] = [`Diagnostics for namespace ${d.namespace} (collected ${d.collectedAt})`];
  const section = (title: string, lines: readonly string[], empty: string) => {
    out.push(`${title}:`);
    out.push(...(lines.length > 0 ? lines.map((l) => `  ${l}`) : [`  ${empty}`]));
  };

  section(
    'Deployments',
    d.deployments.map((dep) => `${dep.done ? 'ready    ' : 'NOT READY'} ${dep.name}: ${dep.reason}`),
    '(none)',
  );
  section(
    'Pods not ready',
    d.pods.flatMap((p) => [
      `${p.name} (${p.phase}${p.node ? ` on ${p.node}` : ', no node'})`,
      ...p.reasons.map((r) => `  - ${r}`),
    ]),
    '(none)',
  );
  section(
    `Recent events (last ${d.events.length})`,
    d.events.map((e) => {
      const count = e.count > 1 ? ` (x${e.count})` : '';
      return `${e.time ?? '-'} ${e.type} ${e.reason} ${e.object}: ${e.message}${count}`;
    }),
    '(none)',
  );
  section(
    'Logs of failing containers',
    d.logs.flatMap((l) => [
      `--- ${l.pod}/${l.container}${l.previous ? ' (previous instance)' : ''} ---`,
      ...(l.lines.length > 0 ? l.lines : ['(empty)']),
    ]),
    '(none)',
  );
  section(
    'Ingresses',
    d.ingresses.flatMap((i) => {
      const head = `${i.name} (class ${i.className ?? '<default>'}, address ${i.addresses.join(', ') || '<none yet>'})`;
      const rules = i.rules.map((r) => `  ${r.host}${r.path} -> ${r.backend}`);
      const fallback = i.defaultBackend ? [`  default -> ${i.defaultBackend}`] : [];
      return [head, ...rules, ...fallback];
    }),
    '(none)',
  );
  if (d.errors.length > 0) section('Could not collect', d.errors, '');
  return out.join('\n');
}
