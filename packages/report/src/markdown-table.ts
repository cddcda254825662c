import { escapeMarkdown } from './escape.js';

/** A table cell: plain text (escaped here) or markdown the renderer built itself. */
export type Cell = string | number | { readonly md: string };

export function md(markdown: string): { readonly md: string } {
  return { md: markdown };
}

/** A GitHub markdown table; `align` per column, `r` for numbers. */
export function markdownTable(headers: readonly Cell[], rows: readonly (readonly Cell[])[], align?: string): string {
  const render = (cell: Cell) => (typeof cell === 'object' ? cell.md : escapeMarkdown(cell, 500));
  const line = (cells: readonly Cell[]) => `| ${cells.map(render).join(' | ')} |`;
  const separator = `|${headers.map((_, i) => (align?.[i] === 'r' ? ' --: ' : ' --- ')).join('|')}|`;
  return [line(headers), separator, ...rows.map(line)].join('\n');
}

/** A collapsed section; the blank lines let GitHub render markdown inside it. */
export function detailsBlock(summary: string, body: string, open = false): string {
  return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${body.trim()}\n\n</details>`;
}
