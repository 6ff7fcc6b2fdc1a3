import { describe, expect, it } from "vitest";
import { Plan, parsePlan } from "../../tools/plan-comment/plan";
import { Finding, checkPlan, hasDanger } from "../../tools/plan-comment/rules";
import { TfJson, synthApp } from "../helpers/synth";
import { synthPlan } from "./synth-plan";

/**
 * The plan guard on the real app for going live and for the disable path of a delegated
 * subdomain: the README's two-step go-live raises no danger, publishing the DS in the plan that
 * starts signing does, and no step of the disable path touches the NS delegation.
 */
const PARENT = { domainName: "app.example.org", parentDs: "route53-zone", parentZoneId: "Z0PARENT", delegateFromParent: true };
const app = (extra: Record<string, unknown>): TfJson => synthApp({ ...PARENT, ...extra }).app;
const planOf = (prior: TfJson, next: TfJson): Plan => parsePlan(synthPlan(prior, next), "app", "synthesized plan");
const ids = (findings: readonly Finding[]) => findings.filter((f) => f.severity === "danger").map((f) => `${f.ruleId} ${f.subject}`);

const off = app({ parentDs: "manual", dnssec: "off" });
const signingOnly = app({ keySigningKeys: [{ name: "ksk_1", publishDs: false }] });
const live = app({ keySigningKeys: [{ name: "ksk_1" }] });

describe("the plan guard on going live", () => {
  it("publishing the DS in the plan that turns signing on is a danger", () => {
    const findings = checkPlan(planOf(off, live));
    expect(ids(findings)).toEqual(["DNSSEC-DS-WITH-SIGNING-START aws_route53_record.dnssec_parent_ds_ds_record"]);
  });

  it("signing first with publishDs false, then publishing the DS, raises no danger", () => {
    expect(hasDanger(checkPlan(planOf(off, signingOnly)))).toBe(false);
    expect(hasDanger(checkPlan(planOf(signingOnly, live)))).toBe(false);
  });
});

describe("the plan guard on the disable path of a delegated subdomain", () => {
  const disabling = app({ dnssec: "disabling" });

  it("keeps the NS delegation at every step", () => {
    for (const [from, to] of [
      [live, disabling],
      [disabling, off],
    ]) {
      const plan = planOf(from, to);
      expect(plan.resources.find((r) => r.address === "aws_route53_record.dnssec_parent_ds_ns_delegation")?.kind).toBe("no-op");
      expect(checkPlan(plan).map((f) => f.ruleId)).not.toContain("DNSSEC-NS-DELEGATION-REMOVED");
    }
  });
});
