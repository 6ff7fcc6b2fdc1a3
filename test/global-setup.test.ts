import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import setup from "./global-setup";

describe("the test run's global setup", () => {
  it("points TMPDIR at one fresh folder and removes it, with everything in it, at the end", () => {
    const before = process.env.TMPDIR;
    const teardown = setup();
    const dir = process.env.TMPDIR as string;
    expect(dir).not.toBe(before);
    expect(tmpdir()).toBe(dir);
    const inside = mkdtempSync(join(tmpdir(), "leftover-"));
    writeFileSync(join(inside, "file"), "x");
    teardown();
    expect(existsSync(dir)).toBe(false);
    expect(process.env.TMPDIR).toBe(before);
  });

  it("runs this suite inside such a folder", () => {
    expect(tmpdir()).toMatch(/dnssec-cdktf-test-/);
  });
});
