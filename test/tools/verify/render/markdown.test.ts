import { describe, expect, it } from "vitest";
import { renderMarkdown, renderMermaid } from "../../../../tools/verify/render/markdown";
import { BOGUS_REPORT } from "./fixtures";

describe("renderMarkdown", () => {
  it("puts the verdict in the heading and one table row per check, escaping pipes", () => {
    const md = renderMarkdown(BOGUS_REPORT);
    expect(md).toContain("### DNSSEC: `example.com.` is **bogus**");
    expect(md).toContain("| ❌ fail | `dns.ds.digest` | example.com. | DS 1/ECDSAP256SHA256/SHA-256 matches no DNSKEY | publish the right DS |");
    expect(md).toContain("no KSK \\| flagged");
  });

  it("draws the chain as a Mermaid flowchart with each link coloured by status", () => {
    const mermaid = renderMermaid(BOGUS_REPORT);
    expect(mermaid.split("\n")).toEqual([
      "flowchart TD",
      '  n0["trust anchor ."] -->|anchors| n1["DNSKEY ."]',
      '  n1["DNSKEY ."] -->|signs| n2["DS com."]',
      '  n3["DS example.com."] -->|no DS matches| n4["DNSKEY example.com."]',
      "  linkStyle 0 stroke:#2da44e,stroke-width:2px",
      "  linkStyle 1 stroke:#2da44e,stroke-width:2px",
      "  linkStyle 2 stroke:#cf222e,stroke-width:2px",
    ]);
  });
});
