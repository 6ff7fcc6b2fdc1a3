import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ZoneSetting } from "../../../config/zone-setting";
import { buildStacks } from "../../../stacks/build";
import { showsSigning } from "../../../tools/synth/removed-zones";
import { check, synth, type RunPaths } from "../../../tools/synth/run";
import { TF_HEADER } from "../../../tools/synth/hcl-files";
import { fleetSettings, zoneSetting } from "../../stacks/fleet-helpers";

function scratchPaths(): RunPaths {
  const root = mkdtempSync(join(tmpdir(), "synth-removed-"));
  return { projectRoot: root, hclDir: join(root, "terraform"), jsonDir: join(root, "cdktf.out") };
}

const fleet = (zones: ZoneSetting[]) => (app: Parameters<typeof buildStacks>[0]) => buildStacks(app, fleetSettings(zones)).all;

const SIGNED = zoneSetting("signed.example.co.uk", { soaNegativeTtl: 3600 });
const DISABLING = zoneSetting("xn--bcher-kva.example", { dnssec: "disabling", soaNegativeTtl: 3600 });
const OFF = zoneSetting("off.example.net", { dnssec: "off", keySigningKeys: [{ name: "ksk_1", status: "inactive", publishDs: false }] });

describe("removing a fleet zone", () => {
  it("is refused while the committed folder shows the zone signing, naming the zone, the folder and the fix, and writes nothing", async () => {
    const paths = scratchPaths();
    expect((await synth(fleet([SIGNED, OFF]), paths)).ok).toBe(true);
    const before = readFileSync(join(paths.hclDir, "zone-signed.example.co.uk", "main.tf"), "utf8");
    const result = await synth(fleet([OFF]), paths);
    expect(result).toEqual({
      ok: false,
      lines: [
        'synth: the zone signed.example.co.uk is no longer in the settings\' zones, but terraform/zone-signed.example.co.uk/ shows it signed (signing_status "SIGNING"); removing a signed zone would leave its DS and signing with no stack to withdraw them, so put the entry back, set its dnssec to "disabling", then "off", applying each, and only then remove it (README "Turning DNSSEC off safely").',
      ],
    });
    expect(readFileSync(join(paths.hclDir, "zone-signed.example.co.uk", "main.tf"), "utf8")).toBe(before);
  });

  it("is refused in --check too, so CI stops a pull request that removes a signed zone", async () => {
    const paths = scratchPaths();
    await synth(fleet([DISABLING]), paths);
    const result = await check(fleet([]), paths);
    expect(result.ok).toBe(false);
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]).toContain("the zone xn--bcher-kva.example is no longer in the settings' zones, but terraform/zone-xn--bcher-kva.example/ shows it signed");
  });

  it("is allowed once the zone is off, and its stale folder's HCL is removed", async () => {
    const paths = scratchPaths();
    await synth(fleet([SIGNED, OFF]), paths);
    const result = await synth(fleet([SIGNED]), paths);
    expect(result.ok).toBe(true);
    expect(existsSync(join(paths.hclDir, "zone-off.example.net", "main.tf"))).toBe(false);
    expect(existsSync(join(paths.hclDir, "zone-signed.example.co.uk", "main.tf"))).toBe(true);
  });
});

/**
 * The base commit's terraform/, as the workflows materialize it from git: a copy outside the
 * project, as in $RUNNER_TEMP/base/terraform.
 */
function baseCopy(paths: RunPaths): RunPaths & { baseHclDir: string } {
  const baseHclDir = join(mkdtempSync(join(tmpdir(), "runner-temp-")), "base", "terraform");
  cpSync(paths.hclDir, baseHclDir, { recursive: true });
  return { ...paths, baseHclDir };
}

describe("removing a fleet zone, judged against the base commit (--base)", () => {
  it("is refused when the change also deletes the zone's folder: the base's folder still shows it signed", async () => {
    const paths = scratchPaths();
    await synth(fleet([SIGNED, OFF]), paths);
    const withBase = baseCopy(paths);
    rmSync(join(paths.hclDir, "zone-signed.example.co.uk"), { recursive: true });
    // Without the base, the working tree alone cannot see the removal.
    expect((await check(fleet([OFF]), paths)).ok).toBe(true);
    const result = await check(fleet([OFF]), withBase);
    expect(result.ok).toBe(false);
    expect(result.lines).toHaveLength(1);
    for (const part of [
      "the zone signed.example.co.uk is no longer in the settings' zones",
      "but terraform/zone-signed.example.co.uk/ of the base commit (--base) shows it signed",
      "deleting the folder does not make the removal safe",
      // Right on the pull request and on main after the merge alike.
      "bring the entry and its folder back (in the pull request; once merged, revert the change that removed them)",
      'set its dnssec to "disabling", then "off"',
      'README "Turning DNSSEC off safely"',
    ])
      expect(result.lines[0]).toContain(part);
    expect(result.lines[0]).not.toContain(tmpdir());
    expect(result.lines[0]).not.toContain("base branch");
  });

  it("names the zone once when both the working tree and the base show it signed", async () => {
    const paths = scratchPaths();
    await synth(fleet([SIGNED]), paths);
    const result = await check(fleet([]), baseCopy(paths));
    expect(result.ok).toBe(false);
    expect(result.lines).toHaveLength(1);
  });

  it("is allowed when the base shows the zone off, and a base without terraform/ holds nothing back", async () => {
    const paths = scratchPaths();
    await synth(fleet([SIGNED, OFF]), paths);
    const withBase = baseCopy(paths);
    await synth(fleet([SIGNED]), paths);
    expect((await check(fleet([SIGNED]), withBase)).ok).toBe(true);
    expect((await check(fleet([SIGNED]), { ...paths, baseHclDir: join(paths.projectRoot, "no-such-base") })).ok).toBe(true);
  });
});

describe("showsSigning", () => {
  const signing = (status: string) => `${TF_HEADER}\n\nresource "aws_route53_hosted_zone_dnssec" "dnssec_zone_signing" {\n  hosted_zone_id = "Z1"\n  signing_status = "${status}"\n}\n`;

  it("reads signing_status of the zone signing resource", async () => {
    expect(await showsSigning(signing("SIGNING"), "a")).toBe(true);
    expect(await showsSigning(signing("NOT_SIGNING"), "a")).toBe(false);
  });

  it("sees no signing in a folder without a zone signing resource", async () => {
    expect(await showsSigning(`${TF_HEADER}\n\nresource "aws_route53_zone" "z" {\n  name = "a.example"\n}\n`, "a")).toBe(false);
  });
});
