import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../../tools/github/cli";
import { keysApplyOrder, KEYS_ORDER_REFUSAL } from "../../../tools/github/keys-order";

/** A plan of the dnssec-keys stack with one resource change per entry of `actions`. */
const plan = (...actions: string[][]) => ({
  format_version: "1.2",
  resource_changes: actions.map((a, i) => ({ address: `aws_kms_key.shared_ksk_${i}_kms_key`, type: "aws_kms_key", change: { actions: a } })),
});

describe("keysApplyOrder: when the dnssec-keys plan is applied", () => {
  it("applies a plan that only creates or updates keys first, before the zones whose KSKs sign with them", () => {
    expect(keysApplyOrder(plan(["create"], ["no-op"]))).toEqual({ order: "first" });
    expect(keysApplyOrder(plan(["update"], ["read"]))).toEqual({ order: "first" });
  });

  it("applies a plan that only deletes keys last, after every zone has deleted its KSK on them", () => {
    expect(keysApplyOrder(plan(["delete"], ["no-op"]))).toEqual({ order: "last" });
    // Terraform 1.7's removed block: the key leaves the state; no zone may still need it.
    expect(keysApplyOrder(plan(["forget"]))).toEqual({ order: "last" });
  });

  it("needs no apply for a plan without changes", () => {
    expect(keysApplyOrder(plan(["no-op"], ["read"]))).toEqual({ order: "none" });
    expect(keysApplyOrder({ format_version: "1.2" })).toEqual({ order: "none" });
  });

  it("refuses a plan that both creates and deletes, a replacement included, in one line asking for two changes", () => {
    expect(keysApplyOrder(plan(["create"], ["delete"]))).toEqual({ refused: KEYS_ORDER_REFUSAL });
    expect(keysApplyOrder(plan(["delete", "create"]))).toEqual({ refused: KEYS_ORDER_REFUSAL });
    expect(keysApplyOrder(plan(["create", "delete"]))).toEqual({ refused: KEYS_ORDER_REFUSAL });
    expect(KEYS_ORDER_REFUSAL).not.toContain("\n");
    expect(KEYS_ORDER_REFUSAL).toContain("two changes");
  });

  it("rejects what is not a plan", () => {
    expect(() => keysApplyOrder([])).toThrow(/not a Terraform plan/);
    expect(() => keysApplyOrder({ resource_changes: [{ change: { actions: "delete" } }] })).toThrow(/not a Terraform plan/);
  });
});

describe("npm run -s github -- keys-order <plan.json>", () => {
  const file = (value: unknown) => {
    const path = join(mkdtempSync(join(tmpdir(), "keys-order-")), "dnssec-keys.json");
    writeFileSync(path, typeof value === "string" ? value : JSON.stringify(value));
    return path;
  };
  const run = async (...argv: string[]) => {
    const lines: string[] = [];
    const code = await main(["keys-order", ...argv], {}, (l) => lines.push(l));
    return { code, lines };
  };

  it("prints the order, needing no GitHub token", async () => {
    expect(await run(file(plan(["create"])))).toEqual({ code: 0, lines: ["first"] });
    expect(await run(file(plan(["delete"])))).toEqual({ code: 0, lines: ["last"] });
    expect(await run(file(plan()))).toEqual({ code: 0, lines: ["none"] });
  });

  it("refuses a mixed plan with exit 1 and the one line as an error annotation", async () => {
    expect(await run(file(plan(["create"], ["delete"])))).toEqual({ code: 1, lines: [`::error::${KEYS_ORDER_REFUSAL}`] });
  });

  it("exits 2 on a missing file, broken JSON or no file", async () => {
    expect((await run(join(tmpdir(), "no-such-dir", "x.json"))).code).toBe(2);
    expect((await run(file("not json"))).code).toBe(2);
    expect((await run(file([]))).code).toBe(2);
    expect((await run()).code).toBe(2);
  });
});
