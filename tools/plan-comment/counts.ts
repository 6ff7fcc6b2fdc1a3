import { ACTION_KINDS, ActionKind } from "./actions";
import { Plan } from "./plan";

export type ChangeCounts = Record<ActionKind, number>;

export function emptyCounts(): ChangeCounts {
  const counts = {} as ChangeCounts;
  for (const kind of ACTION_KINDS) counts[kind] = 0;
  return counts;
}

/** Counts resource changes by kind; a replacement is one change, not a delete plus a create. */
export function countChanges(plan: Plan): ChangeCounts {
  const counts = emptyCounts();
  for (const resource of plan.resources) counts[resource.kind] += 1;
  return counts;
}

export function addCounts(a: ChangeCounts, b: ChangeCounts): ChangeCounts {
  const sum = emptyCounts();
  for (const kind of ACTION_KINDS) sum[kind] = a[kind] + b[kind];
  return sum;
}

/** Changes that alter infrastructure: everything except reads and no-ops. */
export function changingTotal(counts: ChangeCounts): number {
  return counts.create + counts.update + counts.replace + counts.delete + counts.other;
}
