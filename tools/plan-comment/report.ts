import { ChangeCounts, countChanges } from "./counts";
import { Plan } from "./plan";
import { Finding, checkPlan } from "./rules";

/** One stack's plan with its counts and DNSSEC findings, ready to render. */
export interface StackReport {
  readonly plan: Plan;
  readonly counts: ChangeCounts;
  readonly findings: readonly Finding[];
}

export function buildReport(plan: Plan): StackReport {
  return { plan, counts: countChanges(plan), findings: checkPlan(plan) };
}
