/**
 * What may differ between the CDKTF synth and the CDK Terrain (cdktn) synth of the same sources and
 * settings, and the comparison that proves nothing else does.
 *
 * Both sides go through the equivalence comparator of tools/synth: the HCL of each stack as parsed
 * HCL (canonicalFromHcl, as the parity check reads two HCL files), the JSON synth (`cdk.tf.json`,
 * what `cdktf deploy` / `cdktn deploy` applies) as a JSON tree, and the synth's warnings line by
 * line. A finding is either one of KNOWN_DIFFERENCES, listed and explained in the README's "Moving
 * to CDK Terrain" section, or a failure. HCL must also be byte-identical unless a listed difference
 * explains why not: the committed folder is compared byte for byte by the drift check.
 */
import { canonicalFromHcl, compareCanonical, type Finding, type SideNames } from "../../tools/synth/equivalence";
import type { JsonObject } from "../../tools/synth/json";
import { parseHcl } from "../../tools/synth/parse-hcl";

/** Which output of a synth a comparison is about. */
export type Output = "hcl" | "json" | "warnings";

/** A difference that is known, explained and listed in the README. */
export interface KnownDifference {
  /** Stable name, used in the README's table. */
  readonly id: string;
  readonly output: Output;
  /** Matches the finding's dotted path, e.g. `//.metadata.version`. */
  readonly path: RegExp;
  /** Why it does not change what Terraform does. */
  readonly why: string;
}

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  // Also the proof that cdktn ran at all: were the tsconfig paths ignored, the staged sources would
  // find the project's cdktf, the stamp would not differ, and check.sh fails on an unobserved difference.
  {
    id: "library-version-stamp",
    output: "json",
    path: /^\/\/\.metadata\.version$/,
    why:
      "the JSON synth stamps the library's version (cdktf 0.21.0, cdktn 0.24.0) in its `//` comment block, which " +
      "Terraform ignores; the HCL has no such block",
  },
];

/** The outputs of one synth: per stack its HCL and its JSON, plus the warnings it printed. */
export interface SynthOutput {
  /** Stack name to its rendered `main.tf`. */
  readonly hcl: ReadonlyMap<string, string>;
  /** Stack name to its parsed `cdk.tf.json`. */
  readonly json: ReadonlyMap<string, JsonObject>;
  /** The synth's warning lines, in order. */
  readonly warnings: readonly string[];
}

/** A finding and the listed difference that explains it. */
export interface ExplainedFinding {
  readonly finding: Finding;
  readonly difference: KnownDifference;
}

/** The comparison of one output of one stack (or of the warnings, stack `*`). */
export interface Comparison {
  readonly stack: string;
  readonly output: Output;
  /** Whether the two texts are the same bytes (HCL and warnings; never for JSON, whose whitespace differs). */
  readonly identical: boolean;
  readonly explained: readonly ExplainedFinding[];
  readonly unexplained: readonly Finding[];
}

/** How the two sides are named in findings. */
export const SIDES: SideNames = { expected: "CDKTF", actual: "CDK Terrain" };

function sort(findings: readonly Finding[], output: Output, stack: string, identical: boolean): Comparison {
  const explained: ExplainedFinding[] = [];
  const unexplained: Finding[] = [];
  for (const finding of findings) {
    const difference = KNOWN_DIFFERENCES.find((d) => d.output === output && d.path.test(finding.path));
    if (difference) explained.push({ finding, difference });
    else unexplained.push(finding);
  }
  const listedForOutput = KNOWN_DIFFERENCES.some((d) => d.output === output);
  if (output === "hcl" && !identical && findings.length === 0 && !listedForOutput) {
    unexplained.push({ path: `${stack}/main.tf`, message: `the same configuration but not the same bytes in ${SIDES.actual}; list the difference or fix it` });
  }
  return { stack, output, identical, explained, unexplained };
}

function stackSets(expected: ReadonlyMap<string, unknown>, actual: ReadonlyMap<string, unknown>, output: Output, names = SIDES): Comparison[] {
  const missing = [...expected.keys()].filter((stack) => !actual.has(stack));
  const extra = [...actual.keys()].filter((stack) => !expected.has(stack));
  return [
    ...missing.map((stack) => sort([{ path: stack, message: `stack missing from ${names.actual}` }], output, stack, false)),
    ...extra.map((stack) => sort([{ path: stack, message: `stack in ${names.actual} but not in ${names.expected}` }], output, stack, false)),
  ];
}

/** Compares the HCL of every stack; `names` may call the expected side otherwise (`terraform/`). */
export function compareHcl(expected: ReadonlyMap<string, string>, actual: ReadonlyMap<string, string>, names = SIDES): Comparison[] {
  const out = stackSets(expected, actual, "hcl", names);
  for (const [stack, text] of expected) {
    const other = actual.get(stack);
    if (other === undefined) continue;
    const findings = compareCanonical(
      canonicalFromHcl(parseHcl(text, `${names.expected} ${stack}/main.tf`)),
      canonicalFromHcl(parseHcl(other, `${names.actual} ${stack}/main.tf`)),
      "",
      names,
    );
    out.push(sort(findings, "hcl", stack, text === other));
  }
  return out;
}

/** Compares the JSON synth of every stack, `//` comment blocks included. */
export function compareJson(expected: ReadonlyMap<string, JsonObject>, actual: ReadonlyMap<string, JsonObject>): Comparison[] {
  const out = stackSets(expected, actual, "json");
  for (const [stack, config] of expected) {
    const other = actual.get(stack);
    if (other !== undefined) out.push(sort(compareCanonical(config, other, "", SIDES), "json", stack, false));
  }
  return out;
}

/** Compares the warnings (the DNSSEC TTL pre-flight and the like), which cdktn must raise the same way. */
export function compareWarnings(expected: readonly string[], actual: readonly string[]): Comparison {
  const findings = compareCanonical([...expected], [...actual], "warnings", SIDES);
  return sort(findings, "warnings", "*", expected.join("\n") === actual.join("\n"));
}

/** Every comparison of two synths of the same settings. */
export function compareSynths(cdktf: SynthOutput, cdktn: SynthOutput): Comparison[] {
  return [...compareHcl(cdktf.hcl, cdktn.hcl), ...compareJson(cdktf.json, cdktn.json), compareWarnings(cdktf.warnings, cdktn.warnings)];
}

/** Listed differences that none of `comparisons` showed: stale entries, to be removed from the list and the README. */
export function unobserved(comparisons: readonly Comparison[]): KnownDifference[] {
  const seen = new Set(comparisons.flatMap((c) => c.explained.map((e) => e.difference.id)));
  return KNOWN_DIFFERENCES.filter((difference) => !seen.has(difference.id));
}
