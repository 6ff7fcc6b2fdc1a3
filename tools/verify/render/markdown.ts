import type { CheckStatus, DomainReport, FleetReport } from "../report";

/** Markdown for GitHub job summaries: a checks table and a Mermaid chain-of-trust diagram. */

const ICON: Readonly<Record<CheckStatus, string>> = { pass: "✅ pass", warn: "⚠️ warn", fail: "❌ fail", error: "🛑 error" };
const LINK_COLOUR: Readonly<Record<CheckStatus, string>> = { pass: "#2da44e", warn: "#bf8700", fail: "#cf222e", error: "#8250df" };

/** Escapes text for a Markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** Mermaid node labels cannot hold quotes or brackets. */
function label(text: string): string {
  return text.replace(/["[\]{}()<>]/g, "'");
}

/**
 * flowchart from the trust anchor through each zone's DS and DNSKEY to the
 * checked RRsets; linkStyle colours each arrow by its status.
 */
export function renderMermaid(report: DomainReport): string {
  const ids = new Map<string, string>();
  const id = (node: string): string => {
    let v = ids.get(node);
    if (!v) {
      v = `n${ids.size}`;
      ids.set(node, v);
    }
    return v;
  };
  const lines = ["flowchart TD"];
  const styles: string[] = [];
  report.chain.forEach((l, i) => {
    lines.push(`  ${id(l.from)}["${label(l.from)}"] -->|${label(l.label)}| ${id(l.to)}["${label(l.to)}"]`);
    styles.push(`  linkStyle ${i} stroke:${LINK_COLOUR[l.status]},stroke-width:2px`);
  });
  if (report.chain.length === 0) lines.push(`  n0["${label(report.domain)}: no chain could be built"]`);
  return [...lines, ...styles].join("\n");
}

export function renderMarkdown(report: DomainReport): string {
  const out = [
    `### DNSSEC: \`${report.domain}\` is **${report.verdict}**`,
    "",
    `Trust anchor: \`${report.trustAnchor.zone}\` (${report.trustAnchor.source}). Chain: ${report.zones.map((z) => `\`${z}\``).join(" → ") || "none"}. Exit code ${report.exitCode}.`,
    "",
    "| status | check | subject | finding | fix |",
    "|---|---|---|---|---|",
    ...report.checks.map((c) => `| ${ICON[c.status]} | \`${c.id}\` | ${cell(c.subject)} | ${cell(c.summary)} | ${c.fix && c.status !== "pass" ? cell(c.fix) : ""} |`),
    "",
    "```mermaid",
    renderMermaid(report),
    "```",
    "",
  ];
  return out.join("\n");
}

export function renderFleetMarkdown(report: FleetReport): string {
  const s = report.summary;
  return [
    `### DNSSEC fleet audit: ${report.domains.length} zones`,
    "",
    `${s.secure} secure, ${s.insecure} insecure, ${s.bogus} bogus, ${s.error} error.`,
    "",
    "| zone | verdict | first problem |",
    "|---|---|---|",
    ...report.domains.map((d) => {
      const p = d.checks.find((c) => c.status === "fail" || c.status === "error") ?? d.checks.find((c) => c.status === "warn");
      return `| \`${d.domain}\` | ${d.verdict} | ${p ? cell(`${p.id}: ${p.summary}`) : ""} |`;
    }),
    "",
  ].join("\n");
}
