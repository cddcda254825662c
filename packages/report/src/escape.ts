// Escaping of external strings (host names, error messages, response bodies,
// branch names, thresholds) before they enter markdown, HTML, XML, Mermaid or
// a terminal. All of it may come from a fork's PR, so it is hostile input.

// C0/C1 controls, and bidi overrides and isolates (Trojan Source-style display tricks).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g;

/** Removes control and bidi characters and collapses line breaks to a space; caps the length. */
export function plainText(value: unknown, maxLength = 300): string {
  const text = String(value ?? '')
    .replace(LINE_BREAKS, ' ')
    .replace(/\t/g, ' ')
    .replace(CONTROL, '');
  return truncate(text, maxLength);
}

function truncate(text: string, maxLength: number): string {
  const chars = Array.from(text);
  return chars.length <= maxLength ? text : `${chars.slice(0, Math.max(0, maxLength - 1)).join('')}…`;
}

const MARKDOWN_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '|': '&#124;',
  '`': '&#96;',
  '*': '&#42;',
  _: '&#95;',
  '[': '&#91;',
  ']': '&#93;',
  '\\': '&#92;',
  '~': '&#126;',
  // The zero-width space breaks GitHub's mention and issue-reference filters,
  // which run on the rendered text where entities are already decoded.
  '#': '&#35;&#8203;',
  '@': '&#64;&#8203;',
  $: '&#36;',
};

/**
 * Makes an external string inert in GitHub markdown, in a table cell or a
 * paragraph, and inside HTML blocks such as `<summary>`: every character with
 * markdown or HTML meaning becomes a numeric entity, line breaks become spaces.
 * `@` and `#` get a zero-width space so a hostile host name can neither
 * mention users nor reference issues; `$` so it cannot open GitHub math.
 * Line-start syntax (`-`, `=`, `+`) needs no escape: line breaks are gone.
 */
export function escapeMarkdown(value: unknown, maxLength = 300): string {
  return plainText(value, maxLength).replace(/[&<>"|`*_[\]\\~#@$]/g, (c) => MARKDOWN_ENTITIES[c]!);
}

/** Text for a `<pre>` block in markdown: HTML-escaped, mentions and issue references broken. */
export function escapePre(value: unknown): string {
  return escapeHtml(value).replace(/([@#])(?=[A-Za-z0-9])/g, '$1\u200b');
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(CONTROL, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

// XML 1.0 forbids most C0 controls and unpaired surrogates even as entities.
const XML_INVALID =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escapes text for XML element content and attribute values, dropping characters XML cannot carry. */
export function escapeXml(value: unknown): string {
  return String(value ?? '')
    .replace(CONTROL, '')
    .replace(XML_INVALID, '')
    .replace(
      /[&<>"'\r\n\t]/g,
      (c) =>
        ({
          '&': '&amp;',
          '<': '&lt;',
          '>': '&gt;',
          '"': '&quot;',
          "'": '&apos;',
          '\r': '&#13;',
          '\n': '&#10;',
          '\t': '&#9;',
        })[c]!,
    );
}

/** A Mermaid label: only letters, digits, space and `. , : / % ( ) -`, quoted by the caller. */
export function mermaidLabel(value: unknown, maxLength = 60): string {
  const label = plainText(value, 1000).replace(/[^A-Za-z0-9 .,:/%()-]/g, '_');
  return label.length <= maxLength ? label : `${label.slice(0, Math.max(0, maxLength - 3))}...`;
}

/** JSON for embedding in an HTML `<script>` element: `<`, `>`, `&` and line separators become escapes. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
