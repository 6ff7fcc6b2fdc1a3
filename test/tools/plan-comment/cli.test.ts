import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../../tools/plan-comment/cli";
import { COMMENT_MARKER, EXIT_DANGER, EXIT_OK, EXIT_USAGE } from "../../../tools/plan-comment/constants";
import { EXIT_USAGE as EXIT_BAD_USAGE } from "../../../tools/shared/cli";
import { fixturePath } from "./plan-builder";

const ROOT = join(__dirname, "..", "..", "..");

let stdout: string;
let stderr: string;

beforeEach(() => {
  stdout = "";
  stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

const danger = `app=${fixturePath("dnssec/danger-deactivate-last-ksk.json")}`;
const safe = `app=${fixturePath("dnssec/safe-tags-only.json")}`;

describe("plan-comment CLI (in process)", () => {
  it("prints the comment and exits 0 without --fail-on-danger, even with a danger", () => {
    expect(main([`zone=${fixturePath("dnssec/zone-tags-only.json")}`, danger], {})).toBe(EXIT_OK);
    expect(stdout.startsWith(COMMENT_MARKER)).toBe(true);
    expect(stdout).toContain("### Stack `zone`");
    expect(stdout).toContain("### Stack `app`");
  });

  it("exits 3 with --fail-on-danger when a danger is present, still printing the comment", () => {
    expect(main([danger, "--fail-on-danger"], {})).toBe(EXIT_DANGER);
    expect(stdout).toContain("DNSSEC-KSK-DEACTIVATED");
  });

  it("exits 0 with --fail-on-danger when there are only warnings or nothing", () => {
    expect(main([safe, "--fail-on-danger"], {})).toBe(EXIT_OK);
    expect(main([`app=${fixturePath("dnssec/rotation-1-add-ksk.json")}`, "--fail-on-danger"], {})).toBe(EXIT_OK);
  });

  it("exits 3 with --fail-on-danger when a plan did not complete, and 0 without it", () => {
    for (const name of ["values/errored.json", "values/deferred.json"]) {
      expect(main([`app=${fixturePath(name)}`, "--fail-on-danger"], {})).toBe(EXIT_DANGER);
      expect(main([`app=${fixturePath(name)}`], {})).toBe(EXIT_OK);
    }
    expect(stdout).toContain("The plan did not complete; what is shown is partial");
    expect(main([`app=${fixturePath("values/update-values.json")}`, "--fail-on-danger"], {})).toBe(EXIT_OK);
  });

  it("shows a --failed stack as failed, and exits 3 for it under --fail-on-danger, naming it", () => {
    const zone = `zone=${fixturePath("dnssec/zone-tags-only.json")}`;
    expect(main([zone, "--failed", "app"], {})).toBe(EXIT_OK);
    expect(stdout).toContain("| `app` | — | — | — | — | — | — | ❌ no plan |");
    expect(main([zone, "--failed", "app", "--failed", "zone-shop.example.org", "--fail-on-danger"], {})).toBe(EXIT_DANGER);
    expect(stderr).toBe(
      "plan-comment: exit 3: --fail-on-danger and app, zone-shop.example.org have no plan (--failed: the plan job failed), so the guard cannot vouch for them; " +
        "read the comment: on a pull request, a reviewer other than its author may add the dnssec-override label after the latest push, once each danger is understood.\n",
    );
  });

  it("writes with --dangers-out the stacks the guard cannot vouch for, one a line, and keeps the exit codes", () => {
    const dir = mkdtempSync(join(tmpdir(), "plan-comment-dangers-"));
    const file = join(dir, "dangers.txt");
    const zone = `zone-a.example.org=${fixturePath("dnssec/zone-tags-only.json")}`;
    const dangerous = `zone-b.example.net=${fixturePath("dnssec/danger-deactivate-last-ksk.json")}`;
    const incomplete = `zone-c.example.com=${fixturePath("values/errored.json")}`;
    expect(main([zone, dangerous, incomplete, "--failed", "zone-d.example.org", "--dangers-out", file], {})).toBe(EXIT_OK);
    expect(readFileSync(file, "utf8")).toBe("zone-b.example.net\nzone-c.example.com\nzone-d.example.org\n");
    expect(stdout).toContain("### Stack `zone-b.example.net`");
    expect(main([zone, dangerous, `--dangers-out=${file}`, "--fail-on-danger"], {})).toBe(EXIT_DANGER);
    expect(readFileSync(file, "utf8")).toBe("zone-b.example.net\n");
    expect(main([zone, "--fail-on-danger", "--dangers-out", file], {})).toBe(EXIT_OK);
    expect(readFileSync(file, "utf8")).toBe("");
  });

  it("exits 2 with one line when the --dangers-out file cannot be written", () => {
    expect(main([safe, "--dangers-out", "/nonexistent/dir/dangers.txt"], {})).toBe(EXIT_USAGE);
    expect(stderr).toBe(
      "plan-comment: error: cannot write the --dangers-out file /nonexistent/dir/dangers.txt: ENOENT; name a file in a directory that exists and can be written.\n",
    );
  });

  it("documents --failed in --help", () => {
    expect(main(["--help"], {})).toBe(EXIT_OK);
    expect(stdout).toContain("[--failed <stack> ...]");
    expect(stdout).toMatch(/--failed <stack> +a stack whose plan job failed and wrote no plan/);
    expect(stdout).toContain("[--dangers-out FILE]");
    expect(stdout).toMatch(/--dangers-out FILE +write the stacks --fail-on-danger would exit 3 for/);
  });

  it("links the workflow run from the Actions environment", () => {
    main([safe], { GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "acme/dns", GITHUB_RUN_ID: "7" });
    expect(stdout).toContain("[workflow run](https://github.com/acme/dns/actions/runs/7)");
  });

  it("exits 2 with one line naming a missing file", () => {
    expect(main(["zone=/nonexistent/zone.json"], {})).toBe(EXIT_USAGE);
    expect(stderr).toBe(
      "plan-comment: error: cannot read plan file /nonexistent/zone.json (stack zone): it does not exist; write it with `terraform show -json <planfile> > /nonexistent/zone.json`.\n",
    );
    expect(stdout).toBe("");
  });

  it("exits 64, the tools' common code for bad usage, with a plan-comment: error: line", () => {
    expect(main([], {})).toBe(EXIT_BAD_USAGE);
    expect(stderr).toMatch(/^plan-comment: error: no plan given; /);
    expect(stderr).toContain("usage: npm run plan-comment --");
  });
});

describe("plan-comment CLI (as a process)", () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "tools/plan-comment/cli.ts", ...args], { cwd: ROOT, encoding: "utf8", env: { PATH: process.env.PATH } });

  it("reports malformed JSON in one line naming the file, with no stack trace, and exits 2", () => {
    const dir = mkdtempSync(join(tmpdir(), "plan-comment-"));
    const file = join(dir, "broken.json");
    writeFileSync(file, '{"format_version": "1.2", "resource_changes": [');
    const result = run([`zone=${file}`]);
    expect(result.status).toBe(EXIT_USAGE);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`plan file ${file} (stack zone) is not valid JSON`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 3 for a danger under --fail-on-danger, saying why on stderr", () => {
    const result = run([danger, "--fail-on-danger"]);
    expect(result.status).toBe(EXIT_DANGER);
    expect(result.stdout.startsWith(COMMENT_MARKER)).toBe(true);
    expect(result.stderr).toMatch(/^plan-comment: exit 3: --fail-on-danger and the plan has \d+ DNSSEC dangers?: [A-Z-]+ \(\w+: [^)]+\)[^;]*; read the comment: on a pull request, a reviewer other than its author may add the dnssec-override label after the latest push, once each danger is understood\.\n$/);
  });

  it("exits 3 for a plan that did not complete under --fail-on-danger, naming the stack instead of a count of zero dangers", () => {
    const result = run([`web=${fixturePath("values/errored.json")}`, "--fail-on-danger"]);
    expect(result.status).toBe(EXIT_DANGER);
    expect(result.stderr).toMatch(/^plan-comment: exit 3: --fail-on-danger and the plan of web did not complete \(errored, or complete: false\), so the guard cannot vouch for it; read the comment: /);
    expect(result.stderr).not.toContain("0 DNSSEC dangers");
  });
});
