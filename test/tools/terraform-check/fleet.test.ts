/**
 * The harness's checks of a fleet zone stack with real Terraform: a hand-written stack in the shape
 * of the app's (fixtures/fleet-stack.ts), adopted through an `import` block, referenced through a
 * data source, and adopted without its import block or with a name check of another name, which must
 * fail. It proves what the harness sees of an import with `mock_provider` (the plan's own
 * `importing`) and of the name check, whatever the app synthesizes; terraform.test.ts runs the same
 * checks on the app's fleet. Skipped like it without Terraform.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZoneSetting } from "../../../config/zone-setting";
import { zoneStackId } from "../../../stacks/stack-ids";
import { findToolchain, terraformEnv } from "../../../tools/terraform-check/environment";
import { check, type CheckReport } from "../../../tools/terraform-check/run";
import { CONTEXT_FILE, ZONES_FILE } from "../../../tools/terraform-check/synth-config";
import { fleetStackHcl } from "./fixtures/fleet-stack";

const lookup = findToolchain();
const ADOPTED: ZoneSetting = {
  domainName: "adopted.example.org",
  keySigningKeys: [{ name: "ksk_1", status: "active", publishDs: true }],
  dnssec: "on",
  parentDs: "manual",
  delegateFromParent: false,
  dsTtl: 3600,
  hostedZoneId: "Z0ADOPTED00000000001",
  ownership: "adopt",
};
const REFERENCED: ZoneSetting = { ...ADOPTED, domainName: "referenced.example.org", hostedZoneId: "Z0REFERENCED00000001", ownership: "reference" };

describe.skipIf(!lookup.ok)("a fleet zone stack, with real Terraform and mocked providers", () => {
  const scratch = mkdtempSync(join(tmpdir(), "terraform-check-fleet-"));
  let report: CheckReport;
  const config = (name: string, zone: ZoneSetting, hcl: string) => {
    const dir = join(scratch, "configs", name);
    mkdirSync(join(dir, zoneStackId(zone.domainName)), { recursive: true });
    writeFileSync(join(dir, zoneStackId(zone.domainName), "main.tf"), hcl);
    writeFileSync(join(dir, CONTEXT_FILE), "{}\n");
    writeFileSync(join(dir, ZONES_FILE), `${JSON.stringify([zone])}\n`);
    return { name, dir };
  };

  beforeAll(async () => {
    if (!lookup.ok) return;
    report = await check({
      configs: [
        config("adopt", ADOPTED, fleetStackHcl(ADOPTED.domainName, { import: ADOPTED.hostedZoneId })),
        config("reference", REFERENCED, fleetStackHcl(REFERENCED.domainName, { reference: REFERENCED.hostedZoneId })),
        config("adopt-without-import", ADOPTED, fleetStackHcl(ADOPTED.domainName)),
        // The name check compares the zone the provider reads with another name: the plan must fail on it.
        config("adopt-other-name", ADOPTED, fleetStackHcl(ADOPTED.domainName, { import: ADOPTED.hostedZoneId }).replace('self.name == "adopted.example.org"', 'self.name == "other.example.org"')),
      ],
      toolchain: lookup.toolchain,
      env: terraformEnv(scratch, lookup.toolchain.pluginDir),
      scratch,
      defaultContext: {},
    });
  }, 20 * 60 * 1000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const failures = (subject: string) => report.results.filter((r) => r.subject === subject && !r.ok).map((r) => `${r.step}: ${r.lines.join(" | ")}`);

  it("passes fmt, init, validate and the mocked plan and apply of an adopted zone, whose plan imports it from its id", () => {
    expect(report.results.filter((r) => r.subject === "adopt/zone-adopted.example.org").map((r) => r.step)).toEqual(["fmt", "init", "validate", "test"]);
    expect(failures("adopt/zone-adopted.example.org")).toEqual([]);
  });

  it("passes for a referenced zone read by its id", () => {
    expect(failures("reference/zone-referenced.example.org")).toEqual([]);
  });

  it("feeds the adopted zone's name check the zone as the provider reads it, so a check of another name fails the plan", () => {
    expect(failures("adopt-other-name/zone-adopted.example.org")).toEqual([
      expect.stringMatching(/^test: run "plan": error \| run "plan": error: Resource postcondition failed: The hosted zone Z0ADOPTED00000000001 is adopted\.example\.org \(private: false\), not the public zone adopted\.example\.org\./),
    ]);
  });

  it("fails an adopted zone whose stack creates it instead of importing it", () => {
    expect(failures("adopt-without-import/zone-adopted.example.org")).toEqual([
      'test: run "plan": aws_route53_zone.zone must be imported from Z0ADOPTED00000000001, the plan imports nothing (create)',
    ]);
  });
});
