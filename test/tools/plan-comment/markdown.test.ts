import { describe, expect, it } from "vitest";
import { code, details, escapeText, truncate } from "../../../tools/plan-comment/markdown";

describe("markdown helpers", () => {
  it("keeps code spans on one line without backticks inside", () => {
    expect(code("a`b\nc")).toBe("`a'b c`");
  });

  it("escapes HTML and table pipes in text", () => {
    expect(escapeText("<b>|x")).toBe("&lt;b&gt;\\|x");
  });

  it("leaves a blank line after <summary> so GitHub renders Markdown inside", () => {
    expect(details("S", "- a")).toBe("<details><summary>S</summary>\n\n- a\n\n</details>");
  });

  it("marks truncation", () => {
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("abc", 4)).toBe("abc");
  });
});
