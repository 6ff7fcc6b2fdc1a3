/**
 * The CLIs, the bin and cdktf.json's app start from JavaScript compiled once (tools/build.js, run by
 * `npm ci` as the prepare step), not through tsx at every call.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..", "..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };

describe("compiled start-up", () => {
  it("builds in the prepare step that npm ci runs", () => {
    expect(pkg.scripts.prepare).toBe("node tools/build.js");
  });

  it.each(["synth", "settings", "plan-comment", "verify"])("starts npm run %s from the compiled JavaScript, without tsx", (script) => {
    expect(pkg.scripts[script]).toMatch(/^node (--[\w-]+=\S+ )?tools\/run\.js tools\/[\w-]+\/cli\.ts$/);
    expect(pkg.scripts[script]).not.toContain("tsx");
  });

  it("starts cdktf.json's app and the bin from the compiled JavaScript", () => {
    const cdktf = JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")) as { app: string };
    expect(cdktf.app).toBe("node tools/run.js main.ts");
    expect(readFileSync(join(ROOT, "bin", "dnssec-verify.js"), "utf8")).not.toContain("tsx");
  });

  it("runs an entry point through tools/run.js from dist/", () => {
    const result = spawnSync(process.execPath, ["tools/run.js", "tools/settings/cli.ts", "--help"], { cwd: ROOT, encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^usage: npm run -s settings/);
    expect(existsSync(join(ROOT, "dist", "tools", "settings", "cli.js"))).toBe(true);
    expect(existsSync(join(ROOT, "dist", "modules", "user-data", "web-server.sh"))).toBe(true);
  });

  it("refuses tools/run.js without an entry point, with the usage exit code", () => {
    const result = spawnSync(process.execPath, ["tools/run.js"], { cwd: ROOT, encoding: "utf8" });
    expect(result.status).toBe(64);
    expect(result.stderr).toMatch(/^run: error: give the TypeScript entry point/);
  });
});
