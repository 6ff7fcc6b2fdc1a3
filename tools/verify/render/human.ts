import type { CheckStatus, DomainReport, FleetReport, Verdict } from "../report";

const COLOURS: Readonly<Record<CheckStatus | Verdict, string>> = {
  pass: "32",
  secure: "32",
  warn: "33",
  insecure: "33",
  fail: "31",
  bogus: "31",
  error: "35",
};

export function paint(text: string, key: CheckStatus | Verdict, colour: boolean): string {
  return colour ? `\u001b[${COLOURS[key]}m${text}\u001b[0m` : text;
}

const TAG: Readonly<Record<CheckStatus, string>> = { pass: "PASS", warn: "WARN", fail: "FAIL", error: "ERR " };

/** Plain text for terminals and logs: one line per check, fix indented below. */
export function renderHuman(report: DomainReport, colour: boolean): string {
  const lines = [`DNSSEC verify ${report.domain} (trust anchor: ${report.trustAnchor.zone}, ${report.trustAnchor.source})`];
  if (report.zones.length > 0) lines.push(`chain: ${report.zones.join(" -> ")}`);
  lines.push("");
  for (const c of report.checks) {
    lines.push(`${paint(TAG[c.status], c.status, colour)}  ${c.id.padEnd(18)} ${c.subject}: ${c.summary}`);
    if (c.fix && c.status !== "pass") lines.push(`      fix: ${c.fix}`);
  }
  lines.push("", `verdict: ${paint(report.verdict, report.verdict, colour)} (exit ${report.exitCode}, ${report.durationMs} ms)`);
  return `${lines.join("\n")}\n`;
}

export function renderFleetHuman(report: FleetReport, colour: boolean): string {
  const width = Math.max(6, ...report.domains.map((d) => d.domain.length));
  const lines = [`${"zone".padEnd(width)}  verdict   problems`];
  for (const d of report.domains) {
    const problems = d.checks.filter((c) => c.status === "fail" || c.status === "error");
    const first = problems[0] ?? d.checks.find((c) => c.status === "warn");
    lines.push(`${d.domain.padEnd(width)}  ${paint(d.verdict.padEnd(8), d.verdict, colour)}  ${first ? `${first.id}: ${first.summary}` : "-"}`);
  }
  const s = report.summary;
  lines.push("", `${report.domains.length} zones: ${s.secure} secure, ${s.insecure} insecure, ${s.bogus} bogus, ${s.error} error (${report.durationMs} ms)`);
  return `${lines.join("\n")}\n`;
}
