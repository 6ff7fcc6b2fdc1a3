import { spawnSync } from "node:child_process";

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

/** Runs a BIND program and returns stdout; throws with its stderr on failure. */
export function runBind(program: string, args: readonly string[], cwd?: string): string {
  const path = findProgram(program) ?? program;
  const r = spawnSync(path, args, { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${program} ${args.join(" ")} failed: ${r.stderr || r.error?.message}`);
  return r.stdout;
}
