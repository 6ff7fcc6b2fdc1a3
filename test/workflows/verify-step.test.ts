import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { loadSettings } from "../../config/settings";
import { stackLines } from "../../tools/settings/stacks";

/**
 * Runs apply.yml's fleet verification step, exactly as written, over the stack list the settings
 * command prints, with a stand-in for `npm run verify` that answers each domain with a chosen exit
 * code: one table for every zone, and today's exit-code policy applied zone by zone.
 */
const APPLY = parse(readFileSync(join(__dirname, "..", "..", ".github", "workflows", "apply.yml"), "utf8")) as {
  jobs: Record<string, { steps: { id?: string; run?: string }[] }>;
};
const SCRIPT = APPLY.jobs.verify.steps.find((s) => s.id === "verify")!.run!;

/** `npm run --silent verify -- <domain> [flags]`: prints a report, logs its arguments, exits with VERDICTS[domain]. */
const FAKE_NPM = `#!/usr/bin/env bash
shift 4
domain="$1"; shift
echo "$domain $*" >> "$RUNNER_TEMP/calls"
echo "report of $domain"
for pair in $VERDICTS; do if [ "\${pair%%=*}" = "$domain" ]; then exit "\${pair#*=}"; fi; done
exit 0
`;

function runVerify(context: Record<string, unknown>, verdicts: Record<string, number>, requireSecure = "") {
  const dir = mkdtempSync(join(tmpdir(), "verify-step-"));
  mkdirSync(join(dir, "bin"));
  writeFileSync(join(dir, "bin", "npm"), FAKE_NPM);
  chmodSync(join(dir, "bin", "npm"), 0o755);
  writeFileSync(join(dir, "stacks.json"), JSON.stringify(stackLines(loadSettings(context))));
  writeFileSync(join(dir, "calls"), "");
  const summary = join(dir, "summary");
  writeFileSync(summary, "");
  const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", SCRIPT], {
    cwd: dir,
    encoding: "utf8",
    env: {
      PATH: `${join(dir, "bin")}:${process.env.PATH}`,
      RUNNER_TEMP: dir,
      GITHUB_STEP_SUMMARY: summary,
      REQUIRE_SECURE: requireSecure,
      VERDICTS: Object.entries(verdicts).map(([d, c]) => `${d}=${c}`).join(" "),
    },
  });
  return { status: r.status, stdout: r.stdout, summary: readFileSync(summary, "utf8"), calls: readFileSync(join(dir, "calls"), "utf8").trim().split("\n") };
}

const FLEET = {
  domainName: "shop.example.org",
  zones: [{ domainName: "example.net" }, { domainName: "old.example.com", dnssec: "disabling" }],
};

describe("apply.yml's fleet verification (stand-in verifier)", () => {
  it("verifies the primary and every fleet zone, one call each, in apply order, never the app twice", () => {
    const r = runVerify(FLEET, {});
    expect(r.status).toBe(0);
    expect(r.calls).toEqual(["shop.example.org --markdown", "example.net --markdown", "old.example.com --markdown"]);
    expect(r.summary).toContain("| zone | stack | dnssec | verdict |");
    expect(r.summary).toContain("| shop.example.org | `zone` | on | secure |");
    expect(r.summary).toContain("| example.net | `zone-example.net` | on | secure |");
    expect(r.summary).toContain("report of old.example.com");
  });

  it("verifies each zone once with shared keys too: the dnssec-keys stack, whose domain is the primary's, is no zone", () => {
    const r = runVerify({ ...FLEET, sharedKmsKey: true }, {});
    expect(r.status).toBe(0);
    expect(r.calls).toEqual(["shop.example.org --markdown", "example.net --markdown", "old.example.com --markdown"]);
    expect(r.summary).not.toContain("`dnssec-keys`");
  });

  it("verifies a single zone (no fleet) as before", () => {
    const r = runVerify({ domainName: "example.org" }, {});
    expect(r.status).toBe(0);
    expect(r.calls).toEqual(["example.org --markdown"]);
  });

  it("allows insecure unless VERIFY_REQUIRE_SECURE, with a warning naming the zone", () => {
    const r = runVerify(FLEET, { "example.net": 1 });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("::warning::example.net is signed but insecure");
    expect(r.summary).toContain("| example.net | `zone-example.net` | on | insecure (allowed) |");
  });

  it("fails on a bogus or erroring zone, names it, and still verifies and reports the others", () => {
    const r = runVerify(FLEET, { "example.net": 2, "old.example.com": 3 });
    expect(r.status).toBe(1);
    expect(r.calls).toHaveLength(3);
    expect(r.stdout).toContain("::error::example.net (zone-example.net): bogus");
    expect(r.stdout).toContain("::error::verify failed for: example.net old.example.com.");
    expect(r.summary).toContain("| example.net | `zone-example.net` | on | **bogus** |");
    expect(r.summary).toContain("| shop.example.org | `zone` | on | secure |");
  });

  it("with VERIFY_REQUIRE_SECURE, requires secure of every signing zone, not of one being turned off", () => {
    const r = runVerify(FLEET, { "shop.example.org": 1, "old.example.com": 1 }, "true");
    expect(r.status).toBe(1);
    expect(r.calls).toEqual(["shop.example.org --markdown --require-secure", "example.net --markdown --require-secure", "old.example.com --markdown"]);
    expect(r.stdout).toContain("::error::shop.example.org (zone): insecure");
    expect(r.summary).toContain("| old.example.com | `zone-old.example.com` | disabling | insecure (allowed) |");
    expect(r.stdout).not.toContain("old.example.com is signed but insecure");
    expect(runVerify(FLEET, { "example.net": 4 }, "true").stdout).toContain("::error::example.net (zone-example.net): secure, a check failed");
  });
});
