import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown, escapeXml, jsonForScript, mermaidLabel, plainText } from '../src/escape.js';
import { containsStripped, HOSTILE } from './fixtures/hostile.js';

describe('escapeMarkdown', () => {
  it.each(HOSTILE)('leaves no markdown or HTML syntax in %j', (input) => {
    const out = escapeMarkdown(input);
    expect(out).not.toMatch(/[<>|`*_[\]\n\r\\~]/);
    const decoded = out.replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)));
    expect(decoded).not.toMatch(/@[a-z]/i);
    expect(decoded).not.toMatch(/#\d/);
    expect(containsStripped(out)).toBe(false);
    // Only entities we produced: every & starts an entity.
    expect(out.replace(/&(#\d+|amp|lt|gt|quot);/g, '')).not.toContain('&');
  });

  it('keeps ordinary text readable through entities', () => {
    expect(escapeMarkdown('foo.localhost')).toBe('foo.localhost');
    expect(escapeMarkdown('a|b')).toBe('a&#124;b');
  });

  it('caps the length', () => {
    expect(Array.from(plainText('x'.repeat(1000), 10))).toHaveLength(10);
  });
});

describe('escapeHtml / escapeXml / mermaidLabel / jsonForScript', () => {
  it.each(HOSTILE)('neutralises %j', (input) => {
    expect(escapeHtml(input)).not.toMatch(/[<>"']/);
    expect(escapeXml(input)).not.toMatch(/[<>"'\n]/);
    expect(mermaidLabel(input)).toMatch(/^[A-Za-z0-9 .,:/%()_-]*$/);
    expect(jsonForScript({ input })).not.toMatch(/[<>]/);
    expect(JSON.parse(jsonForScript({ input }))).toEqual({ input });
  });

  it('drops characters XML 1.0 cannot carry, including lone surrogates', () => {
    expect(escapeXml('a\u0000b\u0008c\ud800d\udc00e😀')).toBe('abcde😀');
  });
});
