import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSettings } from "../../../config/settings";
import { buildStacks } from "../../../stacks/build";
import { removedKeysStackMessage, removedSinceBaseWarning } from "../../../tools/synth/removed-keys";
import { check, synth, type RunPaths } from "../../../tools/synth/run";
import { shippedContext } from "../../stacks/fleet-helpers";

function scratchPaths(): RunPaths {
  const root = mkdtempSync(join(tmpdir(), "synth-removed-keys-"));
  return { projectRoot: root, hclDir: join(root, "terraform"), jsonDir: join(root, "cdktf.out") };
}

const build = (context: Record<string, unknown>) => (app: Parameters<typeof buildStacks>[0]) => buildStacks(app, loadSettings({ ...shippedContext(), ...context })).all;
const SHARED = { sharedKmsKey: true, zones: [{ domainName: "shop.example.org" }] };
const KEYS_MAIN = join("dnssec-keys", "main.tf");

describe("the dnssec-keys stack leaving the synth", () => {
  it("is refused when sharedKmsKey goes from true to false, naming the stack, the setting and the fix, and writes nothing", async () => {
    const paths = scratchPaths();
    expect((await synth(build(SHARED), paths)).ok).toBe(true);
    const before = readFileSync(join(paths.hclDir, KEYS_MAIN), "utf8");
    const result = await synth(build({ ...SHARED, sharedKmsKey: false }), paths);
    expect(result).toEqual({ ok: false, lines: [removedKeysStackMessage("terraform")] });
    expect(result.lines[0]).not.toContain("\n");
    for (const part of ["dnssec-keys", "sharedKmsKey", "terraform/dnssec-keys/", "rotat", "destroy"]) expect(result.lines[0]).toContain(part);
    expect(readFileSync(join(paths.hclDir, KEYS_MAIN), "utf8")).toBe(before);
  });

  it("is refused when the last KSK on a shared key brings its own key, and in --check too", async () => {
    const paths = scratchPaths();
    await synth(build(SHARED), paths);
    const own = "arn:aws:kms:us-east-1:111122223333:key/0a1b2c3d-0000-4000-8000-000000000001";
    const ownKey = (i: number) => [{ name: "ksk_1", status: "active", kmsKeyArn: own.replace(/1$/, String(i)) }];
    const off = build({ ...SHARED, keySigningKeys: ownKey(1), zones: [{ domainName: "shop.example.org", keySigningKeys: ownKey(2) }] });
    expect(await synth(off, paths)).toEqual({ ok: false, lines: [removedKeysStackMessage("terraform")] });
    expect(await check(off, paths)).toEqual({ ok: false, lines: [removedKeysStackMessage("terraform")] });
  });

  it("is allowed once the folder was deleted on purpose (after the deliberate destroy), and without shared keys at all", async () => {
    const paths = scratchPaths();
    await synth(build(SHARED), paths);
    rmSync(join(paths.hclDir, "dnssec-keys"), { recursive: true });
    expect((await synth(build({ ...SHARED, sharedKmsKey: false }), paths)).ok).toBe(true);
    expect(existsSync(join(paths.hclDir, KEYS_MAIN))).toBe(false);
    const fresh = scratchPaths();
    const shop = { domainName: "shop.example.org" };
    expect((await synth(build({ zones: [shop] }), fresh)).ok).toBe(true);
    expect((await synth(build({ zones: [shop, { domainName: "b.example.net" }] }), fresh)).ok).toBe(true);
  });

  it("deleted in the change, is shown against the base commit (--base) as a warning naming the destroy it needs, not refused: that deletion is the deliberate step", async () => {
    const paths = scratchPaths();
    await synth(build(SHARED), paths);
    // Outside the project, as the workflows write it ($RUNNER_TEMP/base/terraform).
    const baseHclDir = join(mkdtempSync(join(tmpdir(), "runner-temp-")), "base", "terraform");
    cpSync(paths.hclDir, baseHclDir, { recursive: true });
    rmSync(join(paths.hclDir, "dnssec-keys"), { recursive: true });
    const off = build({ ...SHARED, sharedKmsKey: false });
    expect((await synth(off, paths)).ok).toBe(true);
    expect((await check(off, paths)).lines.some((l) => l.includes("warning"))).toBe(false);
    const result = await check(off, { ...paths, baseHclDir });
    expect(result.ok).toBe(true);
    // The folder as the base commit's tree names it, not where CI wrote it.
    expect(result.lines).toContain(removedSinceBaseWarning("terraform"));
    const warning = removedSinceBaseWarning("terraform");
    for (const part of ["synth: warning: ", "dnssec-keys", "terraform/dnssec-keys/ of the base commit", "destroy", "state", "before the change reaches main"]) expect(warning).toContain(part);
    // Said on main after the merge too: no "merge only once".
    expect(warning).not.toMatch(/merge only|base branch/);
  });
});
