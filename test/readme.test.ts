import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SETTING_KEYS } from "../config/settings";
import { renderExample } from "../tools/plan-comment/example";

const README = readFileSync(join(__dirname, "..", "README.md"), "utf8");

describe("README", () => {
  it("shows the plan comment exactly as the renderer writes it", () => {
    expect(README).toContain(renderExample().trim());
  });

  it("documents every setting in the configuration table", () => {
    for (const key of SETTING_KEYS) {
      expect(README, key).toContain(`| \`${key}\` |`);
    }
  });

  it("gives the two commands of the promise: set up and synth, and run the tests", () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(README).toContain("npm run setup");
    expect(pkg.scripts.setup).toBe("npm ci && npm run synth");
    expect(README).toContain("npm test");
    expect(readFileSync(join(__dirname, "..", ".ci", "run"), "utf8")).toContain("npm test");
  });
});
