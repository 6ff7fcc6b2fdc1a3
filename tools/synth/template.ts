/**
 * Terraform string templates, as they appear in JSON syntax (`cdk.tf.json`)
 * and in HCL quoted strings.
 *
 * In Terraform's JSON syntax every string is a template: `${...}` is an
 * interpolation, `%{...}` a directive, and `$${` / `%%{` are escapes for the
 * literal text. HCL quoted templates use the same sequences, so a JSON string
 * becomes an HCL string by escaping only the characters that HCL quoted
 * strings treat specially (backslash, double quote, control characters).
 * https://developer.hashicorp.com/terraform/language/syntax/json#expression-mapping
 * https://developer.hashicorp.com/terraform/language/expressions/strings
 */

/** One piece of a template: literal text (escapes kept as written) or a `${}` / `%{}` sequence. */
export type TemplatePart =
  | { readonly kind: "literal"; readonly text: string }
  | { readonly kind: "interpolation"; readonly expression: string }
  | { readonly kind: "directive"; readonly expression: string };

/** Thrown when a string holds an unterminated `${` or `%{` sequence. */
export class TemplateSyntaxError extends Error {
  constructor(template: string, reason = "unterminated interpolation") {
    super(`${reason} in template ${JSON.stringify(template)}`);
    this.name = "TemplateSyntaxError";
  }
}

/**
 * Splits a template into its parts. Literal parts keep `$${` and `%%{`
 * escapes as written, so joining the parts back gives the input.
 */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = "";
  let index = 0;
  while (index < template.length) {
    if (template.startsWith("$${", index) || template.startsWith("%%{", index)) {
      literal += template.slice(index, index + 3);
      index += 3;
      continue;
    }
    const opener = template.slice(index, index + 2);
    if (opener === "${" || opener === "%{") {
      const end = findClosingBrace(template, index + 2);
      if (literal) parts.push({ kind: "literal", text: literal });
      literal = "";
      const expression = template.slice(index + 2, end);
      parts.push(opener === "${" ? { kind: "interpolation", expression } : { kind: "directive", expression });
      index = end + 1;
      continue;
    }
    literal += template[index];
    index += 1;
  }
  if (literal) parts.push({ kind: "literal", text: literal });
  return parts;
}

/**
 * Index of the `}` closing the sequence whose expression starts at `start`,
 * skipping nested braces and quoted strings (which may nest templates).
 */
function findClosingBrace(template: string, start: number): number {
  let depth = 0;
  let index = start;
  while (index < template.length) {
    const char = template[index];
    if (char === '"') {
      index = skipQuotedString(template, index + 1);
      continue;
    }
    if (char === "{") depth += 1;
    if (char === "}") {
      if (depth === 0) return index;
      depth -= 1;
    }
    index += 1;
  }
  throw new TemplateSyntaxError(template);
}

/** Index just past the closing quote of a quoted string whose content starts at `start`. */
export function skipQuotedString(template: string, start: number): number {
  let index = start;
  while (index < template.length) {
    const char = template[index];
    if (char === "\\") {
      index += 2;
      continue;
    }
    if (char === '"') return index + 1;
    if (template.startsWith("$${", index) || template.startsWith("%%{", index)) {
      index += 3;
      continue;
    }
    if (template.startsWith("${", index) || template.startsWith("%{", index)) {
      index = findClosingBrace(template, index + 2) + 1;
      continue;
    }
    index += 1;
  }
  throw new TemplateSyntaxError(template);
}

/**
 * The expression of an interpolation-only template (`"${expr}"`), or
 * undefined when the template has anything else in it. Terraform returns the
 * expression's value unchanged for such a template, so `expr` alone is
 * equivalent and is what `terraform fmt` users expect.
 */
export function interpolationOnly(template: string): string | undefined {
  const parts = parseTemplate(template);
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.kind !== "interpolation") return undefined;
  const expression = only.expression.trim();
  // `${~ x ~}` strip markers only make sense inside a longer template.
  if (expression.startsWith("~") || expression.endsWith("~") || expression === "") return undefined;
  return expression;
}

/** Escapes literal template text for an HCL quoted string; `$${` and `%%{` stay as they are. */
function escapeLiteral(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === "\\") out += "\\\\";
    else if (char === '"') out += '\\"';
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += char;
  }
  return out;
}

/** Renders a template as an HCL quoted string, keeping every interpolation as a template sequence. */
export function quotedTemplate(template: string): string {
  const body = parseTemplate(template)
    .map((part) => {
      if (part.kind === "literal") return escapeLiteral(part.text);
      assertSingleLine(part.expression, template);
      return part.kind === "interpolation" ? `\${${part.expression}}` : `%{${part.expression}}`;
    })
    .join("");
  return `"${body}"`;
}

/**
 * Renders a JSON-syntax string as an HCL expression: a bare expression when
 * the string is interpolation-only, else a quoted template.
 */
export function stringExpression(template: string): string {
  const expression = interpolationOnly(template);
  if (expression === undefined) return quotedTemplate(template);
  return expression;
}

/** A line break inside `${}` of a quoted string is not valid HCL; fail rather than write broken output. */
function assertSingleLine(expression: string, template: string): void {
  if (/[\r\n]/.test(expression)) {
    throw new TemplateSyntaxError(template, "line break inside an interpolation");
  }
}

/**
 * A heredoc for a multi-line template that ends with a line break (user
 * data, scripts), or undefined when a quoted string is the only exact form.
 * Heredoc content is a template like a quoted string, but without backslash
 * escapes, so the text reads as written; its value is every line followed by
 * a line break, hence the trailing-newline condition.
 */
export function heredoc(template: string): string | undefined {
  // Two lines at least: a one-line value reads better as a quoted string.
  if (!template.endsWith("\n") || !template.slice(0, -1).includes("\n")) return undefined;
  // Other control characters (and CR) have no heredoc spelling.
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(template)) return undefined;
  const lines = template.slice(0, -1).split("\n");
  let marker = "EOT";
  for (let suffix = 1; lines.some((line) => line.trim() === marker); suffix += 1) marker = `EOT${suffix}`;
  try {
    parseTemplate(template);
  } catch {
    return undefined;
  }
  return `<<${marker}\n${template}${marker}`;
}
