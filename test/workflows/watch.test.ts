import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

const FILE = join(__dirname, "..", "..", ".github", "workflows", "watch.yml");
const text = readFileSync(FILE, "utf8");

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, { permissions?: Record<string, string>; steps: Step[] }>;
}
const wf = parse(text) as Workflow;
const steps = Object.values(wf.jobs).flatMap((j) => j.steps);

describe("watch workflow", () => {
  // actionlint 1.7.7 lints this file with every other workflow (test/workflows/workflows.test.ts).

  it("runs daily and on demand", () => {
    expect(Object.keys(wf.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    const cron = (wf.on.schedule as { cron: string }[])[0].cron;
    expect(cron).toMatch(/^\d+ \d+ \* \* \*$/);
  });

  it("pins every action to a full commit SHA with the release as a comment", () => {
    const uses = text.split("\n").filter((l) => /^\s*-?\s*uses:/.test(l));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) expect(line).toMatch(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  it("checks out without persisting the token", () => {
    const checkout = steps.find((s) => s.uses?.startsWith("actions/checkout@"));
    expect(checkout?.with).toMatchObject({ "persist-credentials": false });
  });

  it("has least-privilege permissions: read at the top, issues and OIDC only for the job", () => {
    expect(wf.permissions).toEqual({ contents: "read" });
    for (const job of Object.values(wf.jobs)) expect(job.permissions).toEqual({ contents: "read", "id-token": "write", issues: "write" });
  });

  it("verifies the configured domain and hands the JSON report to the issue script", () => {
    const run = steps.map((s) => s.run ?? "").join("\n");
    expect(run).toContain('domain="$(npm run --silent settings -- domainName)"');
    expect(run).toContain('npm run --silent verify -- "$domain" --json > verify.json');
    expect(run).toContain("node --import tsx tools/verify/watch/cli.ts verify.json");
    const sync = steps.find((s) => s.run?.includes("tools/verify/watch/cli.ts"));
    expect(sync?.env?.GITHUB_TOKEN).toBe("${{ github.token }}");
  });
});
