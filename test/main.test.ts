import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..");
const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

/** cdktf.json's context as the cdktf CLI hands it to the app: with the CLI's own key added. */
function contextAsTheCliPassesIt(): string {
  const config = JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")) as { context?: Record<string, unknown> };
  return JSON.stringify({ ...(config.context ?? {}), cdktfRelativeModules: [] });
}

/** cdktf.json's "app" command, which the cdktf CLI runs (the compiled main.ts). */
const APP = (JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")) as { app: string }).app.split(" ");

/** Runs main.ts the way the cdktf CLI does (cdktf.json's "app", from the project root), with extra environment. */
function runMain(env: Record<string, string>) {
  const outdir = mkdtempSync(join(tmpdir(), "main-"));
  outdirs.push(outdir);
  const [program, ...args] = APP;
  expect(program).toBe("node");
  const result = spawnSync(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, CDKTF_CONTEXT_JSON: contextAsTheCliPassesIt(), CDKTF_OUTDIR: outdir, ...env },
    encoding: "utf8",
  });
  return { ...result, outdir };
}

describe("main.ts, as the cdktf CLI runs it", () => {
  it("synthesizes both stacks from cdktf.json, with the DNSSEC_CDKTF_CONTEXT overlay reported on stderr", () => {
    const { status, outdir, stderr } = runMain({ DNSSEC_CDKTF_CONTEXT: JSON.stringify({ domainName: "overlay.example.org" }) });
    expect(stderr).toBe("settings: domainName from DNSSEC_CDKTF_CONTEXT\n");
    expect(status).toBe(0);
    expect(existsSync(join(outdir, "stacks", "app", "cdk.tf.json"))).toBe(true);
    const zone = readFileSync(join(outdir, "stacks", "zone", "cdk.tf.json"), "utf8");
    expect(zone).toContain('"name": "overlay.example.org"');
  });

  it("rejects bad input with one line naming the setting and its source, and no stack trace or output", () => {
    const { status, stderr, outdir } = runMain({ DNSSEC_CDKTF_CONTEXT: JSON.stringify({ kmsDeletionWindowDays: 3 }) });
    expect(status).toBe(1);
    expect(stderr).toBe(
      'settings: kmsDeletionWindowDays from DNSSEC_CDKTF_CONTEXT\nerror: Setting "kmsDeletionWindowDays" (from DNSSEC_CDKTF_CONTEXT) must be a whole number of days between 7 and 30 (KMS\'s limits), got: 3; use 30 unless you have a reason not to.\n',
    );
    expect(existsSync(join(outdir, "stacks"))).toBe(false);
  });

  it("prints no stack trace for KSK names that collide with construct ids", () => {
    const { status, stderr } = runMain({ DNSSEC_CDKTF_CONTEXT: JSON.stringify({ keySigningKeys: [{ name: "alarms", status: "active" }] }) });
    expect(status).toBe(1);
    expect(stderr).toMatch(/\nerror: Setting "keySigningKeys\[0\]\.name" \(from DNSSEC_CDKTF_CONTEXT\) is "alarms", the id of a part of the DNSSEC construct/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("ignores a CDKTF_CONTEXT_JSON that differs from cdktf.json, with a warning, and a blank one silently", () => {
    const differs = runMain({ CDKTF_CONTEXT_JSON: JSON.stringify({ domainName: "other.example.org" }) });
    expect(differs.status).toBe(0);
    expect(differs.stderr).toMatch(/^settings: warning: CDKTF_CONTEXT_JSON differs from cdktf\.json's context and is ignored/);
    expect(readFileSync(join(differs.outdir, "stacks", "zone", "cdk.tf.json"), "utf8")).not.toContain("other.example.org");
    const blank = runMain({ CDKTF_CONTEXT_JSON: "  " });
    expect(blank.stderr).toBe("");
    expect(blank.status).toBe(0);
  });
});
