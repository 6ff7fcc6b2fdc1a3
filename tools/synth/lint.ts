/**
 * Text-level rules for the committed HCL that a parse cannot see: hcl2json
 * prints `"${a.b}"` and `a.b` the same way and drops comments.
 */
import type { Finding } from "./equivalence";
import { TF_HEADER } from "./hcl-files";
import { interpolationOnly, skipQuotedString } from "./template";

interface Token {
  readonly line: number;
  readonly kind: "string" | "comment";
  readonly text: string;
}

/** Quoted strings (content without quotes) and comments, skipping heredoc bodies. */
function scan(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (char === "\n") {
      line += 1;
      index += 1;
    } else if (char === '"') {
      const end = skipQuotedString(text, index + 1);
      tokens.push({ line, kind: "string", text: text.slice(index + 1, end - 1) });
      index = end;
    } else if (char === "#" || text.startsWith("//", index) || text.startsWith("/*", index)) {
      const end = text.indexOf("\n", index);
      tokens.push({ line, kind: "comment", text: text.slice(index, end < 0 ? undefined : end) });
      index = end < 0 ? text.length : end;
    } else if (text.startsWith("<<", index)) {
      const header = /^<<-?([A-Za-z_][A-Za-z0-9_]*)\n/.exec(text.slice(index));
      if (!header) {
        index += 2;
        continue;
      }
      const closing = new RegExp(`\\n[ \\t]*${header[1]}[ \\t]*(?=\\n|$)`).exec(text.slice(index));
      const end = closing ? index + closing.index + closing[0].length : text.length;
      line += text.slice(index, end).split("\n").length - 1;
      index = end;
    } else index += 1;
  }
  return tokens;
}

/** An absolute path of some machine: a local backend path or a file() of a developer's home. */
const ABSOLUTE_PATH = /(^|[\s"'=(])(\/(home|root|tmp|Users|var\/folders|private)\/|[A-Za-z]:\\)/;

/** Findings for one committed file (the path names it in messages). */
export function lintHcl(text: string, path: string): Finding[] {
  const findings: Finding[] = [];
  for (const token of scan(text)) {
    const at = `${path}:${token.line}`;
    // The one comment allowed: the header on line 1 that marks the file as generated.
    if (token.kind === "comment" && token.line === 1 && token.text === TF_HEADER) continue;
    if (token.kind === "comment") {
      findings.push({ path: at, message: `comment ${JSON.stringify(token.text)}; the generated HCL carries no comments` });
    } else if (interpolationOnly(token.text) !== undefined) {
      findings.push({ path: at, message: `interpolation-only string "${token.text}"; write the expression bare` });
    }
  }
  text.split("\n").forEach((lineText, index) => {
    if (ABSOLUTE_PATH.test(lineText)) {
      findings.push({ path: `${path}:${index + 1}`, message: "absolute path of a machine; use a path relative to the folder" });
    }
  });
  if (!/^\s*required_version\s*=/m.test(text)) {
    findings.push({ path, message: "terraform.required_version is missing" });
  }
  if (!/\bsource\s*=\s*"hashicorp\/aws"/.test(text)) {
    findings.push({ path, message: 'required_providers.aws must have source = "hashicorp/aws"' });
  }
  if (/^\s*backend\s+"local"/m.test(text)) {
    findings.push({ path, message: "local backend; the stacks keep their state in S3" });
  }
  return findings;
}
