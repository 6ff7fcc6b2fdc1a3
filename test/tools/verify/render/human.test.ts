import { describe, expect, it } from "vitest";
import { renderHuman } from "../../../../tools/verify/render/human";
import { BOGUS_REPORT } from "./fixtures";

describe("renderHuman", () => {
  it("prints plain text with one line per check and the fix under problems", () => {
    const text = renderHuman(BOGUS_REPORT, false);
    expect(text).not.toContain("\u001b[");
    expect(text).toContain("FAIL  dns.ds.digest      example.com.: DS 1/ECDSAP256SHA256/SHA-256 matches no DNSKEY\n      fix: publish the right DS");
    expect(text).toContain("verdict: bogus (exit 2, 12 ms)");
  });

  it("colours status tags and the verdict for a terminal", () => {
    const text = renderHuman(BOGUS_REPORT, true);
    expect(text).toContain("\u001b[31mFAIL\u001b[0m");
    expect(text).toContain("verdict: \u001b[31mbogus\u001b[0m");
  });
});
