import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appChartSource, PUBLISHED_CHART } from '../src/app-chart.js';
import { defaultChartPath } from '../src/chart-path.js';
import { DeployConfigError } from '../src/errors.js';
import { planDeployment } from '../src/plan-deployment.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe('appChartSource', () => {
  it('defaults to the chart shipped in this package, a local folder', () => {
    expect(appChartSource()).toEqual({ chart: defaultChartPath(), local: true });
    expect(appChartSource('shipped')).toEqual(appChartSource());
  });

  it("takes 'published' as the GHCR release at this package's version, or the one given", () => {
    expect(PUBLISHED_CHART).toBe('oci://ghcr.io/prload/charts/http-echo');
    expect(appChartSource('published')).toEqual({ chart: PUBLISHED_CHART, version, local: false });
    expect(appChartSource('published', '0.2.0')).toMatchObject({ version: '0.2.0' });
  });

  it("takes a mirror's oci:// reference, at this package's version unless another is given", () => {
    const mirror = 'oci://registry.example.com/prload/http-echo';
    expect(appChartSource(mirror)).toEqual({ chart: mirror, version, local: false });
    expect(appChartSource(mirror, '1.2.3')).toEqual({ chart: mirror, version: '1.2.3', local: false });
  });

  it('takes any other string as a local chart folder, without a version', () => {
    expect(appChartSource('./forks/http-echo', '9.9.9')).toEqual({ chart: './forks/http-echo', local: true });
  });

  it('rejects another URL scheme and an empty version with a DeployConfigError naming the key', () => {
    expect(() => appChartSource('https://charts.example.com/http-echo')).toThrow(DeployConfigError);
    expect(() => appChartSource('https://charts.example.com/http-echo')).toThrow(
      /^deploy\.chart: must be a local chart folder or an oci:\/\/<registry>\/<path> reference, got "https:/,
    );
    expect(() => appChartSource('published', ' ')).toThrow(/^deploy\.chartVersion: must not be empty$/);
  });
});

describe('planDeployment with a chart reference', () => {
  it('installs every app from the published chart with --version', () => {
    const plan = planDeployment({
      apps: [
        { name: 'foo', text: 'foo', host: 'foo.localhost' },
        { name: 'bar', text: 'bar', host: 'bar.localhost' },
      ],
      namespace: 'prload',
      valuesDir: '/v',
      helmMajor: 4,
      ingressController: 'none',
      chart: 'published',
    });
    for (const command of plan.commands) {
      expect(command.args.slice(3, 6)).toEqual([PUBLISHED_CHART, '--version', version]);
    }
  });
});
