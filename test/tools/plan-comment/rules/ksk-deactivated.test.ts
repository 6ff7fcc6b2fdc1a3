import { describe, expect, it } from "vitest";
import { kskDeactivated } from "../../../../tools/plan-comment/rules/ksk-deactivated";
import { ZONE_ID, buildPlan, fixture, kskValues, signingValues, steadyKsk } from "../plan-builder";

const deactivate = (name: string, zoneId = ZONE_ID) => ({
  type: "aws_route53_key_signing_key",
  name,
  actions: ["update"],
  before: kskValues(name, "ACTIVE", `${name}-key`, zoneId),
  after: kskValues(name, "INACTIVE", `${name}-key`, zoneId),
});

describe("DNSSEC-KSK-DEACTIVATED", () => {
  it("is safe when another KSK of the zone stays ACTIVE (rotation step 6)", () => {
    const findings = kskDeactivated.check(fixture("dnssec/rotation-6-deactivate-old.json"));
    expect(findings.map((f) => f.severity)).toEqual(["safe"]);
    expect(findings[0]?.subject).toBe("aws_route53_key_signing_key.dnssec_ksk_1_signing_key");
    expect(findings[0]?.statement).toContain("while `aws_route53_key_signing_key.dnssec_ksk_2_signing_key` stays active");
  });

  it("is a danger when the zone's last active KSK is deactivated", () => {
    const [finding] = kskDeactivated.check(fixture("dnssec/danger-deactivate-last-ksk.json"));
    expect(finding?.severity).toBe("danger");
    expect(finding?.statement).toContain("last active KSK");
  });

  it("is a danger when the only other active KSK is created in the same plan (steps 2 to 5 skipped)", () => {
    const [finding] = kskDeactivated.check(fixture("dnssec/danger-add-and-deactivate-same-plan.json"));
    expect(finding?.severity).toBe("danger");
    expect(finding?.statement).toContain("same plan that creates");
  });

  it("is a danger when the same plan also changes the DS at the parent (steps 2 to 5 skipped)", () => {
    const plan = fixture("dnssec/rotation-6-deactivate-old.json");
    const withDsChange = {
      ...plan,
      outputs: [...plan.outputs, { ...plan.outputs[0], name: "ds_record", kind: "update" as const, sensitive: false }],
    };
    const [finding] = kskDeactivated.check(withDsChange);
    expect(finding?.severity).toBe("danger");
    expect(finding?.statement).toContain("same plan that changes the DS at the parent (`output.ds_record`)");
  });

  it("stays safe when a DS record's TTL alone changes next to rotation step 6", () => {
    const ttlOnly = {
      type: "aws_route53_record",
      name: "ds",
      actions: ["update"],
      before: { type: "DS", records: ["12345 13 2 AB"], ttl: 3600 },
      after: { type: "DS", records: ["12345 13 2 AB"], ttl: 300 },
    };
    expect(kskDeactivated.check(buildPlan([deactivate("old"), steadyKsk("new"), ttlOnly]))[0]?.severity).toBe("safe");
    const recordsToo = { ...ttlOnly, after: { ...ttlOnly.after, records: ["54321 13 2 CD"] } };
    expect(kskDeactivated.check(buildPlan([deactivate("old"), steadyKsk("new"), recordsToo]))[0]?.severity).toBe("danger");
  });

  it("does not count an ACTIVE KSK of another zone", () => {
    const plan = buildPlan([deactivate("old"), steadyKsk("other", "ACTIVE", "ZOTHERZONE")]);
    expect(kskDeactivated.check(plan)[0]?.severity).toBe("danger");
  });

  it("does not count another KSK that is itself deleted or INACTIVE", () => {
    const deleting = { ...steadyKsk("new"), actions: ["delete"], after: undefined };
    expect(kskDeactivated.check(buildPlan([deactivate("old"), deleting]))[0]?.severity).toBe("danger");
    expect(kskDeactivated.check(buildPlan([deactivate("old"), steadyKsk("new", "INACTIVE")]))[0]?.severity).toBe("danger");
  });

  it("does not count another KSK that only becomes ACTIVE in the same plan: it is not signing yet", () => {
    const activating = {
      type: "aws_route53_key_signing_key",
      name: "new",
      actions: ["update"],
      before: kskValues("new", "INACTIVE"),
      after: kskValues("new", "ACTIVE"),
    };
    expect(kskDeactivated.check(buildPlan([deactivate("old"), activating]))[0]?.severity).toBe("danger");
  });

  it("does not count a KSK in ACTION_NEEDED in the prior state as staying active", () => {
    const needsAction = steadyKsk("new", "ACTION_NEEDED");
    const recovering = { ...needsAction, actions: ["update"], after: kskValues("new", "ACTIVE") };
    expect(kskDeactivated.check(buildPlan([deactivate("old"), needsAction]))[0]?.severity).toBe("danger");
    expect(kskDeactivated.check(buildPlan([deactivate("old"), recovering]))[0]?.severity).toBe("danger");
  });

  it("counts a KSK that is ACTIVE in the prior state and stays ACTIVE", () => {
    expect(kskDeactivated.check(buildPlan([deactivate("old"), steadyKsk("new", "ACTIVE")]))[0]?.severity).toBe("safe");
  });

  it("warns, naming the attribute, when a KSK's status is known only after apply", () => {
    const unknown = { ...steadyKsk("new"), actions: ["update"], after: { ...kskValues("new", "ACTIVE"), status: null }, afterUnknown: { status: true } };
    const findings = kskDeactivated.check(buildPlan([unknown]));
    expect(findings.map((f) => f.severity)).toEqual(["warning"]);
    expect(findings[0]?.statement).toContain("`status` known only after apply");
  });

  it("does not warn when the status is known", () => {
    expect(kskDeactivated.check(buildPlan([steadyKsk("new")]))).toEqual([]);
  });

  it("matches KSKs by module when the zone id is unknown", () => {
    const unknownZone = (name: string, module: string) => ({
      ...deactivate(name),
      module,
      before: { name, status: "ACTIVE" },
      after: { name, status: "INACTIVE" },
    });
    const steady = (name: string, module: string) => ({ ...steadyKsk(name), module, before: { name, status: "ACTIVE" }, after: { name, status: "ACTIVE" } });
    expect(kskDeactivated.check(buildPlan([unknownZone("old", "module.a"), steady("new", "module.a")]))[0]?.severity).toBe("safe");
    expect(kskDeactivated.check(buildPlan([unknownZone("old", "module.a"), steady("new", "module.b")]))[0]?.severity).toBe("danger");
  });

  it("defers to the signing finding when the same plan turns signing off (disable path)", () => {
    const findings = kskDeactivated.check(fixture("dnssec/disable-2-not-signing.json"));
    expect(findings.map((f) => f.severity)).toEqual(["safe"]);
    const plan = buildPlan([
      deactivate("old"),
      { type: "aws_route53_hosted_zone_dnssec", actions: ["update"], before: signingValues("SIGNING"), after: signingValues("NOT_SIGNING") },
    ]);
    expect(kskDeactivated.check(plan)[0]?.statement).toContain("turning signing off");
  });

  it("names a sensitive status without printing its values", () => {
    const plan = buildPlan([{ ...deactivate("old"), beforeSensitive: { status: true }, afterSensitive: { status: true } }]);
    const [finding] = kskDeactivated.check(plan);
    expect(finding?.statement).toContain("status (sensitive) changes");
    expect(finding?.statement).not.toContain("ACTIVE");
  });

  it("finds nothing when no KSK status changes", () => {
    expect(kskDeactivated.check(fixture("dnssec/safe-tags-only.json"))).toEqual([]);
  });
});
