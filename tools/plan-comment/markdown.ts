/**
 * Markdown helpers. Addresses, names and values come from plan files, so they
 * are always put in code spans or escaped: a crafted resource key must not be
 * able to inject HTML or break the table.
 */

/** An inline code span. Backticks cannot be escaped inside one, so they are replaced. */
export function code(text: string): string {
  const clean = text.replace(/`/g, "'").replace(/[\r\n]+/g, " ");
  return `\`${clean}\``;
}

/** Escapes text for use outside code spans, including inside table cells. */
export function escapeText(text: string): string {
  return text
    .replace(/([\\`*_[\]#|])/g, "\\$1")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\r\n]+/g, " ");
}

/** A collapsed section. The blank line after <summary> lets GitHub render Markdown inside. */
export function details(summary: string, body: string, open = false): string {
  return `<details${open ? " open" : ""}><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/** Shortens a string to `max` characters, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
