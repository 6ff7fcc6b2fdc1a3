import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadProjectSettings } from "../../../config/project";
import { stackEntries } from "../../../stacks/stack-ids";

const ROOT = resolve(__dirname, "..", "..", "..");

function runCli(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ["--import", "tsx", "tools/synth/cli.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CDKTF_CONTEXT_JSON: "", DNSSEC_CDKTF_CONTEXT: "", ...env },
  });
}

describe("npm run synth (tools/synth/cli.ts)", () => {
  it("prints one error line and exits 1 on a bad setting, writing nothing", () => {
    const out = mkdtempSync(join(tmpdir(), "synth-cli-"));
    const result = runCli(["--hcl-dir", join(out, "hcl"), "--json-dir", join(out, "json")], {
      DNSSEC_CDKTF_CONTEXT: JSON.stringify({ domainName: "bad..example.com" }),
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^settings: domainName from DNSSEC_CDKTF_CONTEXT\nsynth: error: Setting "domainName" \(from DNSSEC_CDKTF_CONTEXT\) .*\n$/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(out, "hcl"))).toBe(false);
    expect(existsSync(join(out, "json"))).toBe(false);
  });

  it("names DNSSEC_CDKTF_CONTEXT when it is not JSON", () => {
    const result = runCli(["--check"], { DNSSEC_CDKTF_CONTEXT: "not json" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^synth: error: the DNSSEC_CDKTF_CONTEXT environment variable is not valid JSON \(.*\); fix the syntax\.\n$/);
  });

  it("reads the settings as main.ts does: a CDKTF_CONTEXT_JSON of only whitespace is not set", () => {
    const result = runCli(["--check", "--hcl-dir", join(ROOT, "terraform")], { CDKTF_CONTEXT_JSON: " \n " });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("writes warnings to stderr and only progress to stdout", () => {
    const out = mkdtempSync(join(tmpdir(), "synth-cli-"));
    const result = runCli(["--hcl-dir", join(out, "hcl"), "--json-dir", join(out, "json")], { DNSSEC_CDKTF_CONTEXT: JSON.stringify({ soaNegativeTtl: 86400 }) });
    expect(result.status).toBe(0);
    // One progress line per stack of the settings: zone, app, then one per entry of zones.
    const ids = stackEntries(loadProjectSettings(ROOT, {})).map((e) => e.id);
    expect(result.stdout.split("\n").filter(Boolean).map((line) => line.replace(/ -> .*/, ""))).toEqual(ids.map((id) => `synth: ${id}`));
    expect(result.stderr).toMatch(/^settings: soaNegativeTtl from DNSSEC_CDKTF_CONTEXT\nsynth: warning: zone: The SOA minimum/);
    // A whole synth in a child process: slow on a loaded two-core machine.
  }, 300_000);

  it("exits 1 with the fix when --check finds drift", () => {
    const out = mkdtempSync(join(tmpdir(), "synth-cli-"));
    const result = runCli(["--check", "--hcl-dir", out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("main.tf is missing");
    expect(result.stderr).toContain("Run `npm run synth` and commit");
  });

  it("rejects an unknown option in one line, with the tools' usage exit code", () => {
    const result = runCli(["--chek"]);
    expect(result.status).toBe(64);
    expect(result.stderr).toBe('synth: error: unknown option "--chek"; run npm run synth -- --help\n');
  });
});
