import { describe, expect, it } from 'vitest';
import { ToolVersionError } from '../../src/tools/errors.js';
import { compareVersions, formatVersion, parseVersion } from '../../src/tools/semver.js';
import { parseHelmVersion, parseKindVersion, parseKubectlVersion } from '../../src/tools/tool-versions.js';

describe('tool version parsers', () => {
  it.each([
    ['kind v0.30.0 go1.24.6 linux/amd64\n', 'v0.30.0'],
    ['kind v0.27.0 go1.23.6 darwin/arm64', 'v0.27.0'],
    ['kind v0.31.0-alpha+abc go1.25 linux/amd64', 'v0.31.0'],
  ])('kind: %j -> %s', (stdout, version) => {
    expect(formatVersion(parseKindVersion(stdout))).toBe(version);
  });

  it.each([
    ['v3.19.0+g3d8990f\n', 'v3.19.0'],
    ['v4.1.4+g05fa379', 'v4.1.4'],
    ['v4.0.0', 'v4.0.0'],
  ])('helm: %j -> %s', (stdout, version) => {
    expect(formatVersion(parseHelmVersion(stdout))).toBe(version);
  });

  it('kubectl: reads clientVersion.gitVersion from the JSON form', () => {
    const stdout = JSON.stringify({ clientVersion: { major: '1', minor: '32+', gitVersion: 'v1.32.4-dispatcher' } });
    expect(formatVersion(parseKubectlVersion(stdout))).toBe('v1.32.4');
  });

  it.each([
    ['kind', () => parseKindVersion('kind version 0.30')],
    ['helm 2', () => parseHelmVersion('Client: &version.Version{SemVer:"v2.17.0"}')],
    ['kubectl text', () => parseKubectlVersion('Client Version: v1.34.5')],
    ['kubectl without clientVersion', () => parseKubectlVersion('{}')],
  ])('%s: unreadable output is a ToolVersionError', (_name, parse) => {
    expect(parse).toThrow(ToolVersionError);
  });
});

describe('semver', () => {
  it('orders by major, minor, patch', () => {
    const sorted = ['v1.10.0', 'v1.9.9', 'v0.27.0', 'v1.9.10'].map((v) => parseVersion(v)!).sort(compareVersions);
    expect(sorted.map(formatVersion)).toEqual(['v0.27.0', 'v1.9.9', 'v1.9.10', 'v1.10.0']);
  });

  it('reads a two-part version as .0', () => {
    expect(parseVersion('1.29')).toEqual({ major: 1, minor: 29, patch: 0 });
    expect(parseVersion('none')).toBeUndefined();
  });
});
