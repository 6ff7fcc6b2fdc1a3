import { describe, expect, it } from "vitest";
import { COMMENT_MARKER } from "../../../tools/plan-comment/constants";
import { renderExample } from "../../../tools/plan-comment/example";

describe("renderExample", () => {
  it("renders the README example from fixtures: the zone stack's tag change next to an app stack that skips rotation step 6", () => {
    const text = renderExample();
    expect(text.startsWith(COMMENT_MARKER)).toBe(true);
    expect(text).toContain("### DNSSEC safety");
    expect(text).toContain("### Stack `zone`");
    expect(text).toContain("### Stack `app`");
    expect(text).toContain("- `aws_route53_zone.hosted_zone_zone`\n\n  ```diff\n  ~ tags_all = {\n      + Owner = \"platform\"");
    expect(text).toContain("  - name = \"ksk_1\"");
    expect(text).toContain("🛑 **Danger** · `app` · `DNSSEC-KSK-REMOVED`: `aws_route53_key_signing_key.dnssec_ksk_1_signing_key`");
    expect(text).not.toMatch(/· `zone` · `DNSSEC-/);
    expect(text.length).toBeLessThan(10_000);
  });
});
