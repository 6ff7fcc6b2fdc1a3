import { describe, expect, it } from "vitest";
import { COMMENT_MARKER } from "../../../tools/plan-comment/constants";
import { renderExample } from "../../../tools/plan-comment/example";

describe("renderExample", () => {
  it("renders the README example from fixtures: a skipped rotation step next to an app stack", () => {
    const text = renderExample();
    expect(text.startsWith(COMMENT_MARKER)).toBe(true);
    expect(text).toContain("### DNSSEC safety");
    expect(text).toContain("### Stack `zone`");
    expect(text).toContain("### Stack `app`");
    expect(text.length).toBeLessThan(10_000);
  });
});
