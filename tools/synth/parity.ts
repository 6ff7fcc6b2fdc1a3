/**
 * Parity with `cdktf synth --hcl`, the CLI path HashiCorp recommends for
 * leaving CDKTF: its HCL and ours must be the same configuration.
 *
 * cdktf 0.21's own renderer has defects that make a byte or even a parse
 * comparison impossible, so the CLI's text is first repaired for exactly the
 * known defects below, and every repair is reported. What remains must be
 * equal after the same normalization as the equivalence proof, with quoted
 * references accepted on the CLI side only.
 */
import { canonicalFromHcl, compareCanonical, type Finding } from "./equivalence";
import { parseHcl } from "./parse-hcl";

/** A known cdktf defect found in (and removed from) the CLI's HCL. */
export interface Repair {
  readonly defect: string;
  readonly detail: string;
}

/**
 * cdktf renders stack-level overrides of the terraform block (our
 * `required_version`) as `0 = "required_version"`: the key's index and name
 * instead of its value (render.ts renderTerraform passes the key list to
 * renderSimpleAttributes). The line is not valid HCL and the value is lost.
 */
const OVERRIDE_KEY_LINE = /^[ \t]*\d+[ \t]*=[ \t]*"([A-Za-z_]+)"[ \t]*\n/gm;

/**
 * cdktf writes every multi-line string as `<<EOF\n<lines>\nEOF`. A heredoc's
 * value ends with a line break after its last line, so a value that already
 * ended with one (user data, scripts) gains a second: an empty last line
 * before the marker. That line is removed here.
 */
const HEREDOC_WITH_EXTRA_LINE = /<<EOF\n([\s\S]*?)\n\nEOF(?=\n|$)/g;

/** Removes the known defects from the CLI's HCL so it parses and means what the JSON means. */
export function repairCliHcl(text: string): { text: string; repairs: Repair[] } {
  const repairs: Repair[] = [];
  const withoutIndexes = text.replace(OVERRIDE_KEY_LINE, (_line, key: string) => {
    repairs.push({ defect: "override-key-as-index", detail: `terraform.${key} was written as an index, its value lost` });
    return "";
  });
  const repaired = withoutIndexes.replace(HEREDOC_WITH_EXTRA_LINE, (_heredoc, body: string) => {
    repairs.push({ defect: "heredoc-extra-line-break", detail: `a multi-line string gained a trailing line break: ${JSON.stringify(body.split("\n")[0])}` });
    return `<<EOF\n${body}\nEOF`;
  });
  return { text: repaired, repairs };
}

/** Paths that a repair explains: the values cdktf's renderer dropped. */
function explained(repairs: readonly Repair[]): Set<string> {
  const paths = new Set<string>();
  for (const repair of repairs) {
    const key = /^terraform\.(\w+)/.exec(repair.detail)?.[1];
    if (key) paths.add(`terraform.0.${key}`);
  }
  return paths;
}

/** Result of comparing the CLI's HCL of one stack with ours. */
export interface ParityResult {
  /** Known cdktf defects that were repaired in the CLI's text. */
  readonly repairs: readonly Repair[];
  /** Differences the repairs explain (values the CLI lost). */
  readonly explained: readonly Finding[];
  /** Differences nothing explains: parity is broken when this is not empty. */
  readonly unexplained: readonly Finding[];
}

/** Compares the CLI's HCL of a stack with ours. */
export function compareWithCli(cliHcl: string, ourHcl: string, stack: string): ParityResult {
  const { text, repairs } = repairCliHcl(cliHcl);
  const cli = canonicalFromHcl(parseHcl(text, `cdktf synth --hcl output of ${stack}`), { acceptQuotedReferences: true });
  const ours = canonicalFromHcl(parseHcl(ourHcl, `terraform/${stack}`));
  const known = explained(repairs);
  const findings = compareCanonical(ours, cli, "", { expected: "npm run synth", actual: "cdktf synth --hcl" });
  return {
    repairs,
    explained: findings.filter((finding) => known.has(finding.path)),
    unexplained: findings.filter((finding) => !known.has(finding.path)),
  };
}
