import { describe, expect, it } from 'vitest';
import { fitMarkdown } from '../src/fit-markdown.js';
import { detailsBlock } from '../src/markdown-table.js';

const small = detailsBlock('Small', 's'.repeat(100));
const large = detailsBlock('Large', 'l'.repeat(1000));
const doc = `### verdict\n\n| t |\n| --- |\n| 1 |\n\n${small}\n\n${large}\n`;

describe('fitMarkdown', () => {
  it('returns markdown that fits unchanged', () => {
    expect(fitMarkdown(doc, doc.length)).toBe(doc);
  });

  it('drops the largest <details> first and keeps the rest', () => {
    const out = fitMarkdown(doc, doc.length - 500, 'https://example.test/r');
    expect(out).toContain('s'.repeat(100));
    expect(out).not.toContain('l'.repeat(10));
    expect(out).toContain(
      '<sub>✂️ Large: left out to fit the size limit; see the [full report](https://example.test/r).</sub>',
    );
  });

  it('cuts the tail at a line break when no details are left, never exceeding the limit', () => {
    for (const max of [400, 150, 80, 10]) {
      const out = fitMarkdown(doc, max);
      expect(out.length).toBeLessThanOrEqual(max);
    }
    const out = fitMarkdown(doc, 120);
    expect(out.startsWith('### verdict\n')).toBe(true);
    expect(out).not.toContain('<sub>✂️ Large');
    expect(out).toContain('Report truncated to fit the size limit');
  });
});
