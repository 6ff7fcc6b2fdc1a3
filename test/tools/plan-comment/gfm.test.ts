import { Token, Tokens, marked } from "marked";
import { describe, expect, it } from "vitest";
import { renderPlans } from "../../../tools/plan-comment/comment";
import { renderExample } from "../../../tools/plan-comment/example";
import { fixture } from "./plan-builder";

/**
 * The comment is read through GitHub's Markdown renderer, so its structure is checked through a
 * GitHub-flavoured one: the table stays a table, collapsed sections open and close in pairs, alerts
 * stay block quotes, and value blocks stay code under their list item.
 */
function tokens(markdown: string): Token[] {
  return marked.lexer(markdown, { gfm: true });
}

function walk(list: readonly Token[], visit: (t: Token) => void): void {
  for (const t of list) {
    visit(t);
    const children = (t as { tokens?: Token[]; items?: Token[] }).tokens ?? (t as { items?: Token[] }).items;
    if (children !== undefined) walk(children, visit);
  }
}

function all(markdown: string, type: string): Token[] {
  const found: Token[] = [];
  walk(tokens(markdown), (t) => {
    if (t.type === type) found.push(t);
  });
  return found;
}

describe("the comment rendered as GitHub-flavoured Markdown", () => {
  const example = renderExample();

  it("keeps the totals table a table with one row per stack and the total", () => {
    const [table] = all(example, "table") as Tokens.Table[];
    expect(table.header.map((h) => h.text)).toEqual(["Stack", "Create", "Update", "Replace", "Delete", "Read", "No-op", "DNSSEC"]);
    expect(table.rows.map((r) => r[0].text)).toEqual(["`zone`", "`app`", "**Total**"]);
    expect(table.rows.every((r) => r.length === 8)).toBe(true);
  });

  it("keeps the caution alert a block quote that starts with the alert tag", () => {
    const quotes = all(example, "blockquote") as Tokens.Blockquote[];
    expect(quotes.some((q) => q.text.startsWith("[!CAUTION]"))).toBe(true);
  });

  it("opens and closes every details block, in order", () => {
    for (const text of [example, renderPlans([fixture("values/create-replace-delete.json"), fixture("values/injection.json")]).markdown]) {
      const html = all(text, "html").map((t) => (t as Tokens.HTML).text);
      let depth = 0;
      for (const block of html) {
        depth += block.split("<details>").length - 1;
        depth -= block.split("</details>").length - 1;
        expect(depth).toBeGreaterThanOrEqual(0);
      }
      expect(depth).toBe(0);
    }
  });

  it("nests each resource's values as a diff code block under its list item", () => {
    const items = all(renderPlans([fixture("values/update-values.json")]).markdown, "list_item") as Tokens.ListItem[];
    const web = items.find((i) => i.text.startsWith("`aws_instance.web`"));
    const block = web?.tokens.find((t) => t.type === "code") as Tokens.Code | undefined;
    expect(block?.lang).toBe("diff");
    expect(block?.text).toContain('~ instance_type = "t3.micro" -> "m7i.4xlarge"');
  });

  it("keeps a create's collapsed arguments inside its list item", () => {
    const items = all(renderPlans([fixture("values/create-replace-delete.json")]).markdown, "list_item") as Tokens.ListItem[];
    const bucket = items.find((i) => i.text.startsWith("`aws_s3_bucket.new_bucket`"));
    const types = bucket?.tokens.map((t) => t.type);
    expect(types).toEqual(expect.arrayContaining(["html", "code"]));
    expect((bucket?.tokens.find((t) => t.type === "code") as Tokens.Code).text).toContain('+ bucket = "dnssec-demo-logs"');
  });
});
