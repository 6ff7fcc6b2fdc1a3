import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..", "..");

describe("the dnssec-verify package bin", () => {
  it("is declared in package.json", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };
    expect(pkg.bin["dnssec-verify"]).toBe("bin/dnssec-verify.js");
  });

  it("runs the verifier's compiled CLI", () => {
    const result = spawnSync(process.execPath, [join(ROOT, "bin", "dnssec-verify.js"), "--help"], { encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run verify -- <domain> \[options\]/);
  });

  it("refuses a bad argument with one line and the usage exit code, not a stack trace", () => {
    const result = spawnSync(process.execPath, [join(ROOT, "bin", "dnssec-verify.js"), "--concurrency", "zero"], { encoding: "utf8" });
    expect(result.status).toBe(64);
    expect(result.stderr).toMatch(/^dnssec-verify: error: [^\n]*; run npm run verify -- --help\n$/);
  });
});
