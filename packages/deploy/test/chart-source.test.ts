import { describe, expect, it } from 'vitest';
import { chartReferenceProblem, controllerChartSource } from '../src/chart-source.js';
import { DeployConfigError } from '../src/errors.js';
import { ingressControllers } from '../src/ingress-controllers.js';

const { nginx, 'ingress-nginx': ingressNginx, traefik } = ingressControllers;

describe('controllerChartSource', () => {
  it('takes the pinned reference and version by default', () => {
    expect(controllerChartSource(traefik)).toEqual({
      chart: 'oci://ghcr.io/traefik/helm/traefik',
      version: '41.3.0',
      local: false,
    });
    expect(controllerChartSource(ingressNginx)).toEqual({
      chart: 'ingress-nginx',
      repo: 'https://kubernetes.github.io/ingress-nginx',
      version: '4.14.1',
      local: false,
    });
  });

  it('installs another version of the pinned reference', () => {
    expect(controllerChartSource(ingressNginx, { version: '4.11.0' })).toMatchObject({ version: '4.11.0' });
  });

  it('takes a mirror’s oci:// reference, with the pinned version unless given another', () => {
    expect(controllerChartSource(nginx, { chart: 'oci://mirror.local:5000/nginx/charts/nginx-ingress' })).toEqual({
      chart: 'oci://mirror.local:5000/nginx/charts/nginx-ingress',
      version: '2.6.4',
      local: false,
    });
    expect(controllerChartSource(traefik, { chart: 'oci://mirror.local/traefik', version: '41.2.0' })).toEqual({
      chart: 'oci://mirror.local/traefik',
      version: '41.2.0',
      local: false,
    });
  });

  it('installs a local folder as it is: no --repo, and the version is ignored', () => {
    expect(controllerChartSource(ingressNginx, { chart: './charts/ingress-nginx', version: '4.11.0' })).toEqual({
      chart: './charts/ingress-nginx',
      local: true,
    });
  });

  it.each([
    [{ chart: '' }, 'deploy.ingressChart: must not be empty, got ""'],
    [
      { chart: 'https://kubernetes.github.io/ingress-nginx' },
      'deploy.ingressChart: must be a local chart folder or an oci://<registry>/<path> reference, got "https://kubernetes.github.io/ingress-nginx"',
    ],
    [{ chart: 'oci://' }, 'deploy.ingressChart: must be a local chart folder or an oci://<registry>/<path> reference'],
    [{ version: ' ' }, 'deploy.ingressChartVersion: must not be empty'],
  ])('rejects %j', (override, message) => {
    expect(() => controllerChartSource(traefik, override)).toThrow(DeployConfigError);
    expect(() => controllerChartSource(traefik, override)).toThrow(message);
  });

  it('says why a chart reference is unusable, for the config schema', () => {
    expect(chartReferenceProblem('oci://ghcr.io/traefik/helm/traefik')).toBeUndefined();
    expect(chartReferenceProblem('/srv/charts/traefik')).toBeUndefined();
    expect(chartReferenceProblem('s3://bucket/chart')).toMatch(/oci:\/\//);
  });
});
