import { marked } from "marked";
import { describe, expect, it } from "vitest";
import { renderPlans } from "../../../tools/plan-comment/comment";
import { COMMENT_MARKER } from "../../../tools/plan-comment/constants";
import { buildPlan, fixture } from "./plan-builder";

/** How often `needle` occurs in `text`. */
function count(text: string, needle: string | RegExp): number {
  return text.split(needle).length - 1;
}

describe("values and addresses cannot break out of the comment", () => {
  const text = renderPlans([fixture("values/injection.json")]).markdown;

  it("holds the sticky marker exactly once, on the first line", () => {
    expect(text.split("\n")[0]).toBe(COMMENT_MARKER);
    expect(count(text, COMMENT_MARKER)).toBe(1);
    expect(count(text, "<!--")).toBe(1);
  });

  it("keeps every crafted value inside a code block or span", () => {
    const html = marked.parse(text, { gfm: true, async: false }) as string;
    // Our own blocks: the create list's three collapsed argument blocks, nothing more.
    expect(count(html, /<details>/g)).toBe(3);
    expect(count(html, /<\/details>/g)).toBe(3);
    expect(html).not.toContain("<details open>");
    expect(html).not.toContain("<script>");
    expect(html).not.toMatch(/<a [^>]*example\.invalid/);
    expect(html).not.toContain("<strong>bold</strong>");
    expect(html).toContain("&lt;/details&gt;");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("uses a fence longer than any backtick run in the values", () => {
    expect(text).toContain("````\\n# fake");
    expect(text).toMatch(/^ {2}`````diff$/m);
  });

  it("escapes a crafted check message outside code", () => {
    const plan = { ...buildPlan([]), problems: [{ address: "check.x", status: "fail", message: "</details><!-- x --> @team [a](b) `y`" }] };
    const out = renderPlans([plan]).markdown;
    expect(out).toContain("&lt;/details&gt;&lt;!-- x --&gt; &#64;team \\[a\\](b) \\`y\\`");
  });

  it("escapes crafted statuses in DNSSEC findings", () => {
    const ksk = (status: string) => ({ hosted_zone_id: "Z1", key_management_service_arn: "arn:k", name: "k", status });
    const plan = buildPlan([
      { type: "aws_route53_key_signing_key", name: "k", actions: ["delete"], before: ksk("</details><!-- x --> [a](b) `c` @team") },
    ]);
    const out = renderPlans([plan]).markdown;
    expect(out).toContain("while its status is &lt;/details&gt;&lt;!-- x --&gt; \\[a\\](b) \\`c\\` &#64;team");
    expect(count(out, "<!--")).toBe(1);
  });
});
