import { describe, expect, it } from "vitest";
import { renderPlans } from "../../tools/plan-comment/comment";
import { OVERRIDE_LABEL } from "../../tools/plan-comment/constants";
import { Json, field } from "../../tools/plan-comment/json";
import { Plan, parsePlan } from "../../tools/plan-comment/plan";
import { Finding, checkPlan } from "../../tools/plan-comment/rules";
import { TfJson, synthApp } from "../helpers/synth";
import { ZONE_ID, fakeDsLine, fakeKeyArn, synthPlan } from "./synth-plan";

/**
 * The plan guard (tools/plan-comment) judging the real app's configuration
 * changes: each step of the README's "Rotating a KSK" and "Turning DNSSEC off
 * safely" must raise no danger, and each skipped step must be a danger. The
 * plans come from synthesizing the app at step N and N+1 (synth-plan.ts).
 */
const PARENT = { parentDs: "route53-zone", parentZoneId: "Z0PARENT" };
type Ksks = Record<string, unknown>[];
const app = (keySigningKeys: Ksks, extra: Record<string, unknown> = {}): TfJson =>
  synthApp({ ...PARENT, keySigningKeys, ...extra }).app;

/** The README's runbook, by step number (3 and 5 are waits, not changes). */
const STEP: Record<0 | 1 | 2 | 4 | 6 | 7, Ksks> = {
  0: [{ name: "ksk_1" }],
  1: [{ name: "ksk_1" }, { name: "ksk_2", publishDs: false }],
  2: [{ name: "ksk_1" }, { name: "ksk_2" }],
  4: [{ name: "ksk_1", publishDs: false }, { name: "ksk_2" }],
  6: [{ name: "ksk_1", status: "inactive" }, { name: "ksk_2" }],
  7: [{ name: "ksk_2" }],
};
const doc = {
  0: app(STEP[0]),
  1: app(STEP[1]),
  2: app(STEP[2]),
  4: app(STEP[4]),
  6: app(STEP[6]),
  7: app(STEP[7]),
};

const KSK = (name: string) => `aws_route53_key_signing_key.dnssec_${name}_signing_key`;
const KMS_KEY = (name: string) => `aws_kms_key.dnssec_${name}_kms_key`;
const KEY_POLICY = (name: string) => `aws_kms_key_policy.dnssec_${name}_key_policy`;
const DS_RECORD = "aws_route53_record.dnssec_parent_ds_ds_record";
const SIGNING = "aws_route53_hosted_zone_dnssec.dnssec_zone_signing";

function planOf(prior: TfJson, next: TfJson): Plan {
  return parsePlan(synthPlan(prior, next), "app", "synthesized plan");
}

/** Findings as "severity ruleId subject", sorted, so a test states the whole verdict at once. */
function verdict(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.severity} ${f.ruleId} ${f.subject}`).sort();
}

function judge(prior: TfJson, next: TfJson): { findings: Finding[]; danger: boolean; markdown: string } {
  const plan = planOf(prior, next);
  const { danger, markdown } = renderPlans([plan]);
  return { findings: checkPlan(plan), danger, markdown };
}

function actionOf(plan: Plan, address: string): string {
  const change = plan.resources.find((r) => r.address === address);
  if (change === undefined) throw new Error(`${address} is not in the plan`);
  return change.kind;
}

describe("synthPlan, the plan of moving the app from one configuration to the next", () => {
  it("plans nothing when the configuration does not change", () => {
    const plan = planOf(doc[2], doc[2]);
    expect(plan.resources.length).toBeGreaterThan(50);
    expect(plan.resources.filter((r) => r.kind !== "no-op")).toEqual([]);
    expect(plan.outputs.map((o) => o.kind)).toEqual(["no-op"]);
    expect(checkPlan(plan)).toEqual([]);
  });

  it("gives the prior KSK its KMS key's ARN, the zone id and a DS built from its name", () => {
    const ksk = planOf(doc[0], doc[0]).resources.find((r) => r.address === KSK("ksk_1"))!;
    expect(field(ksk.before, "key_management_service_arn")).toBe(fakeKeyArn("dnssec_ksk_1_kms_key"));
    expect(field(ksk.before, "hosted_zone_id")).toBe(ZONE_ID);
    expect(field(ksk.before, "status")).toBe("ACTIVE");
    const ds = fakeDsLine("dnssec_ksk_1_signing_key").replace(" ECDSAP256SHA256 SHA-256 ", " 13 2 ");
    expect(field(ksk.before, "ds_record")).toBe(ds);
  });

  it("renders the key policy from the app's policy document, with the Route 53 DNSSEC grants", () => {
    const policy = planOf(doc[0], doc[0]).resources.find((r) => r.address === KEY_POLICY("ksk_1"))!;
    const text = field(policy.before, "policy");
    expect(typeof text).toBe("string");
    const statements = (JSON.parse(text as string) as { Statement: { Principal?: { Service?: string[] }; Action: string[] }[] })
      .Statement;
    const dnssecActions = statements
      .filter((s) => s.Principal?.Service?.includes("dnssec-route53.amazonaws.com"))
      .flatMap((s) => s.Action);
    expect(dnssecActions).toEqual(expect.arrayContaining(["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign", "kms:CreateGrant"]));
    expect(field(policy.before, "key_id")).toBe("dnssec_ksk_1_kms_key");
  });

  it("knows a created KSK's literal status but not its references or computed attributes", () => {
    const ksk = planOf(doc[0], doc[1]).resources.find((r) => r.address === KSK("ksk_2"))!;
    expect(ksk.kind).toBe("create");
    expect(ksk.after).toEqual({ name: "ksk_2", status: "ACTIVE" });
    const unknown = ksk.afterUnknown as Record<string, Json>;
    expect(unknown).toMatchObject({ hosted_zone_id: true, key_management_service_arn: true, ds_record: true });
  });
});

describe("the plan guard on each step of the README's KSK rotation", () => {
  it("step 1, adding ksk_2 without its DS, creates its key, policy and KSK and raises nothing", () => {
    const plan = planOf(doc[0], doc[1]);
    for (const address of [KMS_KEY("ksk_2"), KEY_POLICY("ksk_2"), KSK("ksk_2")]) expect(actionOf(plan, address)).toBe("create");
    for (const address of [KMS_KEY("ksk_1"), KEY_POLICY("ksk_1"), KSK("ksk_1"), DS_RECORD, SIGNING]) {
      expect(actionOf(plan, address)).toBe("no-op");
    }
    // RULES.md expects a DS-output warning here for apps with one DS output per KSK. This app's
    // ds_record lists only published KSKs, and step 1 publishes nothing new, so silence is right.
    const { findings, danger } = judge(doc[0], doc[1]);
    expect(findings).toEqual([]);
    expect(danger).toBe(false);
  });

  it("step 2, publishing ksk_2's DS, warns to wait the DS TTL and to check the DS, without danger", () => {
    const { findings, danger } = judge(doc[1], doc[2]);
    expect(verdict(findings)).toEqual([
      `warning DNSSEC-DS-OUTPUT-CHANGED output.ds_record`,
      `warning DNSSEC-DS-REMOVED ${DS_RECORD}`,
    ]);
    expect(danger).toBe(false);
    const output = findings.find((f) => f.ruleId === "DNSSEC-DS-OUTPUT-CHANGED")!;
    expect(output.statement).toContain(fakeDsLine("dnssec_ksk_2_signing_key"));
  });

  it("step 4, withdrawing ksk_1's DS, warns to wait the DS TTL before deactivating, without danger", () => {
    const { findings, danger } = judge(doc[2], doc[4]);
    expect(verdict(findings)).toEqual([
      `warning DNSSEC-DS-OUTPUT-CHANGED output.ds_record`,
      `warning DNSSEC-DS-REMOVED ${DS_RECORD}`,
    ]);
    expect(danger).toBe(false);
    expect(findings.find((f) => f.ruleId === "DNSSEC-DS-REMOVED")!.whatToDo).toContain("waited the DS TTL");
  });

  it("step 6, deactivating ksk_1 while ksk_2 stays active, is recognised as safe", () => {
    const { findings, danger, markdown } = judge(doc[4], doc[6]);
    expect(verdict(findings)).toEqual([`safe DNSSEC-KSK-DEACTIVATED ${KSK("ksk_1")}`]);
    expect(findings[0].statement).toContain(KSK("ksk_2"));
    expect(danger).toBe(false);
    expect(markdown).toContain("no danger");
  });

  it("step 7, removing the inactive ksk_1 with its key and policy, is recognised as safe", () => {
    const { findings, danger } = judge(doc[6], doc[7]);
    expect(verdict(findings)).toEqual([
      `safe DNSSEC-KEY-POLICY-REMOVED ${KEY_POLICY("ksk_1")}`,
      `safe DNSSEC-KMS-KEY-REMOVED ${KMS_KEY("ksk_1")}`,
      `safe DNSSEC-KSK-REMOVED ${KSK("ksk_1")}`,
    ]);
    expect(danger).toBe(false);
  });
});

/** The same runbook with the DS at a Route 53 Domains registration, and by hand at a registrar. */
describe.each([
  {
    mode: "route53-domains",
    published: [`warning DNSSEC-DS-OUTPUT-CHANGED output.ds_record`],
    withdrawn: [
      `warning DNSSEC-DS-OUTPUT-CHANGED output.ds_record`,
      `warning DNSSEC-DS-REMOVED aws_route53domains_delegation_signer_record.dnssec_parent_ds_ksk_1`,
    ],
  },
  {
    mode: "manual",
    published: [`warning DNSSEC-DS-OUTPUT-CHANGED output.ds_record`],
    withdrawn: [`warning DNSSEC-DS-OUTPUT-CHANGED output.ds_record`],
  },
])("the plan guard on each rotation step with parentDs $mode", ({ mode, published, withdrawn }) => {
  const step = (ksks: Ksks) => synthApp({ parentDs: mode, keySigningKeys: ksks }).app;
  const docs = [step(STEP[0]), step(STEP[1]), step(STEP[2]), step(STEP[4]), step(STEP[6]), step(STEP[7])];
  const verdicts = docs.slice(1).map((next, i) => judge(docs[i], next));

  it("raises no danger at any step", () => {
    expect(verdicts.map((v) => v.danger)).toEqual([false, false, false, false, false]);
  });

  it("warns where a DS is published or withdrawn, and recognises steps 6 and 7 as safe", () => {
    const [add, publish, withdraw, deactivate, remove] = verdicts.map((v) => verdict(v.findings));
    expect(add).toEqual([]);
    expect(publish).toEqual(published);
    expect(withdraw).toEqual(withdrawn);
    expect(deactivate).toEqual([`safe DNSSEC-KSK-DEACTIVATED ${KSK("ksk_1")}`]);
    expect(remove.every((line) => line.startsWith("safe "))).toBe(true);
    expect(remove).toHaveLength(3);
  });
});

describe("the plan guard on a skipped rotation step", () => {
  it("adding ksk_2 and deactivating ksk_1 in one plan (steps 2 to 5 skipped) is a danger", () => {
    const { findings, danger } = judge(doc[0], doc[6]);
    const deactivated = findings.find((f) => f.ruleId === "DNSSEC-KSK-DEACTIVATED")!;
    expect(deactivated).toMatchObject({ severity: "danger", subject: KSK("ksk_1") });
    expect(deactivated.statement).toContain(`creates \`${KSK("ksk_2")}\``);
    expect(danger).toBe(true);
  });

  it("removing the active ksk_1 for a brand-new ksk_2 (step 6 skipped) is a danger for the KSK, its key and its policy", () => {
    const { findings, danger } = judge(doc[0], doc[7]);
    const dangers = verdict(findings.filter((f) => f.severity === "danger"));
    expect(dangers).toEqual([
      `danger DNSSEC-KEY-POLICY-REMOVED ${KEY_POLICY("ksk_1")}`,
      `danger DNSSEC-KMS-KEY-REMOVED ${KMS_KEY("ksk_1")}`,
      `danger DNSSEC-KSK-REMOVED ${KSK("ksk_1")}`,
    ]);
    expect(danger).toBe(true);
  });

  it("removing ksk_1 straight after withdrawing its DS, while it is still active (step 6 skipped), is a danger", () => {
    const { findings } = judge(doc[4], doc[7]);
    expect(findings.find((f) => f.subject === KSK("ksk_1"))).toMatchObject({ severity: "danger", ruleId: "DNSSEC-KSK-REMOVED" });
  });

  // Step 1 already created ksk_2 without its DS, so a jump from step 1 to step 6 publishes ksk_2's
  // DS and deactivates ksk_1 in one plan: resolvers keep only ksk_1's DS for its TTL while ksk_1
  // leaves the DNSKEY set, and the domain goes bogus. The guard must see the DS change in the plan.
  const stepOneToSix = [
    { parentDs: "route53-zone", parentZoneId: "Z0PARENT" },
    { parentDs: "route53-domains" },
    { parentDs: "manual" },
  ].map((ds) => ({
    mode: ds.parentDs,
    ...judge(synthApp({ ...ds, keySigningKeys: STEP[1] }).app, synthApp({ ...ds, keySigningKeys: STEP[6] }).app),
  }));
  it.each(stepOneToSix)(
    "publishing ksk_2's DS and deactivating ksk_1 in one plan (steps 2 to 5 skipped, parentDs $mode) is a danger",
    ({ findings, danger }) => {
      expect(findings.find((f) => f.ruleId === "DNSSEC-KSK-DEACTIVATED")).toMatchObject({ severity: "danger" });
      expect(danger).toBe(true);
    }
  );

  it("deactivating the zone's only KSK while it stays signed is a danger", () => {
    // The settings refuse dnssec "on" without an active KSK, so this configuration cannot be
    // synthesized: it is step 0's JSON with the KSK's status edited, as a hand-written change would be.
    const edited = structuredClone(doc[0]);
    edited.resource!.aws_route53_key_signing_key.dnssec_ksk_1_signing_key.status = "INACTIVE";
    const { findings, danger } = judge(doc[0], edited);
    expect(verdict(findings)).toEqual([`danger DNSSEC-KSK-DEACTIVATED ${KSK("ksk_1")}`]);
    expect(findings[0].statement).toContain("last active KSK");
    expect(danger).toBe(true);
  });
});

describe("the plan guard on the README's disable path", () => {
  const disabling = synthApp({ ...PARENT, dnssec: "disabling" }).app;
  const off = synthApp({ dnssec: "off" }).app;

  it("on -> disabling withdraws the DS with warnings and no danger, since signing stays on", () => {
    const plan = planOf(doc[0], disabling);
    expect(actionOf(plan, DS_RECORD)).toBe("delete");
    expect(actionOf(plan, SIGNING)).toBe("no-op");
    const { findings, danger } = judge(doc[0], disabling);
    expect(verdict(findings)).toEqual([
      `warning DNSSEC-DS-OUTPUT-CHANGED output.ds_record`,
      `warning DNSSEC-DS-REMOVED ${DS_RECORD}`,
    ]);
    expect(findings.find((f) => f.ruleId === "DNSSEC-DS-REMOVED")!.statement).toContain("is deleted");
    expect(danger).toBe(false);
  });

  it("disabling -> off stops signing: a danger that needs the override label, with the KSK deactivation listed as safe", () => {
    const { findings, danger, markdown } = judge(disabling, off);
    expect(verdict(findings)).toEqual([`danger DNSSEC-NOT-SIGNING ${SIGNING}`, `safe DNSSEC-KSK-DEACTIVATED ${KSK("ksk_1")}`]);
    expect(findings.find((f) => f.ruleId === "DNSSEC-NOT-SIGNING")!.whatToDo).toContain(OVERRIDE_LABEL);
    expect(danger).toBe(true);
    expect(markdown).toContain(OVERRIDE_LABEL);
  });

  it("off -> off without KSKs, removing the retired keys (README step 4), is recognised as safe", () => {
    const { findings, danger } = judge(off, synthApp({ dnssec: "off", keySigningKeys: [] }).app);
    expect(verdict(findings)).toEqual([
      `safe DNSSEC-KEY-POLICY-REMOVED ${KEY_POLICY("ksk_1")}`,
      `safe DNSSEC-KMS-KEY-REMOVED ${KMS_KEY("ksk_1")}`,
      `safe DNSSEC-KSK-REMOVED ${KSK("ksk_1")}`,
    ]);
    expect(danger).toBe(false);
  });

  it("on -> off with a manual DS (disabling skipped) is the same danger: the plan cannot see the registrar", () => {
    const { findings, danger } = judge(synthApp({ keySigningKeys: STEP[0] }).app, off);
    expect(findings.find((f) => f.ruleId === "DNSSEC-NOT-SIGNING")).toMatchObject({ severity: "danger" });
    expect(danger).toBe(true);
  });

  it("on -> off while the DS is automated never reaches the guard: the synth refuses it", () => {
    expect(() => synthApp({ ...PARENT, dnssec: "off" })).toThrow(/first deploy "disabling"/);
  });
});
