import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..");

/** Runs main.ts the way cdktf.json's "app" does, with the given context. */
function runMain(context: Record<string, unknown>) {
  const outdir = mkdtempSync(join(tmpdir(), "main-"));
  const result = spawnSync(process.execPath, ["--import", "tsx", "main.ts"], {
    cwd: ROOT,
    env: { ...process.env, CDKTF_CONTEXT_JSON: JSON.stringify(context), CDKTF_OUTDIR: outdir },
    encoding: "utf8",
  });
  return { ...result, outdir };
}

describe("main.ts", () => {
  it("synthesizes both stacks from CDKTF_CONTEXT_JSON", () => {
    const { status, outdir, stderr } = runMain({ domainName: "example.org" });
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(existsSync(join(outdir, "stacks", "zone", "cdk.tf.json"))).toBe(true);
    expect(existsSync(join(outdir, "stacks", "app", "cdk.tf.json"))).toBe(true);
  });

  it("rejects bad input with one line naming the setting, and no stack trace or output", () => {
    const { status, stderr, outdir } = runMain({ kmsDeletionWindowDays: 3 });
    expect(status).toBe(1);
    expect(stderr).toBe(
      'error: Setting "kmsDeletionWindowDays" must be a whole number of days between 7 and 30 (KMS\'s limits), got: 3; use 30 unless you have a reason not to.\n',
    );
    expect(existsSync(join(outdir, "stacks"))).toBe(false);
  });
});
