import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { loadSettings } from "../../config/settings";
import { main as github } from "../../tools/github/cli";
import { stackLines } from "../../tools/settings/stacks";

/**
 * Runs apply.yml's fleet verification step, exactly as written, over the stack list the settings
 * command prints, with a stand-in for `npm run verify` that answers each domain with a chosen exit
 * code: one table for every zone, and the exit-code policy applied zone by zone. The zones and what
 * each must be come from `github -- verify-expectations`, as the list step runs it.
 */
const APPLY = parse(readFileSync(join(__dirname, "..", "..", ".github", "workflows", "apply.yml"), "utf8")) as {
  jobs: Record<string, { steps: { id?: string; run?: string }[] }>;
};
const SCRIPT = APPLY.jobs.verify.steps.find((s) => s.id === "verify")!.run!;

/**
 * `npm run --silent verify -- <domain> [flags]`: logs its arguments, exits with VERDICTS[domain]; prints
 * a report, or with --json a report whose error is the zone's non-existence for the PENDING domains
 * (`domain` or `domain:cause`, the cause the verifier gives, nxdomain by default) and a broken DNSKEY
 * for the others.
 */
const FAKE_NPM = `#!/usr/bin/env bash
shift 4
domain="$1"; shift
echo "$domain $*" >> "$RUNNER_TEMP/calls"
code=0
for pair in $VERDICTS; do if [ "\${pair%%=*}" = "$domain" ]; then code="\${pair#*=}"; fi; done
if [[ " $* " == *" --json "* ]]; then
  id=dns.dnskey; cause=""
  for p in $PENDING; do if [ "\${p%%:*}" = "$domain" ]; then id=dns.zone.exists; cause=nxdomain; if [ "$p" != "\${p#*:}" ]; then cause="\${p#*:}"; fi; fi; done
  printf '{"schemaVersion":1,"domain":"%s.","verdict":"error","checks":[{"id":"aws.zone","status":"pass"},{"id":"%s","status":"error","cause":"%s"}]}\\n' "$domain" "$id" "$cause"
else
  echo "report of $domain"
fi
exit "$code"
`;

async function runVerify(context: Record<string, unknown>, verdicts: Record<string, number>, requireSecure = "", pending: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), "verify-step-"));
  mkdirSync(join(dir, "bin"));
  writeFileSync(join(dir, "bin", "npm"), FAKE_NPM);
  chmodSync(join(dir, "bin", "npm"), 0o755);
  writeFileSync(join(dir, "stacks.json"), JSON.stringify(stackLines(loadSettings(context))));
  const zones: string[] = [];
  expect(await github(["verify-expectations", join(dir, "stacks.json")], { REQUIRE_SECURE: requireSecure }, (line) => zones.push(line))).toBe(0);
  writeFileSync(join(dir, "zones.tsv"), `${zones.join("\n")}\n`);
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
      PENDING: pending.join(" "),
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
  it("verifies the primary and every fleet zone, one call each, in apply order, never the app twice", async () => {
    const r = await runVerify(FLEET, {});
    expect(r.status).toBe(0);
    expect(r.calls).toEqual(["shop.example.org --markdown", "example.net --markdown", "old.example.com --markdown"]);
    expect(r.summary).toContain("| zone | stack | dnssec | verdict |");
    expect(r.summary).toContain("| shop.example.org | `zone` | on | secure |");
    expect(r.summary).toContain("| example.net | `zone-example.net` | on | secure |");
    expect(r.summary).toContain("report of old.example.com");
  });

  it("verifies each zone once with shared keys too: the dnssec-keys stack, whose domain is the primary's, is no zone", async () => {
    const r = await runVerify({ ...FLEET, sharedKmsKey: true }, {});
    expect(r.status).toBe(0);
    expect(r.calls).toEqual(["shop.example.org --markdown", "example.net --markdown", "old.example.com --markdown"]);
    expect(r.summary).not.toContain("`dnssec-keys`");
  });

  it("verifies a single zone (no fleet) as before", async () => {
    const r = await runVerify({ domainName: "example.org" }, {});
    expect(r.status).toBe(0);
    expect(r.calls).toEqual(["example.org --markdown"]);
  });

  it("allows insecure unless VERIFY_REQUIRE_SECURE, with a warning naming the zone", async () => {
    const r = await runVerify(FLEET, { "example.net": 1 });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("::warning::example.net is signed but insecure");
    expect(r.summary).toContain("| example.net | `zone-example.net` | on | insecure (allowed) |");
  });

  it("fails on a bogus or erroring zone, names it, and still verifies and reports the others", async () => {
    const r = await runVerify(FLEET, { "example.net": 2, "old.example.com": 3 });
    expect(r.status).toBe(1);
    // The erroring zone is asked once more, as JSON, whether it only waits for its delegation: it does not.
    expect(r.calls).toEqual(["shop.example.org --markdown", "example.net --markdown", "old.example.com --markdown", "old.example.com --json"]);
    expect(r.stdout).toContain("::error::example.net (zone-example.net): bogus");
    expect(r.stdout).toContain("::error::verify failed for: example.net old.example.com.");
    expect(r.summary).toContain("| example.net | `zone-example.net` | on | **bogus** |");
    expect(r.summary).toContain("| shop.example.org | `zone` | on | secure |");
  });

  it("with VERIFY_REQUIRE_SECURE, requires secure of every signing zone, not of one being turned off", async () => {
    const r = await runVerify(FLEET, { "shop.example.org": 1, "old.example.com": 1 }, "true");
    expect(r.status).toBe(1);
    expect(r.calls).toEqual(["shop.example.org --markdown --require-secure", "example.net --markdown --require-secure", "old.example.com --markdown"]);
    expect(r.stdout).toContain("::error::shop.example.org (zone): insecure");
    expect(r.summary).toContain("| old.example.com | `zone-old.example.com` | disabling | insecure (allowed) |");
    expect(r.stdout).not.toContain("old.example.com is signed but insecure");
    expect((await runVerify(FLEET, { "example.net": 4 }, "true")).stdout).toContain("::error::example.net (zone-example.net): secure, a check failed");
  });

  it("reports a fleet zone the parent does not delegate to yet as pending, with the fix, not as a failure", async () => {
    for (const pending of ["example.net", "example.net:not-delegated"]) {
      const r = await runVerify(FLEET, { "example.net": 3 }, "", [pending]);
      expect(r.status, pending).toBe(0);
      expect(r.calls).toContain("example.net --json");
      expect(r.summary).toContain("| example.net | `zone-example.net` | on | pending: not yet delegated |");
      expect(r.stdout).toContain("::warning::example.net is not delegated yet: set the name servers of its hosted zone");
      expect(r.stdout).toContain("terraform/zone-example.net");
      expect(r.stdout).not.toContain("::error::");
    }
    // Required secure: another zone listed in VERIFY_REQUIRE_SECURE does not take it out of pending.
    expect((await runVerify(FLEET, { "example.net": 3 }, "shop.example.org", ["example.net"])).status).toBe(0);
  });

  it("is never pending for a zone required secure: a lost delegation looks the same as none yet", async () => {
    for (const require of ["true", "example.net"]) {
      const r = await runVerify(FLEET, { "example.net": 3 }, require, ["example.net"]);
      expect(r.status, require).toBe(1);
      expect(r.calls).not.toContain("example.net --json");
      expect(r.stdout).toContain("::error::example.net (zone-example.net): error");
      expect(r.summary).toContain("| example.net | `zone-example.net` | on | **error** |");
    }
  });

  it("is never pending for the primary, whose delegation the run waited for, nor when no name server answered", async () => {
    const primary = await runVerify(FLEET, { "shop.example.org": 3 }, "", ["shop.example.org"]);
    expect(primary.status).toBe(1);
    expect(primary.stdout).toContain("::error::shop.example.org (zone): error");
    const silent = await runVerify(FLEET, { "example.net": 3 }, "", ["example.net:no-answer"]);
    expect(silent.status).toBe(1);
    expect(silent.stdout).toContain("::error::example.net (zone-example.net): error");
    expect(silent.stdout).not.toContain("not delegated yet");
  });

  it("with VERIFY_REQUIRE_SECURE listing zones, requires secure of those only: one zone waiting for its DS fails no other", async () => {
    const waiting = await runVerify(FLEET, { "example.net": 1 }, "shop.example.org");
    expect(waiting.status).toBe(0);
    expect(waiting.calls).toEqual(["shop.example.org --markdown --require-secure", "example.net --markdown", "old.example.com --markdown"]);
    expect(waiting.summary).toContain("| example.net | `zone-example.net` | on | insecure (allowed) |");
    const listed = await runVerify(FLEET, { "shop.example.org": 1 }, "shop.example.org");
    expect(listed.status).toBe(1);
    expect(listed.stdout).toContain("::error::shop.example.org (zone): insecure");
  });
});
