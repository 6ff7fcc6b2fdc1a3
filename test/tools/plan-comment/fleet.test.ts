import { Token, Tokens, marked } from "marked";
import { describe, expect, it } from "vitest";
import { commentSize, renderWithinBudget } from "../../../tools/plan-comment/budget";
import { renderPlans } from "../../../tools/plan-comment/comment";
import { COMMENT_MARKER, DEFAULT_BUDGET } from "../../../tools/plan-comment/constants";
import { FLEET_LAYOUT_OVER, STACK_LIST_MAX_CHARS, zoneOf } from "../../../tools/plan-comment/fleet";
import { fleetDomain, fleetStacks } from "../../../tools/plan-comment/fleet-plans";
import { Plan, failedPlan, parsePlan } from "../../../tools/plan-comment/plan";
import { buildReport } from "../../../tools/plan-comment/report";
import { zoneStackId } from "../../../stacks/stack-ids";
import { buildPlan, fixture } from "./plan-builder";

function fleet(count: number, options: { changedEvery?: number; dangerLast?: boolean } = {}): Plan[] {
  return fleetStacks(count, options).map((s) => parsePlan(s.json, s.stack, `${s.stack}.json`));
}

function tokens(markdown: string): Token[] {
  return marked.lexer(markdown, { gfm: true });
}

function all(markdown: string, type: string): Token[] {
  const found: Token[] = [];
  const walk = (list: readonly Token[]): void => {
    for (const t of list) {
      if (t.type === type) found.push(t);
      const children = (t as { tokens?: Token[] }).tokens ?? (t as { items?: Token[] }).items;
      if (children !== undefined) walk(children);
    }
  };
  walk(tokens(markdown));
  return found;
}

/** Every <details> closes, never below zero: GitHub would otherwise swallow the rest of the comment. */
function detailsBalanced(markdown: string): boolean {
  let depth = 0;
  for (const block of all(markdown, "html").map((t) => (t as Tokens.HTML).text)) {
    depth += block.split("<details>").length - 1 - (block.split("</details>").length - 1);
    if (depth < 0) return false;
  }
  return depth === 0;
}

const DANGER_LINE = "🛑 **Danger** · `zone-zone199.example.org` · `DNSSEC-KSK-REMOVED`: `aws_route53_key_signing_key.dnssec_ksk_1_signing_key` is deleted while its status is ACTIVE";

describe("the plan comment of a fleet", () => {
  it("renders 50 stacks inside the budget, the per-stack table first and the quiet stacks in one line", () => {
    const { markdown } = renderPlans(fleet(50, { changedEvery: 10 }));
    expect(commentSize(markdown)).toBeLessThanOrEqual(DEFAULT_BUDGET);
    const top = tokens(markdown).filter((t) => t.type !== "space");
    // Marker, title, overall line, then the table: nothing of any one stack comes before it.
    expect(top.map((t) => t.type).slice(0, 4)).toEqual(["html", "heading", "paragraph", "table"]);
    const table = top[3] as Tokens.Table;
    expect(table.header.map((h) => h.text)).toEqual(["Stack", "Zone", "Create", "Update", "Replace", "Delete", "Import", "DNSSEC", "Plan"]);
    expect(table.rows.map((r) => r[0]?.text)).toEqual([
      ...[0, 10, 20, 30, 40].map((i) => `\`${zoneStackId(fleetDomain(i))}\``),
      "**Total** (50 stacks)",
    ]);
    expect(table.rows.every((r) => r.length === 9)).toBe(true);
    expect(table.rows[3]?.map((c) => c.text)).toEqual(["`zone-zone030.example.org`", "`zone030.example.org`", "4", "0", "0", "0", "1", "✅", "✅ planned"]);
    const quiet = top[4] as Tokens.Paragraph;
    expect(quiet.text).toMatch(/^\*\*45 stacks without changes:\*\* `zone-zone001\.example\.org`, `zone-zone002\.example\.org`, /);
    expect(quiet.text.split("\n")).toHaveLength(1);
    expect(quiet.text).not.toContain("zone010.example.org");
    // Only stacks with something to say get a section.
    expect(markdown.split("\n### Stack ").length - 1).toBe(5);
    expect(markdown).not.toContain("### Stack `zone-zone001.example.org`");
    expect(markdown).not.toContain("leaves out");
    expect(detailsBalanced(markdown)).toBe(true);
  });

  it("bounds the line of quiet stacks, counting the ones it does not name", () => {
    const { markdown } = renderPlans(fleet(200, { changedEvery: 1000 }));
    const line = markdown.split("\n").find((l) => l.startsWith("**199 stacks without changes:**")) ?? "";
    expect(line.length).toBeLessThan(STACK_LIST_MAX_CHARS + 100);
    expect(line).toMatch(/ and \d+ more\.$/);
    const named = line.split("`, `").length;
    expect(named + Number(/and (\d+) more/.exec(line)?.[1])).toBe(199);
  });

  it("shows the danger of the last of 200 changed stacks in full, within the budget, and says what it left out", () => {
    const plans = fleet(200, { dangerLast: true });
    const { markdown, danger } = renderPlans(plans);
    expect(danger).toBe(true);
    expect(commentSize(markdown)).toBeLessThanOrEqual(DEFAULT_BUDGET);
    expect(markdown).toContain(DANGER_LINE);
    for (const rule of ["DNSSEC-KSK-REMOVED", "DNSSEC-KMS-KEY-REMOVED", "DNSSEC-KEY-POLICY-REMOVED"]) {
      expect(markdown).toContain(`· \`zone-zone199.example.org\` · \`${rule}\``);
    }
    expect(markdown).toContain("| `zone-zone199.example.org` | `zone199.example.org` | 0 | 1 | 0 | 4 | 0 | 🛑 3 | ✅ planned |");
    expect(markdown).toContain("| **Total** (200 stacks) |");
    expect(markdown).toMatch(/this comment leaves out [^\n]*all per-resource addresses/);
    const [table] = all(markdown, "table") as Tokens.Table[];
    expect(table?.rows).toHaveLength(201);
    expect(detailsBalanced(markdown)).toBe(true);
  });

  it("cuts the sections, then the rows of unremarkable stacks, never a danger, when even the table overflows", () => {
    const plans = [...fleet(200, { dangerLast: true }), failedPlan("zone-broken.example.org")];
    const reports = plans.map(buildReport);
    const sections = renderWithinBudget(reports, {}, 30_000);
    expect(commentSize(sections)).toBeLessThanOrEqual(30_000);
    expect(sections).toContain(DANGER_LINE);
    expect(sections).toMatch(/leaves out [^\n]*the sections of \d+ stacks \(`zone-zone/);
    const rows = renderWithinBudget(reports, {}, 15_000);
    expect(commentSize(rows)).toBeLessThanOrEqual(15_000);
    expect(rows).toContain(DANGER_LINE);
    expect(rows).toMatch(/leaves out [^\n]*the table rows of \d+ stacks with changes but no danger/);
    // The rows that matter stay: the danger and the stack without a plan.
    expect(rows).toContain("| `zone-zone199.example.org` |");
    expect(rows).toContain("| `zone-broken.example.org` | `broken.example.org` | — | — | — | — | — | — | ❌ failed, no plan |");
    expect(rows).not.toContain("everything after this point");
    const [table] = all(rows, "table") as Tokens.Table[];
    expect(table?.rows.at(-2)?.[0]?.text).toMatch(/^…\d+ more stacks$/);
    expect(table?.rows.every((r) => r.length === 9)).toBe(true);
  });

  it("shows a stack whose plan job failed as failed, and counts it as not safe", () => {
    const plans = [...fleet(5), failedPlan("zone-broken.example.org")];
    const { markdown, danger } = renderPlans(plans);
    expect(danger).toBe(true);
    expect(markdown).toContain("· ❌ 1 stack without a plan");
    expect(markdown).toContain("> [!CAUTION]\n> **No plan for 1 stack** (`zone-broken.example.org`): the plan job failed before it wrote a plan");
    expect(markdown).toContain("| `zone-broken.example.org` | `broken.example.org` | — | — | — | — | — | — | ❌ failed, no plan |");
    expect(markdown).toContain("### Stack `zone-broken.example.org`: no plan");
    expect(markdown).not.toContain("The plan did not complete");
    // Today's two stacks, one of them failed: the row stays in the familiar table.
    const small = renderPlans([fixture("dnssec/zone-tags-only.json"), failedPlan("app")]);
    expect(small.danger).toBe(true);
    expect(small.markdown).toContain("| `app` | — | — | — | — | — | — | ❌ no plan |");
  });

  it("counts and lists an adopted zone's import, in the table, the overall line and its section", () => {
    const [adopted] = fleet(4).slice(3);
    const { markdown } = renderPlans(fleet(4));
    expect(adopted?.stack).toBe("zone-zone003.example.org");
    expect(markdown).toContain("1 to import");
    expect(markdown).toContain("| `zone-zone003.example.org` | `zone003.example.org` | 4 | 0 | 0 | 0 | 1 | ✅ | ✅ planned |");
    expect(markdown).toContain("### Stack `zone-zone003.example.org`: 4 to create, 1 to import");
    expect(markdown).toContain("**Import (1)**\n\n- `aws_route53_zone.hosted_zone_zone`: to import");
    // Out of the collapsed no-op list, which the budget drops first.
    expect(markdown).not.toMatch(/<summary>No-op \(\d+\)<\/summary>\n\n- `aws_route53_zone\.hosted_zone_zone`/);
  });

  it("counts an import that changes nothing (no-op) and one that also updates (update), in both layouts", () => {
    const noop = buildPlan([{ type: "aws_route53_zone", name: "adopted", actions: ["no-op"], before: { name: "shop.example.org" }, after: { name: "shop.example.org" }, importing: "Z0123456789ABCDEFGHIJ" }], [], "zone-shop.example.org");
    const update = fixture("values/import-and-drift.json", "zone-blog.example.org");
    const small = renderPlans([noop, update]).markdown;
    expect(small).toContain("| Stack | Create | Update | Replace | Delete | Read | No-op | Import | DNSSEC |");
    expect(small).toContain("| `zone-shop.example.org` | 0 | 0 | 0 | 0 | 0 | 1 | 1 | ✅ |");
    expect(small).toContain("**2 stacks: 0 to create, 1 to update, 0 to replace, 0 to delete, 2 to import**");
    const big = renderPlans([noop, update, ...fleet(3, { changedEvery: 100 }).slice(1)]).markdown;
    expect(big).toContain("| `zone-shop.example.org` | `shop.example.org` | 0 | 0 | 0 | 0 | 1 | ✅ | ✅ planned |");
    expect(big).toContain("**2 stacks without changes:**");
  });

  it("keeps today's layout up to three stacks, and tells a stack's zone from its plan", () => {
    expect(FLEET_LAYOUT_OVER).toBe(3);
    const three = renderPlans(fleet(3, { changedEvery: 100 })).markdown;
    expect(three).toContain("| Stack | Create | Update | Replace | Delete | Read | No-op | DNSSEC |");
    expect(three).not.toContain("without changes");
    expect(zoneOf(fixture("dnssec/zone-tags-only.json"))).toBe("example.com");
    expect(zoneOf(fixture("dnssec/safe-tags-only.json"))).toBeUndefined();
    expect(zoneOf(failedPlan("zone-shop.example.org"))).toBe("shop.example.org");
  });

  it("escapes a hostile zone name from a plan in the table", () => {
    const hostile = buildPlan([{ type: "aws_route53_zone", name: "z", actions: ["create"], after: { name: "x`|<img src=x>" } }], [], "zone-a.example");
    const { markdown } = renderPlans([hostile, ...fleet(4)]);
    expect(markdown).toContain("| `zone-a.example` | `x'\\|<img src=x>` |");
    const [table] = all(markdown, "table") as Tokens.Table[];
    expect(table?.rows.every((r) => r.length === 9)).toBe(true);
    expect(markdown.startsWith(COMMENT_MARKER)).toBe(true);
  });
});
