import { describe, expect, it } from "vitest";
import { main } from "../../../tools/github/cli";
import { gateVerdict } from "../../../tools/github/gate";
import { KEYS_ORDER_REFUSAL } from "../../../tools/github/keys-order";

const ok = { "fork-notice": { result: "skipped" }, checks: { result: "success" }, plan: { result: "success" } };

describe("gate", () => {
  it("passes when every job succeeded and the fork notice was skipped", () => {
    expect(gateVerdict(ok, false)).toEqual({ ok: true, lines: ["every job succeeded: checks, plan"] });
  });

  it("fails on a skipped job: a skipped required check would count as passing", () => {
    const v = gateVerdict({ ...ok, plan: { result: "skipped" } }, false);
    expect(v).toEqual({ ok: false, lines: ["::error::job plan: skipped; the gate passes only when every job succeeded."] });
  });

  it("fails on a failed or cancelled job, naming each", () => {
    const v = gateVerdict({ ...ok, checks: { result: "failure" }, plan: { result: "cancelled" } }, false);
    expect(v.ok).toBe(false);
    expect(v.lines).toHaveLength(2);
  });

  it("fails a fork's pull request with a notice saying why nothing was planned", () => {
    const v = gateVerdict({ ...ok, "fork-notice": { result: "success" }, plan: { result: "skipped" } }, true);
    expect(v.ok).toBe(false);
    expect(v.lines[0]).toContain("Forks get no AWS credentials, so nothing was planned");
  });

  it("runs as `npm run github -- gate` from the workflow's toJSON(needs)", async () => {
    const lines: string[] = [];
    expect(await main(["gate"], { NEEDS_JSON: JSON.stringify({ ...ok, plan: { result: "failure", outputs: {} } }), IS_FORK: "false" }, (l) => lines.push(l))).toBe(1);
    expect(lines).toEqual(["::error::job plan: failure; the gate passes only when every job succeeded."]);
    expect(await main(["gate"], { NEEDS_JSON: JSON.stringify(ok) }, () => undefined)).toBe(0);
    expect(await main(["gate"], {}, () => undefined)).toBe(2);
  });

  describe("the fleet's plan matrix", () => {
    const run = (legs: string, planFleet: string, failedStacks = "") =>
      gateVerdict(
        { ...ok, stacks: { result: "success", outputs: { legs } }, "plan-fleet": { result: planFleet }, render: { result: "success", outputs: { "failed-stacks": failedStacks } } },
        false,
      );

    it("passes a skipped matrix only when the stacks job listed no fleet leg", () => {
      expect(run("[]", "skipped").ok).toBe(true);
      expect(run('[{"key":"zone-a.example.org","stacks":["zone-a.example.org"]}]', "skipped").ok).toBe(false);
      const noList = gateVerdict({ ...ok, stacks: { result: "failure", outputs: {} }, "plan-fleet": { result: "skipped" } }, false);
      expect(noList.lines).toEqual([
        "::error::job stacks: failure; the gate passes only when every job succeeded.",
        "::error::job plan-fleet: skipped; the gate passes only when every job succeeded.",
      ]);
    });

    it("fails when a leg failed, and names each zone without a plan", () => {
      const v = run('[{"key":"zone-a.example.org","stacks":["zone-a.example.org"]}]', "failure", "zone-a.example.org zone-b.example.net");
      expect(v.ok).toBe(false);
      expect(v.lines).toEqual([
        "::error::job plan-fleet: failure; the gate passes only when every job succeeded.",
        '::error::stack zone-a.example.org: no plan; its leg of plan-fleet failed (see the job "plan zone-a.example.org" or its batch).',
        '::error::stack zone-b.example.net: no plan; its leg of plan-fleet failed (see the job "plan zone-b.example.net" or its batch).',
      ]);
    });

    it("reads the workflow's needs, outputs included", async () => {
      const lines: string[] = [];
      const needs = { ...ok, stacks: { result: "success", outputs: { legs: "[]" } }, "plan-fleet": { result: "skipped", outputs: {} } };
      expect(await main(["gate"], { NEEDS_JSON: JSON.stringify(needs) }, (l) => lines.push(l))).toBe(0);
      expect(lines).toEqual(["every job succeeded: checks, plan, stacks, plan-fleet"]);
    });
  });

  describe("the keys stack's plan (sharedKmsKey)", () => {
    const run = (keys: string, planKeys: string, render: Record<string, string> = { "failed-stacks": "", "keys-order": "" }) =>
      gateVerdict(
        {
          ...ok,
          stacks: { result: "success", outputs: { legs: "[]", keys } },
          "plan-fleet": { result: "skipped" },
          "plan-keys": { result: planKeys },
          render: { result: "success", outputs: render },
        },
        false,
      );

    it("passes a skipped keys plan only when the stacks job listed no keys stack", () => {
      expect(run("false", "skipped").ok).toBe(true);
      expect(run("true", "skipped").lines).toEqual(["::error::job plan-keys: skipped; the gate passes only when every job succeeded."]);
      // No output (the stacks job failed early): never a pass.
      expect(run("", "skipped").ok).toBe(false);
      expect(run("true", "success", { "failed-stacks": "", "keys-order": "first" }).ok).toBe(true);
    });

    it("names the keys stack without a plan by its own job", () => {
      expect(run("true", "failure", { "failed-stacks": "dnssec-keys", "keys-order": "" }).lines).toEqual([
        "::error::job plan-keys: failure; the gate passes only when every job succeeded.",
        '::error::stack dnssec-keys: no plan; the job "plan dnssec-keys" failed.',
      ]);
    });

    it("fails a keys plan that both creates and deletes, though every job succeeded, with the fix", () => {
      const v = run("true", "success", { "failed-stacks": "", "keys-order": "refused" });
      expect(v.ok).toBe(false);
      expect(v.lines).toEqual([`::error::${KEYS_ORDER_REFUSAL}`]);
    });
  });
});
