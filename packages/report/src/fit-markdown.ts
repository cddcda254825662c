import { safeUrl } from './safe-url.js';

const DETAILS = /^<details(?: open)?><summary>(.*?)<\/summary>\n[\s\S]*?\n<\/details>$/gm;

/**
 * Shrinks markdown to `maxLength` characters: first replaces the largest
 * `<details>` sections with a one-line note (the table and verdict stay),
 * then cuts the tail. The renderer escapes `<` in external text, so every
 * `<details>` found here is one it wrote.
 */
export function fitMarkdown(markdown: string, maxLength: number, fullReportUrl?: string): string {
  if (markdown.length <= maxLength) return markdown;
  const url = safeUrl(fullReportUrl);
  const seeFull = url ? `; see the [full report](${url})` : '';
  let text = markdown;
  const sections = [...markdown.matchAll(DETAILS)].sort((a, b) => b[0].length - a[0].length);
  for (const section of sections) {
    if (text.length <= maxLength) break;
    const note = `<sub>✂️ ${section[1]}: left out to fit the size limit${seeFull}.</sub>`;
    text = text.replace(section[0], () => note);
  }
  if (text.length <= maxLength) return text;
  const footer = `\n\n<sub>✂️ Report truncated to fit the size limit${seeFull}.</sub>\n`;
  const room = Math.max(0, maxLength - footer.length);
  const cut = text.lastIndexOf('\n', room);
  return `${text.slice(0, cut > 0 ? cut : room)}${footer}`.slice(0, maxLength);
}
