import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { createSocket } from "node:dgram";
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createTransport } from "../../../../tools/verify/dns/transport";
import { mapPool } from "../../../../tools/verify/pool";
import { findProgram } from "./programs";

/**
 * A signed DNS hierarchy served by one real BIND 9 `named` on 127.0.0.1:
 * a root zone ".", a parent "lab." and children with chosen faults.
 * named is authoritative for every zone, so it answers a child's DS from
 * the parent zone, as RFC 4035 §3.1.4.1 requires.
 */

const run = promisify(execFile);

export type Scenario =
  | "secure"
  | "wrong-ds-digest"
  | "expired-rrsig"
  | "future-rrsig"
  | "tampered"
  | "ds-unsigned-child"
  | "unsigned-no-ds"
  /** The parent publishes a good SHA-1 DS and a SHA-256 DS with a wrong digest (RFC 4509 §3). */
  | "sha1-good-sha256-bad"
  /** The parent delegates to 127.0.0.1, which does not serve the child (with a DS when `lameWithDs`). */
  | "lame";

export interface ChildSpec {
  /** Child label under the parent, e.g. "secure13". */
  readonly label: string;
  readonly scenario: Scenario;
  /** Signing algorithm mnemonic. @default "ECDSAP256SHA256" */
  readonly algorithm?: string;
  /** Separate KSK and ZSK; false signs with a single combined key. @default true */
  readonly splitKeys?: boolean;
  /** Deny existence with NSEC3 (no salt, no extra iterations) instead of NSEC. @default false */
  readonly nsec3?: boolean;
  /** Extra zone-file lines; "{zone}" stands for the child's absolute name. @default none */
  readonly records?: readonly string[];
  /** "lame": the parent also publishes a DS for the child. @default false */
  readonly lameWithDs?: boolean;
}

export interface LabOptions {
  readonly children: readonly ChildSpec[];
  /** Parent zone. @default "lab." */
  readonly parent?: string;
  readonly rootAlgorithm?: string;
  readonly parentAlgorithm?: string;
  /** Keygen and signing processes run at once. @default 2 */
  readonly parallel?: number;
}

export interface Lab {
  readonly dir: string;
  readonly port: number;
  readonly parent: string;
  /** DS lines for "." in zone-file format, for --trust-anchor. */
  readonly anchorFile: string;
  /** The same anchor as a named.conf trust-anchors clause, for delv -a. */
  readonly delvAnchorFile: string;
  /** DS lines as dnssec-dsfromkey printed them, per child zone (SHA-256). */
  readonly dsFromKey: ReadonlyMap<string, string>;
  /** Name of the TXT record altered after signing in "tampered" children. */
  tamperedName(child: string): string;
  stop(): Promise<void>;
}

async function tool(program: string, args: readonly string[], cwd: string): Promise<string> {
  const path = findProgram(program) ?? program;
  try {
    const { stdout } = await run(path, [...args], { cwd, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${program} ${args.join(" ")} failed: ${e.stderr || e.message}`);
  }
}

/** A port free for both UDP and TCP on 127.0.0.1. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = createServer();
      srv.once("error", reject);
      srv.listen(0, "127.0.0.1", () => {
        const address = srv.address();
        const p = typeof address === "object" && address ? address.port : 0;
        srv.close(() => resolve(p));
      });
    });
    const udpFree = await new Promise<boolean>((resolve) => {
      const s = createSocket("udp4");
      s.once("error", () => resolve(false));
      s.bind(port, "127.0.0.1", () => s.close(() => resolve(true)));
    });
    if (udpFree && port > 1024) return port;
  }
  throw new Error("no free port for UDP and TCP on 127.0.0.1");
}

function zoneText(zone: string, body: readonly string[]): string {
  const ns = zone === "." ? "ns.root-servers.test." : `ns.${zone}`;
  return [
    `$TTL 300`,
    `${zone} IN SOA ${ns} hostmaster.${zone === "." ? "" : zone} 1 3600 600 86400 300`,
    `${zone} IN NS ${ns}`,
    `${ns} IN A 127.0.0.1`,
    ...body,
    "",
  ].join("\n");
}

interface SignedZone {
  readonly zone: string;
  readonly file: string;
  /** DS lines (SHA-256) of the zone's KSK, from dnssec-dsfromkey. */
  readonly ds: string;
  /** Key file base of the KSK (dnssec-keygen's output), empty for an unsigned zone. */
  readonly ksk: string;
}

async function keygen(dir: string, zone: string, algorithm: string, ksk: boolean): Promise<string> {
  const args = ["-K", dir, "-a", algorithm, "-n", "ZONE", ...(ksk ? ["-f", "KSK"] : []), ...(/RSA/.test(algorithm) ? ["-b", "2048"] : []), zone];
  return (await tool("dnssec-keygen", args, dir)).trim();
}

function fileBase(zone: string): string {
  return zone === "." ? "root" : zone.replace(/\.$/, "");
}

/** Writes, keys and signs one zone; returns its signed file and DS. */
async function signZone(dir: string, zone: string, body: readonly string[], algorithm: string, opts: { split: boolean; window?: [string, string]; nsec3?: boolean }): Promise<SignedZone> {
  const base = fileBase(zone);
  const ksk = await keygen(dir, zone, algorithm, true);
  const keys = [ksk];
  if (opts.split) keys.push(await keygen(dir, zone, algorithm, false));
  const unsigned = join(dir, `${base}.zone`);
  writeFileSync(unsigned, zoneText(zone, body) + keys.map((k) => `$INCLUDE ${join(dir, `${k}.key`)}\n`).join(""));
  const signed = join(dir, `${base}.signed`);
  // -P: skip the post-signing self-check, which (rightly) rejects an expired or future window.
  const window = opts.window ? ["-P", "-s", opts.window[0], "-e", opts.window[1]] : [];
  const nsec3 = opts.nsec3 ? ["-3", "-", "-H", "0"] : [];
  // -z: a single combined key (CSK) signs every RRset.
  const csk = opts.split ? [] : ["-z"];
  await tool("dnssec-signzone", ["-q", "-K", dir, "-d", dir, "-o", zone, "-f", signed, ...window, ...nsec3, ...csk, unsigned, ...keys.map((k) => join(dir, `${k}.key`))], dir);
  const ds = await tool("dnssec-dsfromkey", ["-2", join(dir, `${ksk}.key`)], dir);
  return { zone, file: signed, ds: ds.trim(), ksk };
}

function plainZone(dir: string, zone: string, body: readonly string[]): SignedZone {
  const file = join(dir, `${fileBase(zone)}.zone`);
  writeFileSync(file, zoneText(zone, body));
  return { zone, file, ds: "", ksk: "" };
}

/** Flips the first hex digit of each DS digest: same tag and algorithm, wrong digest. */
function corruptDigest(dsLines: string): string {
  return dsLines
    .split("\n")
    .map((line) => line.replace(/(DS \d+ \d+ \d+ )([0-9A-F])/, (_m, head: string, d: string) => `${head}${d === "0" ? "1" : "0"}`))
    .join("\n");
}

function delegation(child: string, ds: string): string[] {
  return [`${child} IN NS ns.${child}`, `ns.${child} IN A 127.0.0.1`, ...(ds ? ds.split("\n") : [])];
}

async function buildChild(dir: string, parent: string, spec: ChildSpec): Promise<{ zone: SignedZone; dsInParent: string }> {
  const zone = `${spec.label}.${parent}`;
  const algorithm = spec.algorithm ?? "ECDSAP256SHA256";
  const split = spec.splitKeys ?? true;
  const body = [`www.${zone} IN TXT "original"`, `www.${zone} IN A 127.0.0.2`, ...(spec.records ?? []).map((r) => r.replaceAll("{zone}", zone))];
  switch (spec.scenario) {
    case "lame": {
      const ds = spec.lameWithDs ? await tool("dnssec-dsfromkey", ["-2", join(dir, `${await keygen(dir, zone, algorithm, true)}.key`)], dir) : "";
      return { zone: { zone, file: "", ds: "", ksk: "" }, dsInParent: ds.trim() };
    }
    case "ds-unsigned-child":
    case "unsigned-no-ds": {
      const plain = plainZone(dir, zone, body);
      if (spec.scenario === "unsigned-no-ds") return { zone: plain, dsInParent: "" };
      // The DS of a key the child never published.
      const orphan = await keygen(dir, zone, algorithm, true);
      const ds = await tool("dnssec-dsfromkey", ["-2", join(dir, `${orphan}.key`)], dir);
      return { zone: plain, dsInParent: ds.trim() };
    }
    case "expired-rrsig": {
      const z = await signZone(dir, zone, body, algorithm, { split, window: ["20200101000000", "20200201000000"] });
      return { zone: z, dsInParent: z.ds };
    }
    case "future-rrsig": {
      const z = await signZone(dir, zone, body, algorithm, { split, window: ["+2592000", "+5184000"] });
      return { zone: z, dsInParent: z.ds };
    }
    case "wrong-ds-digest": {
      const z = await signZone(dir, zone, body, algorithm, { split });
      return { zone: z, dsInParent: corruptDigest(z.ds) };
    }
    case "tampered": {
      const z = await signZone(dir, zone, body, algorithm, { split });
      const text = readFileSync(z.file, "utf8");
      if (!text.includes('"original"')) throw new Error(`cannot tamper ${z.file}: TXT record not found`);
      writeFileSync(z.file, text.replace('"original"', '"tampered"'));
      return { zone: z, dsInParent: z.ds };
    }
    case "sha1-good-sha256-bad": {
      const z = await signZone(dir, zone, body, algorithm, { split });
      const sha1 = await tool("dnssec-dsfromkey", ["-1", join(dir, `${z.ksk}.key`)], dir);
      return { zone: z, dsInParent: `${sha1.trim()}\n${corruptDigest(z.ds)}` };
    }
    case "secure": {
      const z = await signZone(dir, zone, body, algorithm, { split, nsec3: spec.nsec3 });
      return { zone: z, dsInParent: z.ds };
    }
  }
}

function namedConf(dir: string, port: number, zones: readonly SignedZone[]): string {
  return [
    "options {",
    `  directory "${dir}";`,
    `  pid-file "${join(dir, "named.pid")}";`,
    `  session-keyfile "${join(dir, "session.key")}";`,
    `  managed-keys-directory "${dir}";`,
    `  listen-on port ${port} { 127.0.0.1; };`,
    "  listen-on-v6 { none; };",
    "  recursion no;",
    "  dnssec-validation no;",
    "  notify no;",
    "  allow-transfer { none; };",
    "  minimal-responses no;",
    "};",
    "controls { };",
    ...zones.filter((z) => z.file !== "").map((z) => `zone "${z.zone}" { type primary; file "${z.file}"; };`),
    "",
  ].join("\n");
}

async function waitUntilServing(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const transport = createTransport({ timeoutMs: 200, retries: 0 });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`named exited with ${child.exitCode}: ${log().slice(-2000)}`);
    const r = await transport({ host: "127.0.0.1", port }, ".", "SOA");
    if (r.ok && r.message.rcode === "NOERROR") return;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`named did not answer on 127.0.0.1:${port} within 20 s: ${log().slice(-2000)}`);
}

/**
 * A copy of `named` inside the lab folder. Debian's bind9 package installs an enforcing AppArmor
 * profile that attaches to /usr/sbin/named by path and only lets it read /etc/bind and
 * /var/cache/bind; on hosts that enforce it (Ubuntu CI runners) the lab's config in a temp folder
 * would be refused. The copy runs the same binary without that profile.
 */
function unconfinedNamed(dir: string): string {
  const installed = findProgram("named");
  if (installed === undefined) return "named";
  const copy = join(dir, "named");
  copyFileSync(installed, copy);
  chmodSync(copy, 0o755);
  return copy;
}

/** Builds, signs and serves the hierarchy. Call stop() to end named and remove the files. */
export async function startLab(options: LabOptions): Promise<Lab> {
  const dir = mkdtempSync(join(tmpdir(), "verify-lab-"));
  let named: ChildProcess | undefined;
  try {
    const parent = options.parent ?? "lab.";
    const children = await mapPool(options.children, options.parallel ?? 2, (spec) => buildChild(dir, parent, spec));
    const parentZone = await signZone(dir, parent, children.flatMap((c) => delegation(c.zone.zone, c.dsInParent)), options.parentAlgorithm ?? "ECDSAP256SHA256", { split: true });
    const root = await signZone(dir, ".", delegation(parent, parentZone.ds), options.rootAlgorithm ?? "RSASHA256", { split: true });
    const anchorFile = join(dir, "anchor.ds");
    writeFileSync(anchorFile, `${root.ds}\n`);
    const delvAnchorFile = join(dir, "anchor.conf");
    const dsFields = root.ds.split(/\s+/);
    const i = dsFields.indexOf("DS");
    writeFileSync(delvAnchorFile, `trust-anchors {\n  . static-ds ${dsFields[i + 1]} ${dsFields[i + 2]} ${dsFields[i + 3]} "${dsFields.slice(i + 4).join("")}";\n};\n`);
    const port = await freePort();
    const confFile = join(dir, "named.conf");
    writeFileSync(confFile, namedConf(dir, port, [root, parentZone, ...children.map((c) => c.zone)]));
    let output = "";
    named = spawn(unconfinedNamed(dir), ["-g", "-c", confFile], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    named.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    named.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    await waitUntilServing(port, named, () => output);
    const proc = named;
    const dsFromKey = new Map(children.filter((c) => c.zone.ds).map((c) => [c.zone.zone, c.zone.ds]));
    return {
      dir,
      port,
      parent,
      anchorFile,
      delvAnchorFile,
      dsFromKey,
      tamperedName: (child) => `www.${child}`,
      stop: () => stopNamed(proc, dir),
    };
  } catch (err) {
    if (named) await stopNamed(named, dir);
    else rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Stops named by its PID and removes the lab directory. */
async function stopNamed(proc: ChildProcess, dir: string): Promise<void> {
  if (proc.exitCode === null && proc.pid !== undefined) {
    const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
    process.kill(proc.pid, "SIGTERM");
    const timer = setTimeout(() => proc.pid !== undefined && proc.exitCode === null && process.kill(proc.pid, "SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(dir, { recursive: true, force: true });
}

export type DelvVerdict = "secure" | "insecure" | "bogus" | "error";

/**
 * Runs delv against the lab and reads its verdict from the output, since
 * delv exits 0 even when validation fails.
 */
export async function delv(lab: Lab, name: string, type: string, port = lab.port): Promise<{ verdict: DelvVerdict; output: string }> {
  const path = findProgram("delv") ?? "delv";
  const args = [`@127.0.0.1`, "-p", String(port), "-a", lab.delvAnchorFile, "+root=.", name, type];
  const { stdout, stderr } = await run(path, args, { timeout: 30_000 }).catch((err: { stdout?: string; stderr?: string }) => ({ stdout: err.stdout ?? "", stderr: err.stderr ?? "" }));
  return { verdict: parseDelv(`${stdout}\n${stderr}`), output: `${stdout}\n${stderr}` };
}

/**
 * delv's final verdict for the queried name. delv prints one block per link of a CNAME chain
 * ("; fully validated" for the CNAME, then the target's outcome), so the first "fully validated"
 * says nothing about the answer: a ";; resolution failed" line (other than the negative-cache
 * notes that follow a proven NXDOMAIN or NODATA) decides, then the weakest block.
 */
export function parseDelv(output: string): DelvVerdict {
  const failure = /;; resolution failed: (.*)/.exec(output)?.[1]?.trim();
  if (failure !== undefined && !/^ncache (nxdomain|nxrrset)$/.test(failure)) {
    return /timed out|network unreachable|connection refused|address not available/i.test(failure) ? "error" : "bogus";
  }
  if (/;\s*(negative response, )?unsigned answer/.test(output)) return "insecure";
  if (/;\s*(negative response, )?fully validated/.test(output)) return "secure";
  if (/validation failure|broken trust chain|no valid (signature|DS|KEY)/i.test(output)) return "bogus";
  return "error";
}
