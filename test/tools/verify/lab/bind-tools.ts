import { spawnSync } from "node:child_process";
import { describe, it } from "vitest";

/** The BIND 9 programs the lab needs (Debian bind9, bind9-utils, bind9-dnsutils). */
export const BIND_PROGRAMS = ["named", "delv", "dnssec-keygen", "dnssec-signzone", "dnssec-dsfromkey"] as const;

export const INSTALL_HINT =
  "BIND 9 is not installed: install the Debian packages bind9 bind9-utils bind9-dnsutils (apt-get install -y bind9 bind9-utils bind9-dnsutils)";

/** Looks each program up on PATH and in /usr/sbin, where Debian puts named. */
export function findProgram(name: string): string | undefined {
  for (const dir of [...(process.env.PATH ?? "").split(":"), "/usr/sbin", "/usr/bin"]) {
    if (dir === "") continue;
    const candidate = `${dir}/${name}`;
    const r = spawnSync("test", ["-x", candidate]);
    if (r.status === 0) return candidate;
  }
  return undefined;
}

export function missingBindPrograms(): string[] {
  return BIND_PROGRAMS.filter((p) => findProgram(p) === undefined);
}

/**
 * Runs `body` as a describe block when BIND is installed. Without BIND the
 * block fails under CI (so a broken .ci/run cannot pass silently) and is
 * skipped with the install hint on a workstation.
 */
export function describeWithBind(title: string, body: () => void): void {
  const missing = missingBindPrograms();
  if (missing.length === 0) {
    describe(title, body);
  } else if (process.env.CI) {
    describe(title, () => {
      it("needs BIND 9", () => {
        throw new Error(`${INSTALL_HINT}; missing: ${missing.join(", ")}`);
      });
    });
  } else {
    describe.skip(`${title} (skipped: ${INSTALL_HINT})`, body);
  }
}

/** Runs a BIND program and returns stdout; throws with its stderr on failure. */
export function runBind(program: string, args: readonly string[], cwd?: string): string {
  const path = findProgram(program) ?? program;
  const r = spawnSync(path, args, { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${program} ${args.join(" ")} failed: ${r.stderr || r.error?.message}`);
  return r.stdout;
}
