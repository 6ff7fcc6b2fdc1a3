import { ACTION_KINDS, ActionKind } from "./actions";
import { Plan } from "./plan";

/**
 * Counts by action kind, plus imports and moves, which Terraform counts apart
 * from the action ("1 to import", "2 moved"): an imported or moved object may
 * also be updated, or not changed at all.
 */
export type CountKey = ActionKind | "import" | "move";
export const COUNT_KEYS: readonly CountKey[] = [...ACTION_KINDS, "import", "move"];

export type ChangeCounts = Record<CountKey, number>;

export function emptyCounts(): ChangeCounts {
  const counts = {} as ChangeCounts;
  for (const key of COUNT_KEYS) counts[key] = 0;
  return counts;
}

/** Counts resource changes by kind; a replacement is one change, not a delete plus a create. */
export function countChanges(plan: Plan): ChangeCounts {
  const counts = emptyCounts();
  for (const resource of plan.resources) {
    counts[resource.kind] += 1;
    if (resource.importing) counts.import += 1;
    // A deposed object keeps its address; only a different previous address is a move.
    if (resource.previousAddress !== undefined && resource.previousAddress !== resource.address) counts.move += 1;
  }
  return counts;
}

export function addCounts(a: ChangeCounts, b: ChangeCounts): ChangeCounts {
  const sum = emptyCounts();
  for (const key of COUNT_KEYS) sum[key] = a[key] + b[key];
  return sum;
}

/** Changes that alter infrastructure or state: everything except reads and no-ops (moves and imports count). */
export function changingTotal(counts: ChangeCounts): number {
  return (
    counts.create + counts.update + counts.replace + counts.delete + counts.forget + counts.other + counts.import + counts.move
  );
}
