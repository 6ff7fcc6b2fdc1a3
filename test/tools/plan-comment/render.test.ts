import { describe, expect, it } from "vitest";
import { COMMENT_MARKER, OVERRIDE_LABEL } from "../../../tools/plan-comment/constants";
import { FULL_DETAIL } from "../../../tools/plan-comment/detail";
import { Plan } from "../../../tools/plan-comment/plan";
import { Cuts, renderComment } from "../../../tools/plan-comment/render";
import { buildReport } from "../../../tools/plan-comment/report";
import { SHARED_FIXTURES, buildPlan, fixture } from "./plan-builder";

function render(plans: Plan[], cuts: Cuts = new Set()): string {
  return renderComment(plans.map(buildReport), FULL_DETAIL, {}, cuts);
}

describe("renderComment", () => {
  it("starts with the hidden marker the workflow searches for", () => {
    const text = render([fixture("dnssec/safe-tags-only.json")]);
    expect(text.split("\n")[0]).toBe(COMMENT_MARKER);
    expect(COMMENT_MARKER).toMatch(/^<!-- .+ -->$/);
  });

  it.each(SHARED_FIXTURES)("renders the shared fixture %s", (name) => {
    const text = render([fixture(name, "app")]);
    expect(text.startsWith(COMMENT_MARKER)).toBe(true);
    expect(text).toContain("| `app` |");
    expect(text).toContain("### Stack `app`");
  });

  it("writes an overall line and a per-stack table with a total row", () => {
    const text = render([fixture("dnssec/zone-tags-only.json"), fixture("dnssec/danger-add-and-deactivate-same-plan.json")]);
    expect(text).toContain("**2 stacks: 4 to create, 2 to update, 0 to replace, 0 to delete** · 🛑 DNSSEC: 1 danger, 2 warnings");
    expect(text).toContain("| Stack | Create | Update | Replace | Delete | Read | No-op | DNSSEC |");
    expect(text).toContain("| `zone` | 0 | 1 | 0 | 0 | 0 | 1 | ✅ |");
    expect(text).toContain("| `app` | 4 | 1 | 0 | 0 | 0 | 4 | 🛑 1 ⚠️ 2 |");
    expect(text).toContain("| **Total** | 4 | 2 | 0 | 0 | 0 | 5 | 🛑 1 ⚠️ 2 |");
    const deletes = render([fixture("dnssec/zone-tags-only.json"), fixture("dnssec/danger-remove-active-ksk.json")]);
    expect(deletes).toContain("| `app` | 0 | 0 | 0 | 4 | 0 | 5 | 🛑 3 |");
    expect(deletes).toContain("| **Total** | 0 | 1 | 0 | 4 | 0 | 6 | 🛑 3 |");
  });

  it("counts a replacement once in the table and lists what forces it", () => {
    const zone = render([fixture("dnssec/zone-danger-replace.json")]);
    expect(zone).toContain("| `zone` | 0 | 0 | 2 | 0 | 0 | 0 |");
    expect(zone).toContain("**Replace (2)**");
    expect(zone).toContain("- `aws_route53_zone.hosted_zone_zone`: forced by `name`; reason `replace_because_cannot_update`");
    const app = render([fixture("dnssec/danger-zone-replaced.json")]);
    expect(app).toContain("| `app` | 0 | 1 | 2 | 0 | 0 | 2 |");
    expect(app).toContain("**Replace (2)**");
    expect(app).toContain(
      "- `aws_route53_key_signing_key.dnssec_ksk_1_signing_key`: forced by `hosted_zone_id`; reason `replace_because_cannot_update`",
    );
  });

  it("shows action_reason for a tainted replacement", () => {
    expect(render([fixture("terraform-json-action_reason.json")])).toContain("`null_resource.example`: reason `replace_because_tainted`");
  });

  it("shows moved resources with their previous address", () => {
    expect(render([fixture("terraform-json-moved_block.json")])).toContain("`random_id.test2`: moved from `random_id.test`");
  });

  it("shows the changed values of updates under their address, folding the unchanged ones", () => {
    const text = render([fixture("dnssec/zone-tags-only.json"), fixture("dnssec/safe-tags-only.json")]);
    expect(text).toContain(
      "- `aws_route53_zone.hosted_zone_zone`\n\n  ```diff\n  ~ tags_all = {\n      + Owner = \"platform\"\n        # (3 unchanged attributes hidden)\n    }\n    # (11 unchanged attributes hidden)\n  ```",
    );
    expect(text).toContain("- `aws_kms_key.dnssec_ksk_1_kms_key`\n\n  ```diff\n  ~ tags_all = {");
  });

  it("collapses unchanged resources and long groups", () => {
    const text = render([fixture("terraform-json-has_changes.json")]);
    expect(text).toContain("<details><summary>No-op (6)</summary>");
    const many = buildPlan(Array.from({ length: 11 }, () => ({ type: "null_resource", actions: ["create"], after: {} })));
    expect(render([many])).toContain("<details><summary>Create (11)</summary>");
    const few = buildPlan(Array.from({ length: 10 }, () => ({ type: "null_resource", actions: ["create"], after: {} })));
    expect(render([few])).toContain("**Create (10)**");
  });

  it("lists output changes and marks sensitive ones", () => {
    const text = render([fixture("terraform-json-basic.json")]);
    expect(text).toContain("- `foo`: create (sensitive)");
    expect(text).toContain("- `string`: create `foo`\n");
    // The list holds "bar", which the sensitive output foo holds too.
    expect(text).toContain("- `list`: create `(sensitive)`\n");
  });

  it("shows a long or structured output value in a block under the output, not inline", () => {
    const text = render([fixture("dnssec/danger-remove-active-ksk.json")]);
    expect(text).toContain("- `ksk_ksk_1`: delete\n\n  ```diff\n  - value = {\n      - digest_algorithm = 2\n");
    expect(text).not.toContain('{"digest_algorithm"');
  });

  it("lists unknown actions under Other with the raw actions", () => {
    const text = render([buildPlan([{ type: "null_resource", name: "gone", actions: ["teleport"], before: {} }])]);
    expect(text).toContain("| Other |");
    expect(text).toContain("`null_resource.gone`: actions `teleport`");
  });

  it("has no DNSSEC section when nothing DNSSEC-related changes", () => {
    const text = render([fixture("dnssec/safe-tags-only.json")]);
    expect(text).not.toContain("### DNSSEC safety");
    expect(text).toContain("✅ DNSSEC: no findings");
  });

  it("explains each danger with why and what to do, and names the override label", () => {
    const text = render([fixture("dnssec/danger-deactivate-last-ksk.json")]);
    expect(text).toContain("### DNSSEC safety");
    expect(text).toContain("> [!CAUTION]");
    expect(text).toContain(`\`${OVERRIDE_LABEL}\``);
    expect(text).toMatch(
      /🛑 \*\*Danger\*\* · `app` · `DNSSEC-KSK-DEACTIVATED`: `aws_route53_key_signing_key\.dnssec_ksk_1_signing_key` goes status ACTIVE → INACTIVE/,
    );
    expect(text).toContain("- **Why it matters:** ");
    expect(text).toContain("- **What to do:** ");
  });

  it("lists recognised rotation steps as safe in a collapsed section, without the caution", () => {
    const text = render([fixture("dnssec/rotation-6-deactivate-old.json")]);
    expect(text).toContain("No danger found.");
    expect(text).toContain("✅ DNSSEC: no danger, 1 change recognised as safe");
    expect(text).toContain("<details><summary>Recognised as safe (1)</summary>");
    expect(text).not.toContain("[!CAUTION]");
  });

  it("puts a red header over an errored plan, and says deferred only when Terraform deferred", () => {
    const errored = render([fixture("values/errored.json")]);
    expect(errored).toContain("> [!CAUTION]\n> **The plan did not complete; what is shown is partial** (`app`).");
    expect(errored).toContain("Terraform stopped on an error while planning");
    expect(errored).not.toContain("deferred");
    const targeted = render([{ ...buildPlan([]), complete: false }]);
    expect(targeted).toContain("**The plan did not complete; what is shown is partial**");
    expect(targeted).not.toContain("deferred");
    const deferred = render([fixture("values/deferred.json")]);
    expect(deferred).toContain("**The plan did not complete; what is shown is partial**");
    expect(deferred).toContain("> [!NOTE]\n> Terraform deferred 1 change (`aws_s3_bucket.assets`); another plan and apply will be needed.");
    expect(render([fixture("values/update-values.json")])).not.toContain("[!CAUTION]");
  });

  it("counts imports, moves and forgets in Terraform's words, in the headline and the table", () => {
    const text = render([fixture("values/create-replace-delete.json"), fixture("values/import-and-drift.json")]);
    expect(text).toContain("**2 stacks: 1 to create, 1 to update, 1 to replace, 1 to delete, 1 to import, 1 moved, 1 to forget**");
    expect(text).toContain("| Stack | Create | Update | Replace | Delete | Read | No-op | Forget | Import | Moved | DNSSEC |");
    expect(text).toContain("### Stack `app`: 1 to delete, 1 to replace, 1 to create, 1 moved, 1 to forget");
  });

  it("lists moves open, outside the collapsed no-op list", () => {
    const text = render([fixture("values/create-replace-delete.json")]);
    expect(text).toContain("**Moved (1)**\n\n- `aws_s3_bucket.assets`: moved from `aws_s3_bucket.legacy_name`");
    expect(text).not.toContain("No-op (");
    const shared = render([fixture("terraform-json-moved_block.json")]);
    expect(shared).toContain("**Moved (1)**\n\n- `random_id.test2`: moved from `random_id.test`");
  });

  it("explains a forgotten zone as such, not as a delete", () => {
    const text = render([fixture("values/create-replace-delete.json")]);
    expect(text).toContain("- `aws_route53_zone.kept_outside`: forgotten: Terraform stops managing the zone, which stays in Route 53");
    expect(text).not.toContain("`aws_route53_zone.kept_outside`: reason");
    expect(text).not.toMatch(/kept_outside[^\n]*delete_because_no_resource_config/);
  });

  it("shows resource drift and failed checks in collapsed sections", () => {
    const text = render([fixture("values/import-and-drift.json")]);
    expect(text).toContain("<details><summary>Changed outside Terraform since the last apply (1)</summary>");
    expect(text).toContain('~ comment = "Managed by dnssec-cdktf" -> "Edited in the console"');
    expect(text).toContain("<details><summary>Failed checks and conditions (1)</summary>\n\n- `check.zone_comment` (fail): The zone comment must say it is managed by dnssec-cdktf.");
    expect(text).toContain("- `aws_route53_zone.zone`: to import");
  });

  it("says the why and what-to-do of identical findings once per rule, with the list under it", () => {
    const ds = (name: string) => ({ type: "aws_route53_record", name, actions: ["delete"], before: { type: "DS", records: ["a"] } });
    const text = render([buildPlan([ds("one"), ds("two")], [], "app")]);
    expect(text).toContain(
      "⚠️ **Warning** · `DNSSEC-DS-REMOVED` · 2 findings:\n- `app`: `aws_route53_record.one`, a DS record at the parent, is deleted.\n- `app`: `aws_route53_record.two`, a DS record at the parent, is deleted.\n- **Why it matters:**",
    );
    expect(text.split("**Why it matters:**").length - 1).toBe(1);
  });

  it("keeps hostile addresses inside code spans", () => {
    const plan = buildPlan([{ type: "null_resource", name: 'x["<img src=x>`|"]', actions: ["create"], after: {} }]);
    const text = render([plan]);
    expect(text).toContain("`null_resource.x[\"<img src=x>'|\"]`");
    expect(text).not.toContain("`|");
  });

  it("records nothing as cut at full detail", () => {
    const cuts: Cuts = new Set();
    render([fixture("dnssec/zone-danger-replace.json"), fixture("dnssec/danger-zone-replaced.json")], cuts);
    expect(cuts.size).toBe(0);
  });
});
