import { ACTION_KINDS, ActionKind } from "./actions";
import { attributeIsSensitive, changedAttributeNames, formatPath } from "./attributes";
import { COMMENT_MARKER, GITHUB_COMMENT_LIMIT, OVERRIDE_LABEL } from "./constants";
import { ChangeCounts, addCounts, changingTotal, emptyCounts } from "./counts";
import { DetailLevel } from "./detail";
import { code, details, escapeText } from "./markdown";
import { OutputChange, ResourceChange } from "./plan";
import { StackReport } from "./report";
import { Finding } from "./rules";

export interface RenderOptions {
  /** Link to the workflow run that holds the full plan output. */
  readonly runUrl?: string;
}

/** What a rendering left out, in plain words, for the "what was cut" note. */
export type Cuts = Set<string>;

const KIND_LABELS: Record<ActionKind, string> = {
  create: "Create",
  update: "Update",
  replace: "Replace",
  delete: "Delete",
  read: "Read",
  "no-op": "No-op",
  other: "Other",
};

/** Groups listed in this order; the unchanged ones are always collapsed. */
const GROUP_ORDER: readonly ActionKind[] = ["delete", "replace", "update", "create", "other", "read", "no-op"];
const UNCHANGED: ReadonlySet<ActionKind> = new Set<ActionKind>(["read", "no-op"]);
/** Groups longer than this are collapsed. */
const OPEN_GROUP_MAX = 10;
const MAX_ATTRIBUTE_NAMES = 12;

/**
 * Renders the whole comment at one level of detail. `cuts` collects what was
 * actually left out, so the budget step can say so.
 */
export function renderComment(
  reports: readonly StackReport[],
  level: DetailLevel,
  options: RenderOptions,
  cuts: Cuts,
  cutNote?: string,
): string {
  const parts = [COMMENT_MARKER, renderHeader(reports), renderTable(reports)];
  const safety = renderSafety(reports, level, cuts);
  if (safety !== "") parts.push(safety);
  for (const report of reports) parts.push(renderStack(report, level, cuts));
  if (cutNote !== undefined) parts.push(cutNote);
  parts.push(renderFooter(reports, options));
  return `${parts.join("\n\n")}\n`;
}

export function renderCutNote(cuts: Cuts, options: RenderOptions): string {
  const where = options.runUrl !== undefined ? `[workflow log](${options.runUrl})` : "workflow log";
  return (
    `> [!NOTE]\n> To stay under GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString("en-US")}-character comment limit, ` +
    `this comment leaves out ${[...cuts].join("; ")}. The full plan is in the ${where} and the uploaded plan artifacts.`
  );
}

function renderHeader(reports: readonly StackReport[]): string {
  const total = reports.map((r) => r.counts).reduce(addCounts, emptyCounts());
  const findings = reports.flatMap((r) => r.findings);
  const dangers = findings.filter((f) => f.severity === "danger").length;
  const warnings = findings.filter((f) => f.severity === "warning").length;
  const stacks = `${reports.length} stack${reports.length === 1 ? "" : "s"}`;
  const changes =
    changingTotal(total) === 0
      ? "no resource changes"
      : `${total.create} to create, ${total.update} to update, ${total.replace} to replace, ${total.delete} to delete`;
  let dnssec: string;
  if (dangers > 0) dnssec = `🛑 DNSSEC: ${plural(dangers, "danger")}, ${plural(warnings, "warning")}`;
  else if (warnings > 0) dnssec = `⚠️ DNSSEC: ${plural(warnings, "warning")}, no danger`;
  else if (findings.length > 0) dnssec = `✅ DNSSEC: no danger, ${plural(findings.length, "change")} recognised as safe`;
  else dnssec = "✅ DNSSEC: no findings";
  return `## Terraform plan\n\n**${stacks}: ${changes}** · ${dnssec}`;
}

function renderTable(reports: readonly StackReport[]): string {
  const showOther = reports.some((r) => r.counts.other > 0);
  const kinds = ACTION_KINDS.filter((k) => k !== "other" || showOther);
  const header = `| Stack | ${kinds.map((k) => KIND_LABELS[k]).join(" | ")} | DNSSEC |`;
  const align = `|---|${kinds.map(() => "---:").join("|")}|---|`;
  const rows = reports.map(
    (r) => `| ${code(r.plan.stack)} | ${countCells(r.counts, kinds)} | ${dnssecCell(r.findings)} |`,
  );
  const total = reports.map((r) => r.counts).reduce(addCounts, emptyCounts());
  if (reports.length > 1) {
    rows.push(`| **Total** | ${countCells(total, kinds)} | ${dnssecCell(reports.flatMap((r) => r.findings))} |`);
  }
  return [header, align, ...rows].join("\n");
}

function countCells(counts: ChangeCounts, kinds: readonly ActionKind[]): string {
  return kinds.map((k) => String(counts[k])).join(" | ");
}

function dnssecCell(findings: readonly Finding[]): string {
  const dangers = findings.filter((f) => f.severity === "danger").length;
  const warnings = findings.filter((f) => f.severity === "warning").length;
  const marks = [dangers > 0 ? `🛑 ${dangers}` : "", warnings > 0 ? `⚠️ ${warnings}` : ""].filter((m) => m !== "");
  return marks.length > 0 ? marks.join(" ") : "✅";
}

function renderSafety(reports: readonly StackReport[], level: DetailLevel, cuts: Cuts): string {
  const all = reports.flatMap((r) => r.findings.map((finding) => ({ stack: r.plan.stack, finding })));
  if (all.length === 0) return "";
  const serious = all.filter((x) => x.finding.severity !== "safe");
  const safe = all.filter((x) => x.finding.severity === "safe");
  const lines = ["### DNSSEC safety"];
  if (serious.some((x) => x.finding.severity === "danger")) {
    lines.push(
      `> [!CAUTION]\n> This plan would break or weaken a signed domain. The check fails unless the pull request ` +
        `carries the ${code(OVERRIDE_LABEL)} label; add it only after reading every danger below.`,
    );
  } else if (serious.length > 0) {
    lines.push("No danger found. The warnings below need a step outside Terraform.");
  } else {
    lines.push("No danger found.");
  }
  const shown = serious.slice(0, level.maxFindings);
  for (const { stack, finding } of shown) lines.push(renderFinding(stack, finding));
  if (shown.length < serious.length) {
    lines.push(`…and ${serious.length - shown.length} more findings.`);
    cuts.add(`DNSSEC findings beyond the first ${level.maxFindings}`);
  }
  if (safe.length > 0) {
    if (level.safeFindings) {
      const items = safe.map(({ stack, finding }) => `- ${code(stack)}: ${finding.statement} ${finding.why}`);
      lines.push(details(`Recognised as safe (${safe.length})`, items.join("\n")));
    } else {
      lines.push(`${plural(safe.length, "DNSSEC change")} recognised as safe (list cut).`);
      cuts.add("the list of DNSSEC changes recognised as safe");
    }
  }
  return lines.join("\n\n");
}

function renderFinding(stack: string, finding: Finding): string {
  const badge = finding.severity === "danger" ? "🛑 **Danger**" : "⚠️ **Warning**";
  return [
    `${badge} · ${code(stack)} · ${code(finding.ruleId)}: ${finding.statement}`,
    `- **Why it matters:** ${finding.why}`,
    `- **What to do:** ${finding.whatToDo}`,
  ].join("\n");
}

function renderStack(report: StackReport, level: DetailLevel, cuts: Cuts): string {
  const { plan, counts } = report;
  const summary =
    changingTotal(counts) === 0
      ? "no resource changes"
      : GROUP_ORDER.filter((k) => !UNCHANGED.has(k) && counts[k] > 0)
          .map((k) => `${counts[k]} to ${KIND_LABELS[k].toLowerCase()}`)
          .join(", ");
  const lines = [`### Stack ${code(plan.stack)}: ${summary}`];
  if (plan.errored) lines.push("> [!WARNING]\n> Terraform reported an error while planning; this plan is incomplete.");
  if (!plan.complete) lines.push("> [!NOTE]\n> Terraform deferred some changes; another plan and apply will be needed.");
  for (const kind of GROUP_ORDER) {
    const group = plan.resources.filter((r) => r.kind === kind);
    if (group.length === 0) continue;
    const block = renderGroup(kind, group, level, cuts);
    if (block !== "") lines.push(block);
  }
  const outputs = plan.outputs.filter((o) => o.kind !== "no-op");
  if (outputs.length > 0) {
    if (level.outputs) lines.push(renderOutputs(outputs, level, cuts));
    else cuts.add("output changes");
  }
  return lines.join("\n\n");
}

function renderGroup(kind: ActionKind, group: readonly ResourceChange[], level: DetailLevel, cuts: Cuts): string {
  const title = `${KIND_LABELS[kind]} (${group.length})`;
  if (UNCHANGED.has(kind) && !level.unchangedLists) {
    cuts.add("the lists of unchanged and read resources");
    return "";
  }
  const limit = level.maxAddressesPerGroup;
  if (limit === 0) {
    cuts.add("all per-resource addresses");
    return `**${title}**`;
  }
  const shown = group.slice(0, limit).map((r) => `- ${resourceLine(r, level, cuts)}`);
  if (shown.length < group.length) {
    shown.push(`- …and ${group.length - shown.length} more`);
    cuts.add(`addresses beyond the first ${limit} per action`);
  }
  const body = shown.join("\n");
  if (UNCHANGED.has(kind) || group.length > OPEN_GROUP_MAX) return details(title, body);
  return `**${title}**\n\n${body}`;
}

function resourceLine(r: ResourceChange, level: DetailLevel, cuts: Cuts): string {
  const notes: string[] = [];
  if (r.previousAddress !== undefined) notes.push(`moved from ${code(r.previousAddress)}`);
  if (r.deposed !== undefined) notes.push(`deposed object ${code(r.deposed)}`);
  if (r.importing) notes.push("imported");
  if (r.kind === "other") notes.push(`actions ${code(r.actions.join(", ") || "none")}`);
  if (r.replacePaths.length > 0) notes.push(`forced by ${r.replacePaths.map((p) => code(formatPath(p))).join(", ")}`);
  if (r.actionReason !== undefined) notes.push(`reason ${code(r.actionReason)}`);
  if (r.kind === "update") {
    if (level.attributeNames) notes.push(attributeNote(r));
    else cuts.add("the names of changed attributes");
  }
  const suffix = notes.filter((n) => n !== "").join("; ");
  return suffix === "" ? code(r.address) : `${code(r.address)}: ${suffix}`;
}

/** Names only, never values; sensitive attributes are flagged as such. */
function attributeNote(r: ResourceChange): string {
  const names = changedAttributeNames(r);
  if (names.length === 0) return "";
  const shown = names
    .slice(0, MAX_ATTRIBUTE_NAMES)
    .map((n) => (attributeIsSensitive(r, [n]) ? `${code(n)} (sensitive)` : code(n)));
  const more = names.length > MAX_ATTRIBUTE_NAMES ? ` and ${names.length - MAX_ATTRIBUTE_NAMES} more` : "";
  return `changes ${shown.join(", ")}${more}`;
}

function renderOutputs(outputs: readonly OutputChange[], level: DetailLevel, cuts: Cuts): string {
  const limit = level.maxAddressesPerGroup;
  const lines = outputs
    .slice(0, limit)
    .map((o) => `- ${code(o.name)}: ${o.kind === "other" ? escapeText(o.actions.join(", ")) : o.kind}${o.sensitive ? " (sensitive)" : ""}`);
  if (lines.length < outputs.length) {
    lines.push(`- …and ${outputs.length - lines.length} more`);
    cuts.add(`addresses beyond the first ${limit} per action`);
  }
  const title = `Output changes (${outputs.length})`;
  return outputs.length > OPEN_GROUP_MAX ? details(title, lines.join("\n")) : `**${title}**\n\n${lines.join("\n")}`;
}

function renderFooter(reports: readonly StackReport[], options: RenderOptions): string {
  const versions = [...new Set(reports.map((r) => r.plan.terraformVersion).filter((v) => v !== undefined))];
  const parts = ["Rendered by `npm run plan-comment` from `terraform show -json`"];
  if (versions.length > 0) parts.push(`Terraform ${versions.map((v) => escapeText(v ?? "")).join(", ")}`);
  if (options.runUrl !== undefined) parts.push(`[workflow run](${options.runUrl})`);
  return `<sub>${parts.join(" · ")}</sub>`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
