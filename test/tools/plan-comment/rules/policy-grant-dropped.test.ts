import { describe, expect, it } from "vitest";
import { policyGrantDropped } from "../../../../tools/plan-comment/rules/policy-grant-dropped";
import { ChangeSpec, ZONE_ID, buildPlan, dnssecPolicy, fixture, keyPolicyValues, kmsKeyValues, steadyKsk } from "../plan-builder";

const update = (type: string, before: string, after: string | undefined): ChangeSpec => ({
  type,
  actions: ["update"],
  before: type === "aws_kms_key" ? kmsKeyValues("k", { policy: before }) : keyPolicyValues("k", before),
  after:
    after === undefined
      ? { key_id: "k" }
      : type === "aws_kms_key"
        ? kmsKeyValues("k", { policy: after })
        : keyPolicyValues("k", after),
  afterUnknown: after === undefined ? { policy: true } : {},
});

describe("DNSSEC-POLICY-GRANT-DROPPED", () => {
  it("is a danger when a key policy update drops the dnssec-route53.amazonaws.com statements", () => {
    const [finding] = policyGrantDropped.check(fixture("dnssec/danger-policy-drops-dnssec.json"));
    expect(finding?.severity).toBe("danger");
    expect(finding?.statement).toContain("`kms:Sign`");
  });

  it("finds nothing when the update keeps the grants", () => {
    expect(policyGrantDropped.check(fixture("dnssec/safe-policy-tightened.json"))).toEqual([]);
  });

  it("is a danger when only kms:CreateGrant is dropped", () => {
    const plan = buildPlan([update("aws_kms_key_policy", dnssecPolicy(), dnssecPolicy(undefined, false))]);
    const [finding] = policyGrantDropped.check(plan);
    expect(finding?.severity).toBe("danger");
    expect(finding?.statement).toContain("`kms:CreateGrant`");
    expect(finding?.statement).not.toContain("`kms:Sign`");
  });

  it("checks the inline policy argument of aws_kms_key too", () => {
    const plan = buildPlan([update("aws_kms_key", dnssecPolicy(), dnssecPolicy([], false))]);
    expect(policyGrantDropped.check(plan)[0]?.severity).toBe("danger");
  });

  it("accepts wildcards that still cover the needed actions", () => {
    const plan = buildPlan([update("aws_kms_key_policy", dnssecPolicy(), dnssecPolicy(["kms:*"], false))]);
    expect(policyGrantDropped.check(plan)).toEqual([]);
  });

  it("is a warning when the new policy is known only after apply", () => {
    const plan = buildPlan([update("aws_kms_key_policy", dnssecPolicy(), undefined)]);
    expect(policyGrantDropped.check(plan)[0]?.severity).toBe("warning");
  });

  it("ignores policies that never granted DNSSEC access", () => {
    const plain = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:root" }, Action: "kms:Encrypt" }] });
    const plan = buildPlan([update("aws_kms_key_policy", plain, JSON.stringify({ Statement: [] }))]);
    expect(policyGrantDropped.check(plan)).toEqual([]);
  });
});

describe("DNSSEC-POLICY-GRANT-DROPPED: grants kept but broken", () => {
  const ACCOUNT = "111122223333";
  const zoneArn = (id: string) => `arn:aws:route53:::hostedzone/${id}`;
  /** The app's policy shape: Sign scoped by aws:SourceArn and aws:SourceAccount, plus extra statements. */
  const scoped = (condition: Record<string, Record<string, string>> | undefined, extra: object[] = []): string =>
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
        {
          Sid: "AllowRoute53DnssecService",
          Effect: "Allow",
          Principal: { Service: "dnssec-route53.amazonaws.com" },
          Action: ["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign"],
          Resource: "*",
          ...(condition !== undefined ? { Condition: condition } : {}),
        },
        { Sid: "Grant", Effect: "Allow", Principal: { Service: "dnssec-route53.amazonaws.com" }, Action: "kms:CreateGrant", Resource: "*" },
        ...extra,
      ],
    });
  const own = { ArnEquals: { "aws:SourceArn": zoneArn(ZONE_ID) }, StringEquals: { "aws:SourceAccount": ACCOUNT } };
  const ksk = steadyKsk("ksk_1");
  const policyUpdate = (after: string) => update("aws_kms_key_policy", scoped(own), after);
  const check = (after: string) => policyGrantDropped.check(buildPlan([{ ...policyUpdate(after), name: "p" }, ksk]));

  it("is a danger when aws:SourceArn now points at another hosted zone", () => {
    const [finding] = check(scoped({ ...own, ArnEquals: { "aws:SourceArn": zoneArn("Z0OTHERZONE") } }));
    expect(finding?.severity).toBe("danger");
    expect(finding?.statement).toContain(`no longer matches \`${zoneArn(ZONE_ID)}\``);
  });

  it("finds nothing when aws:SourceArn still matches the zone the key's KSK signs, even through a wildcard", () => {
    expect(check(scoped({ ...own, ArnLike: { "aws:SourceArn": "arn:aws:route53:::hostedzone/*" }, ArnEquals: {} }))).toEqual([]);
    expect(check(scoped(own))).toEqual([]);
  });

  it("is a danger when aws:SourceAccount changes to another account", () => {
    const [finding] = check(scoped({ ...own, StringEquals: { "aws:SourceAccount": "999988887777" } }));
    expect(finding?.severity).toBe("danger");
    expect(finding?.statement).toContain("from `111122223333` to `999988887777`");
  });

  it("finds nothing when aws:SourceAccount stays the account", () => {
    expect(check(scoped({ ...own, StringEquals: { "aws:SourceAccount": [ACCOUNT] as unknown as string } }))).toEqual([]);
  });

  it.each([
    ["the service", { Service: "dnssec-route53.amazonaws.com" }, "kms:Sign"],
    ["everyone", "*", "*"],
  ])("is a danger when an explicit Deny of kms:Sign covers %s", (_who, principal, action) => {
    const deny = { Sid: "NoSigning", Effect: "Deny", Principal: principal, Action: action, Resource: "*" };
    const [finding] = check(scoped(own, [deny]));
    expect(finding?.severity).toBe("danger");
    expect(finding?.statement).toContain("explicit Deny of `kms:Sign` (`NoSigning`)");
  });

  it("finds nothing for a Deny that does not cover kms:Sign", () => {
    const deny = { Sid: "NoDelete", Effect: "Deny", Principal: "*", Action: "kms:ScheduleKeyDeletion", Resource: "*" };
    expect(check(scoped(own, [deny]))).toEqual([]);
  });

  it("warns when the aws:SourceArn condition is dropped altogether (weaker, still signing)", () => {
    const [finding] = check(scoped({ StringEquals: { "aws:SourceAccount": ACCOUNT } }));
    expect(finding?.severity).toBe("warning");
    expect(finding?.statement).toContain("drops the `aws:SourceArn` condition");
  });
});
