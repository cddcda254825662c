import { describe, expect, it } from 'vitest';
import { KIND_VERSION } from '../../src/kind/node-image.js';
import { ToolNotFoundError } from '../../src/tools/errors.js';
import { currentPlatform } from '../../src/tools/platform.js';
import { TOOL_PINS } from '../../src/tools/tool-pins.js';

describe('currentPlatform', () => {
  it.each([
    ['linux', 'x64', 'linux-amd64'],
    ['linux', 'arm64', 'linux-arm64'],
    ['darwin', 'x64', 'darwin-amd64'],
    ['darwin', 'arm64', 'darwin-arm64'],
  ])('%s/%s -> %s', (platform, arch, expected) => {
    expect(currentPlatform(platform, arch)).toBe(expected);
  });

  it.each([
    ['win32', 'x64'],
    ['linux', 'ia32'],
  ])('has no pins for %s/%s', (platform, arch) => {
    expect(() => currentPlatform(platform, arch)).toThrow(ToolNotFoundError);
  });
});

describe('TOOL_PINS', () => {
  it('pins every tool for all four platforms with a SHA-256 and an https URL naming the version', () => {
    for (const [name, pin] of Object.entries(TOOL_PINS)) {
      expect(Object.keys(pin.assets).sort()).toEqual(['darwin-amd64', 'darwin-arm64', 'linux-amd64', 'linux-arm64']);
      for (const [platform, asset] of Object.entries(pin.assets)) {
        expect(asset!.sha256, `${name} ${platform}`).toMatch(/^[0-9a-f]{64}$/);
        expect(asset!.url).toMatch(/^https:\/\//);
        expect(asset!.url).toContain(pin.version);
        const [os, arch] = platform.split('-');
        expect(asset!.url).toMatch(new RegExp(`${os}[-/]${arch}`));
      }
    }
  });

  it('downloads the kind release whose default node image is pinned (v0.33.0, its published sums)', () => {
    expect(TOOL_PINS.kind.version).toBe(KIND_VERSION);
    expect(TOOL_PINS.kind.assets['linux-amd64']).toEqual({
      url: 'https://github.com/kubernetes-sigs/kind/releases/download/v0.33.0/kind-linux-amd64',
      sha256: 'aee6151561422756b764a4ae28e7f44cda5af5a9eead3cc9985112b1de8d8e0d',
    });
  });
});
