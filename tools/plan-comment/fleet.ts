import { changingTotal } from "./counts";
import { code } from "./markdown";
import { Plan } from "./plan";
import { StackReport } from "./report";
import { HOSTED_ZONE_TYPE } from "./rules/dnssec-resources";
import { field, stringField } from "./json";

/**
 * The fleet layout: a comment over more stacks than this collapses the quiet
 * ones into one line and gives each other stack a row with its zone and plan
 * status. Up to this many (today's zone and app stacks, and the shared keys
 * stack) every stack keeps its row and section, as before fleets.
 */
export const FLEET_LAYOUT_OVER = 3;

/** Longest list of stack names in one line (the quiet stacks, the failed ones), before "and N more". */
export const STACK_LIST_MAX_CHARS = 1_500;

/** The stack id prefix of a fleet zone stack (`stacks/stack-ids.ts`: "zone-" + the domain). */
const ZONE_STACK_PREFIX = "zone-";

export function isFleet(reports: readonly StackReport[]): boolean {
  return reports.length > FLEET_LAYOUT_OVER;
}

/**
 * A stack with nothing to say: a complete plan without resource or output
 * changes, findings, drift, failed checks or deferred changes. In the fleet
 * layout it is named in the one "without changes" line and gets no row.
 */
export function isQuiet(report: StackReport): boolean {
  const { plan } = report;
  return (
    !plan.errored &&
    plan.complete &&
    changingTotal(report.counts) === 0 &&
    report.findings.length === 0 &&
    plan.outputs.every((o) => o.kind === "no-op") &&
    plan.drift.length === 0 &&
    plan.problems.length === 0 &&
    plan.deferred.length === 0
  );
}

/**
 * The DNS zone a stack is about, when it can be told: the name of the hosted
 * zone the plan manages or reads, else the domain in a fleet zone stack's id.
 */
export function zoneOf(plan: Plan): string | undefined {
  for (const r of plan.resources) {
    if (r.type !== HOSTED_ZONE_TYPE) continue;
    const name = stringField(r.after, "name") ?? stringField(r.before, "name") ?? stringField(field(r.after, "input"), "name");
    if (name !== undefined && name !== "") return name.replace(/\.$/, "");
  }
  if (plan.stack.startsWith(ZONE_STACK_PREFIX) && plan.stack.length > ZONE_STACK_PREFIX.length) {
    return plan.stack.slice(ZONE_STACK_PREFIX.length);
  }
  return undefined;
}

/** Stack names in code spans, comma-separated, cut at `maxChars` with the count of the rest. */
export function stackList(stacks: readonly string[], maxChars: number = STACK_LIST_MAX_CHARS): string {
  const shown: string[] = [];
  let length = 0;
  for (const stack of stacks) {
    const item = code(stack);
    if (shown.length > 0 && length + item.length + 2 > maxChars) break;
    shown.push(item);
    length += item.length + 2;
  }
  const rest = stacks.length - shown.length;
  return rest > 0 ? `${shown.join(", ")} and ${rest} more` : shown.join(", ");
}

/** The one line that stands for every quiet stack of a fleet. */
export function renderQuietLine(quiet: readonly StackReport[]): string {
  if (quiet.length === 0) return "";
  const word = quiet.length === 1 ? "stack" : "stacks";
  return `**${quiet.length} ${word} without changes:** ${stackList(quiet.map((r) => r.plan.stack))}.`;
}
