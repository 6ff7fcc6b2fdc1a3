import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { gateVerdict, type Needs } from "../../tools/github/gate";
import { simulate, type Behaviour, type GraphJob, type Result } from "./job-graph";

/**
 * Which jobs of a run start, decided from the workflows' own `needs` and `if` (test/workflows/job-graph.ts
 * models GitHub's rules): with and without a keys stack (`sharedKmsKey`), with and without a fleet,
 * and when a job fails. A skipped job must never hold back one that should run, and a failed keys
 * plan or apply must hold back every stack that signs with a shared key.
 */
const load = (file: string) => (parse(readFileSync(join(__dirname, "..", "..", ".github", "workflows", file), "utf8")) as { jobs: Record<string, GraphJob> }).jobs;
const APPLY = load("apply.yml");
const PR = load("pull-request.yml");
const MAIN = { "github.ref": "refs/heads/main", "inputs.retry-of": "" };
const OWN = { "github.event.pull_request.head.repo.full_name": "acme/dns", "github.repository": "acme/dns", "github.event.action": "synchronize" };

const LEGS = '[{"key":"zone-a.example.org","stacks":["zone-a.example.org"]}]';
/** A fleet of two where zone-b's plan has a DNSSEC danger: render-fleet's outputs for it. */
const TWO_LEGS = '[{"key":"zone-a.example.org","stacks":["zone-a.example.org"]},{"key":"zone-b.example.net","stacks":["zone-b.example.net"]}]';
const B_DANGER = {
  "render-fleet": {
    outputs: { danger: "true", "danger-stacks": "zone-b.example.net", "danger-legs": '[{"key":"zone-b.example.net","stacks":["zone-b.example.net"]}]', "failed-stacks": "" },
  },
};
const safe = { outputs: { danger: "false" } };
/** A run of apply.yml where every job that starts succeeds, unless `extra` says otherwise. */
function applyRun(stacks: { legs: string; keys: string }, extra: Behaviour = {}) {
  const behaviour: Behaviour = {
    stacks: { outputs: stacks },
    "render-zone": safe,
    "render-app": safe,
    "render-fleet": { outputs: { danger: "false", "danger-stacks": "", "danger-legs": "[]", "failed-stacks": "" } },
    "render-keys": { outputs: { danger: "false", order: "first" } },
    "apply-zone": { outputs: { "name-servers": "[]" } },
    ...extra,
  };
  return simulate(APPLY, behaviour, MAIN);
}
const ran = (results: Record<string, Result>, ...ids: string[]) => Object.fromEntries(ids.map((id) => [id, results[id]]));

describe("apply.yml's job graph", () => {
  it("runs today's graph unchanged without a keys stack: the keys jobs are skipped and hold back nothing", () => {
    for (const legs of ["[]", LEGS]) {
      const r = applyRun({ legs, keys: "false" });
      expect(ran(r, "plan-keys", "render-keys", "accept-keys-danger", "apply-keys", "apply-keys-last")).toEqual({
        "plan-keys": "skipped",
        "render-keys": "skipped",
        "accept-keys-danger": "skipped",
        "apply-keys": "skipped",
        "apply-keys-last": "skipped",
      });
      expect(ran(r, "apply-zone", "apply-app", "verify")).toEqual({ "apply-zone": "success", "apply-app": "success", verify: "success" });
      expect(r["apply-fleet"]).toBe(legs === "[]" ? "skipped" : "success");
      expect(r.retry).toBe("skipped");
    }
  });

  it("applies a keys plan that creates keys before the app and the fleet, and not again after them", () => {
    const r = applyRun({ legs: LEGS, keys: "true" });
    expect(ran(r, "plan-keys", "render-keys", "apply-keys", "apply-keys-last", "apply-app", "apply-fleet", "verify")).toEqual({
      "plan-keys": "success",
      "render-keys": "success",
      "apply-keys": "success",
      "apply-keys-last": "skipped",
      "apply-app": "success",
      "apply-fleet": "success",
      verify: "success",
    });
  });

  it("holds back the app and every fleet leg when the keys plan, its render or its apply fails; the zone goes on", () => {
    for (const failing of ["plan-keys", "render-keys", "apply-keys"]) {
      const r = applyRun({ legs: LEGS, keys: "true" }, { [failing]: { result: "failure" } });
      expect(ran(r, "apply-zone", "apply-app", "apply-fleet", "apply-keys-last"), failing).toEqual({
        "apply-zone": "success",
        "apply-app": "skipped",
        "apply-fleet": "skipped",
        "apply-keys-last": "skipped",
      });
    }
  });

  it("asks for the dnssec-danger approval of a dangerous keys plan, and applies nothing that needs the keys without it", () => {
    const danger = { "render-keys": { outputs: { danger: "true", order: "first" } } };
    const approved = applyRun({ legs: LEGS, keys: "true" }, danger);
    expect(ran(approved, "accept-keys-danger", "apply-keys", "apply-app", "apply-fleet")).toEqual({
      "accept-keys-danger": "success",
      "apply-keys": "success",
      "apply-app": "success",
      "apply-fleet": "success",
    });
    const rejected = applyRun({ legs: LEGS, keys: "true" }, { ...danger, "accept-keys-danger": { result: "failure" } });
    expect(ran(rejected, "apply-keys", "apply-app", "apply-fleet")).toEqual({ "apply-keys": "skipped", "apply-app": "skipped", "apply-fleet": "skipped" });
  });

  it("applies a keys plan that only deletes keys after the app and every fleet leg, and only when all of them applied", () => {
    const last = { "render-keys": { outputs: { danger: "true", order: "last" } } };
    for (const legs of ["[]", LEGS]) {
      const r = applyRun({ legs, keys: "true" }, last);
      expect(ran(r, "apply-keys", "apply-app", "apply-keys-last"), legs).toEqual({ "apply-keys": "skipped", "apply-app": "success", "apply-keys-last": "success" });
    }
    for (const failing of ["apply-app", "apply-fleet", "accept-keys-danger"]) {
      const r = applyRun({ legs: LEGS, keys: "true" }, { ...last, [failing]: { result: "failure" } });
      expect(r["apply-keys-last"], failing).toBe("skipped");
    }
  });

  it("applies no keys and holds back nothing when the keys plan has no change", () => {
    const r = applyRun({ legs: LEGS, keys: "true" }, { "render-keys": { outputs: { danger: "false", order: "none" } } });
    expect(ran(r, "apply-keys", "apply-keys-last", "apply-app", "apply-fleet")).toEqual({ "apply-keys": "skipped", "apply-keys-last": "skipped", "apply-app": "success", "apply-fleet": "success" });
  });

  it("applies the other zones when one zone's danger is not accepted, and not that zone; keeps the keys it may sign with; still verifies", () => {
    // Rejected in the dnssec-danger review (a pending review holds only its zone's apply, the key deletion and verify).
    const rejected = { ...B_DANGER, "accept-fleet-danger": { result: "failure" as const } };
    for (const keys of ["false", "true"]) {
      const r = applyRun({ legs: TWO_LEGS, keys }, { ...rejected, "render-keys": { outputs: { danger: "false", order: "last" } } });
      expect(ran(r, "accept-fleet-danger", "approve-fleet", "apply-fleet", "apply-fleet-danger", "verify"), keys).toEqual({
        "accept-fleet-danger": "failure",
        "approve-fleet": "success",
        "apply-fleet": "success",
        "apply-fleet-danger": "skipped",
        verify: "success",
      });
      // zone-b was not applied, so it may still sign with a key the keys plan deletes: no deletion in this run.
      expect(r["apply-keys-last"], keys).toBe("skipped");
      expect(ran(r, "apply-zone", "apply-app"), keys).toEqual({ "apply-zone": "success", "apply-app": "success" });
    }
  });

  it("applies the zone with a danger once the dnssec-danger review accepts it, then deletes the keys no zone signs with", () => {
    const r = applyRun({ legs: TWO_LEGS, keys: "true" }, { ...B_DANGER, "render-keys": { outputs: { danger: "false", order: "last" } } });
    expect(ran(r, "accept-fleet-danger", "apply-fleet", "apply-fleet-danger", "apply-keys-last", "verify")).toEqual({
      "accept-fleet-danger": "success",
      "apply-fleet": "success",
      "apply-fleet-danger": "success",
      "apply-keys-last": "success",
      verify: "success",
    });
    const none = applyRun({ legs: TWO_LEGS, keys: "true" }, { "render-keys": { outputs: { danger: "false", order: "last" } } });
    expect(ran(none, "accept-fleet-danger", "apply-fleet", "apply-fleet-danger", "apply-keys-last")).toEqual({
      "accept-fleet-danger": "skipped",
      "apply-fleet": "success",
      "apply-fleet-danger": "skipped",
      "apply-keys-last": "success",
    });
  });

  it("applies an accepted zone whatever another zone's apply did, deletes no key after a failed one, and retries either after InvalidKMSArn", () => {
    const otherFailed = applyRun({ legs: TWO_LEGS, keys: "true" }, { ...B_DANGER, "render-keys": { outputs: { danger: "false", order: "last" } }, "apply-fleet": { result: "failure" } });
    expect(ran(otherFailed, "apply-fleet-danger", "apply-keys-last", "verify")).toEqual({ "apply-fleet-danger": "success", "apply-keys-last": "skipped", verify: "success" });
    const dangerFailed = applyRun(
      { legs: TWO_LEGS, keys: "true" },
      { ...B_DANGER, "render-keys": { outputs: { danger: "false", order: "last" } }, "apply-fleet-danger": { result: "failure", outputs: { "kms-retry": "true" } } },
    );
    expect(ran(dangerFailed, "apply-fleet", "apply-fleet-danger", "apply-keys-last", "retry", "verify")).toEqual({
      "apply-fleet": "success",
      "apply-fleet-danger": "failure",
      "apply-keys-last": "skipped",
      retry: "success",
      verify: "success",
    });
  });

  it("applies no fleet zone when the fleet's guard gave no verdict", () => {
    const r = applyRun({ legs: TWO_LEGS, keys: "false" }, { "render-fleet": { outputs: {} } });
    expect(ran(r, "approve-fleet", "apply-fleet", "apply-fleet-danger")).toEqual({ "approve-fleet": "skipped", "apply-fleet": "skipped", "apply-fleet-danger": "skipped" });
  });

  it("fails closed when the stacks job fails: nothing is applied", () => {
    const r = applyRun({ legs: LEGS, keys: "true" }, { stacks: { result: "failure" } });
    for (const id of ["apply-app", "apply-fleet", "apply-fleet-danger", "apply-keys", "apply-keys-last", "verify"]) expect(r[id], id).toBe("skipped");
  });
});

describe("pull-request.yml's job graph", () => {
  function prRun(stacks: { legs: string; keys: string }, extra: Behaviour = {}) {
    const behaviour: Behaviour = {
      stacks: { outputs: stacks },
      render: { outputs: { danger: "false", "failed-stacks": "", "keys-order": stacks.keys === "true" ? "first" : "" } },
      ...extra,
    };
    const results = simulate(PR, behaviour, OWN);
    const needs: Needs = Object.fromEntries(
      (PR.gate.needs as string[]).map((n) => [n, { result: results[n], outputs: results[n] === "skipped" ? {} : (behaviour[n]?.outputs ?? {}) }]),
    );
    return { results, gate: gateVerdict(needs, false) };
  }

  it("passes the gate without a keys stack, with or without a fleet: the skipped keys plan blocks nothing", () => {
    for (const legs of ["[]", LEGS]) {
      const { results, gate } = prRun({ legs, keys: "false" });
      expect(ran(results, "plan-keys", "render", "comment", "gate")).toEqual({ "plan-keys": "skipped", render: "success", comment: "success", gate: "success" });
      expect(gate.ok, gate.lines.join("\n")).toBe(true);
    }
  });

  it("plans the keys stack when the settings list one, and still comments when its plan fails, the gate then failing", () => {
    const ok = prRun({ legs: LEGS, keys: "true" });
    expect(ran(ok.results, "plan-keys", "render", "comment")).toEqual({ "plan-keys": "success", render: "success", comment: "success" });
    expect(ok.gate.ok, ok.gate.lines.join("\n")).toBe(true);
    const failed = prRun({ legs: LEGS, keys: "true" }, { "plan-keys": { result: "failure" }, render: { outputs: { danger: "true", "failed-stacks": "dnssec-keys", "keys-order": "" } } });
    expect(ran(failed.results, "render", "comment")).toEqual({ render: "success", comment: "success" });
    expect(failed.gate.ok).toBe(false);
  });
});
