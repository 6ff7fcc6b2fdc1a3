/**
 * Markdown helpers. Addresses, names and values come from plan files, so they
 * are always put in code spans or escaped: a crafted resource key must not be
 * able to inject HTML or break the table.
 */

/** An inline code span. Backticks cannot be escaped inside one, so they are replaced. */
export function code(text: string): string {
  const clean = defuseComments(text.replace(/`/g, "'").replace(/[\r\n]+/g, " "));
  return `\`${clean}\``;
}

/**
 * Breaks every `<!--` in text from a plan with a zero-width space, so no value
 * can open an HTML comment or repeat the sticky comment's marker, which the
 * workflow finds by plain text search. The text reads the same.
 */
export function defuseComments(text: string): string {
  return text.replace(/<!--/g, "<!\u200b--");
}

/**
 * A fenced code block whose fence is longer than any backtick run inside, so
 * no value can close it. Each line of `lines` must be a single line.
 */
export function fence(lines: readonly string[], language = ""): string {
  const body = lines.map((line) => defuseComments(line.replace(/[\r\n]+/g, " "))).join("\n");
  const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = "`".repeat(longest + 1);
  return `${ticks}${language}\n${body}\n${ticks}`;
}

/** Indents every line of a block, to nest it under a list item. */
export function indent(block: string, by = "  "): string {
  return block
    .split("\n")
    .map((line) => (line === "" ? line : `${by}${line}`))
    .join("\n");
}

/** Escapes text for use outside code spans, including inside table cells. */
export function escapeText(text: string): string {
  return text
    .replace(/([\\`*_[\]#|])/g, "\\$1")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@/g, "&#64;")
    .replace(/[\r\n]+/g, " ");
}

/**
 * Escapes a short value from a plan (a status, a TTL) for a sentence: HTML and
 * the Markdown that could open a link, a code span, a table cell or a mention.
 * Underscores stay, so `NOT_SIGNING` reads as is (GFM does not emphasise inside words).
 */
export function escapeValue(text: string): string {
  return text
    .replace(/([\\`*[\]#|])/g, "\\$1")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@/g, "&#64;")
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
