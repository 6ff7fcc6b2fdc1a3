import { ActionKind } from "./actions";
import { attributeIsSensitive, changedAttributeNames, formatPath } from "./attributes";
import { COMMENT_MARKER, GITHUB_COMMENT_LIMIT, OVERRIDE_LABEL } from "./constants";
import { ChangeCounts, CountKey, addCounts, changingTotal, emptyCounts } from "./counts";
import { isFleet, isQuiet, renderQuietLine, stackList, zoneOf } from "./fleet";
import { DetailLevel, FOLDED_VALUE_LINES, FULL_VALUE_LENGTH, TRUNCATED_VALUE_LENGTH } from "./detail";
import { code, details, escapeText, fence, indent } from "./markdown";
import { OutputChange, Plan, ResourceChange } from "./plan";
import { Redactor } from "./redact";
import { StackReport } from "./report";
import { Finding } from "./rules";
import { HOSTED_ZONE_TYPE } from "./rules/dnssec-resources";
import { UNKNOWN, resourceValueLines, valueChangeLines } from "./values";

export interface RenderOptions {
  /** Link to the workflow run that holds the full plan output. */
  readonly runUrl?: string;
}

/** What a rendering left out, in plain words, for the "what was cut" note. */
export type Cuts = Set<string>;

/**
 * What the budget leaves out of a fleet once every detail level is at its
 * smallest: the sections of the last stacks, then the table rows of the last
 * stacks that are neither dangerous nor without a complete plan. Dangers are
 * never cut by either.
 */
export interface FleetCut {
  /** Per-stack sections rendered, from the first; the others are named in the note. */
  readonly maxStackSections?: number;
  /** Table rows of unremarkable stacks rendered, from the first. */
  readonly maxPlainRows?: number;
}

const KIND_LABELS: Record<ActionKind, string> = {
  create: "Create",
  update: "Update",
  replace: "Replace",
  delete: "Delete",
  read: "Read",
  "no-op": "No-op",
  forget: "Forget",
  other: "Other",
};

/** Table columns: always these, then the optional ones that some stack has. */
const TABLE_COLUMNS: readonly CountKey[] = ["create", "update", "replace", "delete", "read", "no-op"];
const OPTIONAL_COLUMNS: readonly CountKey[] = ["forget", "import", "move", "other"];
const COLUMN_LABELS: Record<CountKey, string> = { ...KIND_LABELS, import: "Import", move: "Moved" };

/**
 * Terraform's own words for the counts it prints apart from add/change/destroy:
 * "Plan: 1 to import, 0 to add, 0 to change, 0 to destroy, 1 to forget." and "2 moved".
 */
const EXTRA_WORDS: readonly [CountKey, (n: number) => string][] = [
  ["import", (n) => `${n} to import`],
  ["move", (n) => `${n} moved`],
  ["forget", (n) => `${n} to forget`],
];

/** Groups listed in this order; the unchanged ones are always collapsed. */
const GROUP_ORDER: readonly ActionKind[] = ["delete", "replace", "update", "create", "forget", "other", "read", "no-op"];
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
  fleetCut: FleetCut = {},
): string {
  const red = Redactor.merge(reports.map((r) => r.plan.redactor));
  const parts = [COMMENT_MARKER, renderHeader(reports)];
  const incomplete = reports.filter((r) => isIncomplete(r.plan) && !r.plan.failed);
  if (incomplete.length > 0) {
    parts.push(
      `> [!CAUTION]\n> **The plan did not complete; what is shown is partial** (${stackList(incomplete.map((r) => r.plan.stack))}). ` +
        "Terraform stopped on an error or planned only part of the configuration, so the DNSSEC guard cannot vouch for it.",
    );
  }
  const failed = reports.filter((r) => r.plan.failed);
  if (failed.length > 0) {
    parts.push(
      `> [!CAUTION]\n> **No plan for ${plural(failed.length, "stack")}** (${stackList(failed.map((r) => r.plan.stack))}): ` +
        "the plan job failed before it wrote a plan, so nothing of it is shown and the DNSSEC guard cannot vouch for it. The job's log says why.",
    );
  }
  const fleet = isFleet(reports);
  // In a fleet, quiet stacks are one line; every other stack keeps its row and its section.
  const shown = fleet ? reports.filter((r) => !isQuiet(r)) : reports;
  parts.push(fleet ? renderFleetTable(reports, shown, fleetCut.maxPlainRows, cuts) : renderTable(reports));
  if (fleet) {
    const quiet = renderQuietLine(reports.filter(isQuiet));
    if (quiet !== "") parts.push(quiet);
  }
  const safety = renderSafety(reports, level, cuts);
  if (safety !== "") parts.push(safety);
  const sections = shown.slice(0, fleetCut.maxStackSections ?? shown.length);
  for (const report of sections) parts.push(renderStack(report, level, cuts, red));
  if (sections.length < shown.length) {
    const left = shown.slice(sections.length).map((r) => r.plan.stack);
    cuts.add(`the sections of ${plural(left.length, "stack")} (${stackList(left, 600)}), whose counts are in the table`);
  }
  if (cutNote !== undefined) parts.push(cutNote);
  parts.push(renderFooter(reports, options));
  return `${parts.join("\n\n")}\n`;
}

/** An errored plan, or one Terraform marked incomplete (`complete: false`). */
export function isIncomplete(plan: Plan): boolean {
  return plan.errored || !plan.complete;
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
  const extras = EXTRA_WORDS.filter(([key]) => total[key] > 0).map(([key, words]) => `, ${words(total[key])}`).join("");
  const changes =
    changingTotal(total) === 0
      ? "no resource changes"
      : `${total.create} to create, ${total.update} to update, ${total.replace} to replace, ${total.delete} to delete${extras}`;
  let dnssec: string;
  if (dangers > 0) dnssec = `🛑 DNSSEC: ${plural(dangers, "danger")}, ${plural(warnings, "warning")}`;
  else if (warnings > 0) dnssec = `⚠️ DNSSEC: ${plural(warnings, "warning")}, no danger`;
  else if (findings.length > 0) dnssec = `✅ DNSSEC: no danger, ${plural(findings.length, "change")} recognised as safe`;
  else dnssec = "✅ DNSSEC: no findings";
  const failed = reports.filter((r) => r.plan.failed).length;
  const noPlan = failed > 0 ? ` · ❌ ${plural(failed, "stack")} without a plan` : "";
  return `## Terraform plan\n\n**${stacks}: ${changes}** · ${dnssec}${noPlan}`;
}

function renderTable(reports: readonly StackReport[]): string {
  const kinds = [...TABLE_COLUMNS, ...OPTIONAL_COLUMNS.filter((k) => reports.some((r) => r.counts[k] > 0))];
  const header = `| Stack | ${kinds.map((k) => COLUMN_LABELS[k]).join(" | ")} | DNSSEC |`;
  const align = `|---|${kinds.map(() => "---:").join("|")}|---|`;
  const rows = reports.map((r) =>
    r.plan.failed
      ? `| ${code(r.plan.stack)} | ${kinds.map(() => "—").join(" | ")} | ❌ no plan |`
      : `| ${code(r.plan.stack)} | ${countCells(r.counts, kinds)} | ${dnssecCell(r.findings)} |`,
  );
  const total = reports.map((r) => r.counts).reduce(addCounts, emptyCounts());
  if (reports.length > 1) {
    rows.push(`| **Total** | ${countCells(total, kinds)} | ${dnssecCell(reports.flatMap((r) => r.findings))} |`);
  }
  return [header, align, ...rows].join("\n");
}

/**
 * Fleet columns: what a reviewer of many zones scans for. Read and no-op
 * counts go (the quiet line says which stacks have nothing to do); imports
 * stay always, since an adopted zone's first plan is "1 to import".
 */
const FLEET_COLUMNS: readonly CountKey[] = ["create", "update", "replace", "delete", "import"];
const FLEET_OPTIONAL_COLUMNS: readonly CountKey[] = ["forget", "move", "other"];

/** A stack whose row the budget never cuts: a danger, or no complete plan to vouch for. */
function isAlarming(r: StackReport): boolean {
  return isIncomplete(r.plan) || r.findings.some((f) => f.severity === "danger");
}

function renderFleetTable(
  reports: readonly StackReport[],
  shown: readonly StackReport[],
  maxPlainRows: number | undefined,
  cuts: Cuts,
): string {
  const kinds = [...FLEET_COLUMNS, ...FLEET_OPTIONAL_COLUMNS.filter((k) => reports.some((r) => r.counts[k] > 0))];
  const header = `| Stack | Zone | ${kinds.map((k) => COLUMN_LABELS[k]).join(" | ")} | DNSSEC | Plan |`;
  const align = `|---|---|${kinds.map(() => "---:").join("|")}|---|---|`;
  let plain = 0;
  const left: string[] = [];
  const rows: string[] = [];
  for (const r of shown) {
    if (!isAlarming(r) && maxPlainRows !== undefined && plain++ >= maxPlainRows) {
      left.push(r.plan.stack);
      continue;
    }
    const zone = zoneOf(r.plan);
    const counts = r.plan.failed ? kinds.map(() => "—").join(" | ") : countCells(r.counts, kinds);
    rows.push(`| ${code(r.plan.stack)} | ${zone === undefined ? "—" : cellCode(zone)} | ${counts} | ${r.plan.failed ? "—" : dnssecCell(r.findings)} | ${planCell(r.plan)} |`);
  }
  if (left.length > 0) {
    rows.push(`| …${plural(left.length, "more stack")} | | ${kinds.map(() => "").join(" | ")} | | |`);
    cuts.add(`the table rows of ${plural(left.length, "stack")} with changes but no danger (${stackList(left, 600)})`);
  }
  const total = reports.map((r) => r.counts).reduce(addCounts, emptyCounts());
  rows.push(`| **Total** (${plural(reports.length, "stack")}) | | ${countCells(total, kinds)} | ${dnssecCell(reports.flatMap((r) => r.findings))} | ${planTotalCell(reports)} |`);
  return [header, align, ...rows].join("\n");
}

/** A code span inside a table cell: GFM splits cells at a pipe even inside code, unless it is escaped. */
function cellCode(text: string): string {
  return code(text).replace(/\|/g, "\\|");
}

function planCell(plan: Plan): string {
  if (plan.failed) return "❌ failed, no plan";
  if (plan.errored) return "🛑 errored, partial";
  if (!plan.complete) return "⚠️ incomplete";
  return "✅ planned";
}

function planTotalCell(reports: readonly StackReport[]): string {
  const failed = reports.filter((r) => r.plan.failed).length;
  const partial = reports.filter((r) => isIncomplete(r.plan) && !r.plan.failed).length;
  const marks = [failed > 0 ? `❌ ${failed}` : "", partial > 0 ? `⚠️ ${partial}` : ""].filter((m) => m !== "");
  return marks.length > 0 ? marks.join(" ") : "✅";
}

function countCells(counts: ChangeCounts, kinds: readonly CountKey[]): string {
  return kinds.map((k) => String(counts[k])).join(" | ");
}

function dnssecCell(findings: readonly Finding[]): string {
  const dangers = findings.filter((f) => f.severity === "danger").length;
  const warnings = findings.filter((f) => f.severity === "warning").length;
  const marks = [dangers > 0 ? `🛑 ${dangers}` : "", warnings > 0 ? `⚠️ ${warnings}` : ""].filter((m) => m !== "");
  return marks.length > 0 ? marks.join(" ") : "✅";
}

function renderSafety(reports: readonly StackReport[], level: DetailLevel, cuts: Cuts): string {
  const order = { danger: 0, warning: 1, safe: 2 };
  const all = reports
    .flatMap((r) => r.findings.map((finding) => ({ stack: r.plan.stack, finding })))
    .sort((a, b) => order[a.finding.severity] - order[b.finding.severity]);
  if (all.length === 0) return "";
  const serious = all.filter((x) => x.finding.severity !== "safe");
  const safe = all.filter((x) => x.finding.severity === "safe");
  const lines = ["### DNSSEC safety"];
  if (serious.some((x) => x.finding.severity === "danger")) {
    lines.push(
      `> [!CAUTION]\n> This plan would break or weaken a signed domain, and the check fails. Read every danger below; ` +
        `to let them through, a reviewer other than the author adds the ${code(OVERRIDE_LABEL)} label after the latest push.`,
    );
  } else if (serious.length > 0) {
    lines.push("No danger found. The warnings below need a step outside Terraform.");
  } else {
    lines.push("No danger found.");
  }
  // Dangers are always listed in full, whatever the budget; only warnings are counted past the limit.
  const dangers = serious.filter((x) => x.finding.severity === "danger");
  const warnings = serious.filter((x) => x.finding.severity === "warning");
  const shownWarnings = warnings.slice(0, Math.max(0, level.maxFindings - dangers.length));
  for (const group of groupFindings([...dangers, ...shownWarnings])) lines.push(renderFindingGroup(group));
  if (shownWarnings.length < warnings.length) {
    lines.push(`…and ${plural(warnings.length - shownWarnings.length, "more warning")}.`);
    cuts.add(`DNSSEC warnings beyond the first ${level.maxFindings} findings (every danger is listed)`);
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

interface StackFinding {
  readonly stack: string;
  readonly finding: Finding;
}

/** Findings of one rule with the same advice are said once, with the list of what they are about. */
function groupFindings(findings: readonly StackFinding[]): StackFinding[][] {
  const groups = new Map<string, StackFinding[]>();
  for (const item of findings) {
    const { severity, ruleId, why, whatToDo } = item.finding;
    const key = JSON.stringify([severity, ruleId, why, whatToDo]);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups.values()];
}

function renderFindingGroup(group: readonly StackFinding[]): string {
  const [{ stack, finding }] = group;
  const badge = finding.severity === "danger" ? "🛑 **Danger**" : "⚠️ **Warning**";
  const advice = [`- **Why it matters:** ${finding.why}`, `- **What to do:** ${finding.whatToDo}`];
  if (group.length === 1) {
    return [`${badge} · ${code(stack)} · ${code(finding.ruleId)}: ${finding.statement}`, ...advice].join("\n");
  }
  return [
    `${badge} · ${code(finding.ruleId)} · ${group.length} findings:`,
    ...group.map((item) => `- ${code(item.stack)}: ${item.finding.statement}`),
    ...advice,
  ].join("\n");
}

function renderStack(report: StackReport, level: DetailLevel, cuts: Cuts, red: Redactor): string {
  const { plan, counts } = report;
  const extras = EXTRA_WORDS.filter(([key]) => counts[key] > 0).map(([key, words]) => words(counts[key]));
  const summary =
    changingTotal(counts) === 0
      ? "no resource changes"
      : [
          ...GROUP_ORDER.filter((k) => !UNCHANGED.has(k) && k !== "forget" && counts[k] > 0).map(
            (k) => `${counts[k]} to ${KIND_LABELS[k].toLowerCase()}`,
          ),
          ...extras,
        ].join(", ");
  if (plan.failed) {
    return `### Stack ${code(plan.stack)}: no plan\n\n> [!CAUTION]\n> The plan job of this stack failed before it wrote a plan; see its log. The DNSSEC guard cannot vouch for it.`;
  }
  const lines = [`### Stack ${code(plan.stack)}: ${summary}`];
  if (plan.errored) {
    lines.push("> [!CAUTION]\n> Terraform stopped on an error while planning: the plan did not complete and what is shown is partial.");
  } else if (!plan.complete) {
    lines.push("> [!CAUTION]\n> Terraform marked this plan incomplete: what is shown is partial.");
  }
  if (plan.deferred.length > 0) {
    lines.push(
      `> [!NOTE]\n> Terraform deferred ${plural(plan.deferred.length, "change")} (${plan.deferred.map(code).join(", ")}); ` +
        "another plan and apply will be needed.",
    );
  }
  const moved = plan.resources.filter((r) => r.kind === "no-op" && isMove(r));
  // An adopted zone's first plan imports it without changing it: a no-op that must not hide in the no-op list.
  const imported = plan.resources.filter((r) => r.kind === "no-op" && r.importing && !isMove(r));
  for (const kind of GROUP_ORDER) {
    const group = plan.resources.filter((r) => r.kind === kind && !(kind === "no-op" && (isMove(r) || r.importing)));
    // Moves and imports are listed open, before the collapsed read and no-op lists they would otherwise hide in.
    if (kind === "read" && moved.length > 0) lines.push(renderGroup("Moved", false, moved, level, cuts, red));
    if (kind === "read" && imported.length > 0) lines.push(renderGroup("Import", false, imported, level, cuts, red));
    if (group.length === 0) continue;
    const block = renderGroup(KIND_LABELS[kind], UNCHANGED.has(kind), group, level, cuts, red);
    if (block !== "") lines.push(block);
  }
  const outputs = plan.outputs.filter((o) => o.kind !== "no-op");
  if (outputs.length > 0) {
    if (level.outputs) lines.push(renderOutputs(outputs, level, cuts, red));
    else cuts.add("output changes");
  }
  const outside = renderOutside(plan, level, cuts, red);
  if (outside !== "") lines.push(outside);
  return lines.join("\n\n");
}

function isMove(r: ResourceChange): boolean {
  return r.previousAddress !== undefined && r.previousAddress !== r.address;
}

/** Drift and failed checks: what Terraform saw besides the changes, collapsed. */
function renderOutside(plan: Plan, level: DetailLevel, cuts: Cuts, red: Redactor): string {
  const blocks: string[] = [];
  if (plan.drift.length > 0) {
    if (level.maxAddressesPerGroup === 0) {
      blocks.push(`**Changed outside Terraform (${plan.drift.length})**`);
    } else {
      const items = plan.drift.slice(0, level.maxAddressesPerGroup).map((r) => `- ${resourceItem(r, level, cuts, red)}`);
      blocks.push(details(`Changed outside Terraform since the last apply (${plan.drift.length})`, items.join("\n")));
    }
  }
  if (plan.problems.length > 0) {
    const items = plan.problems.map(
      (p) => `- ${code(p.address)} (${p.status}): ${escapeText(red.show(p.message))}`,
    );
    blocks.push(details(`Failed checks and conditions (${plan.problems.length})`, items.join("\n")));
  }
  return blocks.join("\n\n");
}

function renderGroup(
  label: string,
  unchanged: boolean,
  group: readonly ResourceChange[],
  level: DetailLevel,
  cuts: Cuts,
  red: Redactor,
): string {
  const title = `${label} (${group.length})`;
  if (unchanged && !level.unchangedLists) {
    cuts.add("the lists of unchanged and read resources");
    return "";
  }
  const limit = level.maxAddressesPerGroup;
  if (limit === 0) {
    cuts.add("all per-resource addresses");
    return `**${title}**`;
  }
  const shown = group.slice(0, limit).map((r) => `- ${resourceItem(r, level, cuts, red)}`);
  if (shown.length < group.length) {
    shown.push(`- …and ${group.length - shown.length} more`);
    cuts.add(`addresses beyond the first ${limit} per action`);
  }
  // Items with nested value blocks need a blank line between them to stay one list.
  const body = shown.join(shown.some((item) => item.includes("\n")) ? "\n\n" : "\n");
  if (unchanged || group.length > OPEN_GROUP_MAX) return details(title, body);
  return `**${title}**\n\n${body}`;
}

/** One list item: the address line, then its values nested under it. */
function resourceItem(r: ResourceChange, level: DetailLevel, cuts: Cuts, red: Redactor): string {
  const head = resourceLine(r, level, cuts);
  if (level.values === "none") {
    if (r.kind !== "no-op" && r.kind !== "read") cuts.add("attribute values");
    return head;
  }
  let lines = resourceValueLines(r, red, {
    maxValueLength: level.values === "full" ? FULL_VALUE_LENGTH : TRUNCATED_VALUE_LENGTH,
  });
  if (lines.length === 0) return head;
  if (level.values !== "full" && lines.some((l) => l.includes(" more characters)"))) {
    cuts.add(`values longer than ${TRUNCATED_VALUE_LENGTH} characters`);
  }
  if (level.values === "folded" && lines.length > FOLDED_VALUE_LINES) {
    const hidden = lines.length - FOLDED_VALUE_LINES;
    lines = [...lines.slice(0, FOLDED_VALUE_LINES), `# (${plural(hidden, "more line")} in the workflow log)`];
    cuts.add(`value lines beyond the first ${FOLDED_VALUE_LINES} per resource`);
  }
  const block = fence(lines, "diff");
  if (r.kind === "create") {
    // A create lists everything it configures; collapsed, as the address already says what it is.
    const configured = lines.filter((line) => line.startsWith("+ ")).length;
    return `${head}\n\n${indent(details(plural(configured, "configured argument"), block))}`;
  }
  return `${head}\n\n${indent(block)}`;
}

function resourceLine(r: ResourceChange, level: DetailLevel, cuts: Cuts): string {
  const notes: string[] = [];
  if (isMove(r)) notes.push(`moved from ${code(r.previousAddress ?? "")}`);
  if (r.deposed !== undefined) notes.push(`deposed object ${code(r.deposed)}`);
  if (r.importing) notes.push("to import");
  if (r.kind === "forget") notes.push(forgetNote(r));
  if (r.kind === "other") notes.push(`actions ${code(r.actions.join(", ") || "none")}`);
  if (r.replacePaths.length > 0) notes.push(`forced by ${r.replacePaths.map((p) => code(formatPath(p))).join(", ")}`);
  // A forget carries delete_because_no_resource_config, which reads as a delete; the note above says what happens.
  if (r.actionReason !== undefined && r.kind !== "forget") notes.push(`reason ${code(r.actionReason)}`);
  if (r.kind === "update" && level.values === "none") {
    if (level.attributeNames) notes.push(attributeNote(r));
    else cuts.add("the names of changed attributes");
  }
  const suffix = notes.filter((n) => n !== "").join("; ");
  return suffix === "" ? code(r.address) : `${code(r.address)}: ${suffix}`;
}

/** Terraform 1.7 `removed` blocks with `destroy = false`: the object leaves the state, not AWS. */
function forgetNote(r: ResourceChange): string {
  if (r.type === HOSTED_ZONE_TYPE) {
    return "forgotten: Terraform stops managing the zone, which stays in Route 53 and keeps answering (signed or not) as it does now";
  }
  return "forgotten: removed from Terraform state only, the object stays in AWS";
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

function renderOutputs(outputs: readonly OutputChange[], level: DetailLevel, cuts: Cuts, red: Redactor): string {
  const limit = level.maxAddressesPerGroup;
  const lines = outputs
    .slice(0, limit)
    .map(
      (o) =>
        `- ${code(o.name)}: ${o.kind === "other" ? escapeText(o.actions.join(", ")) : o.kind}${o.sensitive ? " (sensitive)" : outputValue(o, level, red)}`,
    );
  if (lines.length < outputs.length) {
    lines.push(`- …and ${outputs.length - lines.length} more`);
    cuts.add(`addresses beyond the first ${limit} per action`);
  }
  const title = `Output changes (${outputs.length})`;
  const body = lines.join(lines.some((line) => line.includes("\n")) ? "\n\n" : "\n");
  return outputs.length > OPEN_GROUP_MAX ? details(title, body) : `**${title}**\n\n${body}`;
}

/** Output values inline up to this length; longer or structured values go in a block under the item. */
const INLINE_OUTPUT_MAX = 80;

/** A non-sensitive output's value, redacted: inline when short, else a nested diff block. */
function outputValue(o: OutputChange, level: DetailLevel, red: Redactor): string {
  if (level.values === "none" || o.kind === "other" || o.kind === "no-op" || o.kind === "read") return "";
  const hidden = (v: OutputChange["after"]): boolean =>
    v !== null && (typeof v === "string" ? red.hides(v, o.name) : red.hidesAny(v, o.name));
  const inline = (v: OutputChange["after"]): string | undefined => {
    if (hidden(v)) return "(sensitive)";
    if (v === null || typeof v === "object") return v === null ? "null" : undefined;
    const text = String(v);
    return text.length <= INLINE_OUTPUT_MAX && !text.includes("\n") ? text : undefined;
  };
  const after = o.afterUnknown ? "(known after apply)" : inline(o.after);
  const before = inline(o.before);
  if (o.kind === "create" && after !== undefined) return ` ${code(after)}`;
  if (o.kind === "delete" && before !== undefined) return ` (was ${code(before)})`;
  if (o.kind === "update" && before !== undefined && after !== undefined) return ` ${code(before)} → ${code(after)}`;
  const lines = valueChangeLines(
    "value",
    o.kind === "create" ? null : o.before,
    o.afterUnknown ? null : o.kind === "delete" ? null : o.after,
    red,
    { maxValueLength: level.values === "full" ? FULL_VALUE_LENGTH : TRUNCATED_VALUE_LENGTH },
  );
  if (o.afterUnknown) lines.push(`~ value = ${UNKNOWN}`);
  const shown = level.values === "folded" && lines.length > FOLDED_VALUE_LINES
    ? [...lines.slice(0, FOLDED_VALUE_LINES), `# (${plural(lines.length - FOLDED_VALUE_LINES, "more line")} in the workflow log)`]
    : lines;
  return `\n\n${indent(fence(shown, "diff"))}`;
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
