import { describe, expect, it } from "vitest";
import { commentSize, renderWithinBudget } from "../../../tools/plan-comment/budget";
import { COMMENT_MARKER, DEFAULT_BUDGET, GITHUB_COMMENT_LIMIT } from "../../../tools/plan-comment/constants";
import { Plan } from "../../../tools/plan-comment/plan";
import { buildReport } from "../../../tools/plan-comment/report";
import { ChangeSpec, buildPlan, fixture, kskValues } from "./plan-builder";

const RUN_URL = "https://github.com/acme/dns/actions/runs/42";

/** A plan of `count` resources with long addresses, many updates with many attributes, and one DNSSEC danger. */
function hugePlan(count: number, stack: string): Plan {
  const changes: ChangeSpec[] = [];
  const attrs = (n: number) => Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`attribute_number_${i}`, `${n}-${i}`]));
  for (let i = 0; i < count; i++) {
    const name = `very_long_construct_path_segment_for_resource_number_${i}_with_a_hash_ABCDEF12`;
    const kind = i % 4;
    if (kind === 0) changes.push({ type: "aws_route53_record", name, actions: ["create"], after: {} });
    else if (kind === 1) changes.push({ type: "aws_route53_record", name, actions: ["update"], before: attrs(i), after: attrs(i + 1) });
    else if (kind === 2) changes.push({ type: "aws_route53_record", name, actions: ["no-op"], before: {}, after: {} });
    else changes.push({ type: "aws_route53_record", name, actions: ["delete", "create"], before: {}, after: {}, replacePaths: [["name"]] });
  }
  changes.push({ type: "aws_route53_key_signing_key", name: "ksk", actions: ["delete"], before: kskValues("ksk_1", "ACTIVE") });
  return buildPlan(changes, [], stack);
}

describe("renderWithinBudget", () => {
  it("keeps a comment for thousands of resources under GitHub's limit, with totals and the danger", () => {
    const plans = [hugePlan(4000, "zone"), hugePlan(3000, "app")];
    const text = renderWithinBudget(plans.map(buildReport), { runUrl: RUN_URL });
    expect(text.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(commentSize(text)).toBeLessThanOrEqual(DEFAULT_BUDGET);
    expect(text.startsWith(COMMENT_MARKER)).toBe(true);
    expect(text).toContain("| `zone` | 1000 | 1000 | 1000 | 1 | 0 | 1000 | 🛑 1 |");
    expect(text).toContain("| **Total** | 1750 | 1750 | 1750 | 2 | 0 | 1750 | 🛑 2 |");
    expect(text).toContain("DNSSEC-KSK-REMOVED");
    expect(text).toContain("this comment leaves out");
    expect(text).toContain(`[workflow log](${RUN_URL})`);
  });

  it("shrinks values first: long values cut, then folded per resource, then dropped, before any address", () => {
    const long = (n: number) => ({ document: `${"x".repeat(3000)}-${n}` });
    const numbered = (v: number) => Object.fromEntries(Array.from({ length: 20 }, (_, k) => [`setting_${k}`, v]));
    const plan = (count: number) =>
      buildPlan(
        Array.from({ length: count }, (_, i) => ({
          type: "aws_ssm_parameter",
          name: `p${i}`,
          actions: ["update"],
          before: { ...long(i), ...numbered(1) },
          after: { ...long(i + 1), ...numbered(2) },
        })),
        [],
        "app",
      );
    expect(renderWithinBudget([buildReport(plan(5))], {}, 60_000)).not.toContain("leaves out");
    const truncated = renderWithinBudget([buildReport(plan(40))], {}, 60_000);
    expect(truncated).toContain("leaves out values longer than 120 characters.");
    expect(truncated).toContain("(2882 more characters)");
    expect(truncated).toContain("~ setting_9 = 1 -> 2");
    const folded = renderWithinBudget([buildReport(plan(90))], {}, 60_000);
    expect(folded).toContain("value lines beyond the first 6 per resource");
    expect(folded).toContain("# (15 more lines in the workflow log)");
    const dropped = renderWithinBudget([buildReport(plan(150))], {}, 60_000);
    expect(dropped).toContain("leaves out attribute values");
    expect(dropped).toContain("- `aws_ssm_parameter.p149`: changes `document`, `setting_0`");
    for (const text of [truncated, folded, dropped]) expect(commentSize(text)).toBeLessThanOrEqual(60_000);
  });

  it("never cuts a danger while addresses are still listed", () => {
    const changes: ChangeSpec[] = Array.from({ length: 150 }, (_, i) => ({
      type: "aws_route53_key_signing_key",
      name: `ksk_${i}`,
      actions: ["delete"],
      before: kskValues(`ksk_${i}`, "ACTIVE"),
    }));
    for (let i = 0; i < 1500; i++) changes.push({ type: "aws_route53_record", name: `record_with_a_long_name_${i}`, actions: ["create"], after: { name: `r${i}` } });
    const text = renderWithinBudget([buildReport(buildPlan(changes, [], "app"))], {}, 60_000);
    expect(commentSize(text)).toBeLessThanOrEqual(60_000);
    expect(text).toMatch(/^- `aws_route53_record\.record_with_a_long_name_0`/m);
    expect(text.split("🛑 **Danger**").length - 1 + text.split("- `app`: `aws_route53_key_signing_key").length - 1).toBeGreaterThanOrEqual(150);
    expect(text).not.toContain("more findings");
  });

  it("lists every danger even at the smallest level, where only warnings are counted past the limit", () => {
    const changes: ChangeSpec[] = Array.from({ length: 60 }, (_, i) => ({
      type: "aws_route53_key_signing_key",
      name: `ksk_${i}`,
      actions: ["delete"],
      before: kskValues(`ksk_${i}`, "ACTIVE"),
    }));
    for (let i = 0; i < 30; i++) changes.push({ type: "aws_route53_record", name: `ds_${i}`, actions: ["delete"], before: { type: "DS", records: [`${i}`] } });
    for (let i = 0; i < 3000; i++) changes.push({ type: "aws_route53_record", name: `record_with_a_long_name_${i}`, actions: ["create"], after: { name: `r${i}` } });
    const text = renderWithinBudget([buildReport(buildPlan(changes, [], "app"))], {}, 8_000);
    expect(commentSize(text)).toBeLessThanOrEqual(8_000);
    for (let i = 0; i < 60; i++) expect(text).toContain(`- \`app\`: \`aws_route53_key_signing_key.ksk_${i}\` is deleted while its status is ACTIVE`);
    expect(text).toContain("…and 30 more warnings.");
    expect(text).toMatch(/leaves out [^\n]*DNSSEC warnings beyond the first (40|10) findings \(every danger is listed\)/);
  });

  it("cuts per-resource detail before anything else", () => {
    // 100 updates with 20 changed attributes each fit only once the attribute names go.
    const text = renderWithinBudget([buildReport(hugePlan(400, "zone"))], {}, 60_000);
    expect(text).toContain("leaves out attribute values; the names of changed attributes");
    expect(text).toContain("| `zone` | 100 | 100 | 100 | 1 | 0 | 100 | 🛑 1 |");
    expect(text).toContain("DNSSEC-KSK-REMOVED");
    expect(text).not.toContain("attribute_number_");
    expect(text).not.toContain("unchanged and read resources");
    expect(text).toContain("number_399_with_a_hash");
  });

  it("says nothing was cut when the plan fits", () => {
    const plans = [fixture("dnssec/zone-danger-replace.json"), fixture("dnssec/danger-zone-replaced.json")];
    const text = renderWithinBudget(plans.map(buildReport), { runUrl: RUN_URL });
    expect(text).not.toContain("leaves out");
  });

  it("counts UTF-8 bytes as well as characters", () => {
    expect(commentSize("🛑")).toBe(4);
    expect(commentSize("abc")).toBe(3);
  });

  it("hard-cuts at a line boundary when even totals do not fit", () => {
    const reports = Array.from({ length: 400 }, (_, i) => buildReport(hugePlan(4, `stack-number-${i}-with-a-long-name`)));
    const text = renderWithinBudget(reports, {}, 20_000);
    expect(commentSize(text)).toBeLessThanOrEqual(20_000);
    expect(text.startsWith(COMMENT_MARKER)).toBe(true);
    expect(text).toContain("leaves out everything after this point");
  });
});
