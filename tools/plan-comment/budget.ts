import { DEFAULT_BUDGET } from "./constants";
import { DETAIL_LADDER, DetailLevel } from "./detail";
import { isFleet, isQuiet } from "./fleet";
import { Cuts, FleetCut, RenderOptions, renderComment, renderCutNote } from "./render";
import { StackReport } from "./report";

/**
 * GitHub counts characters, but a conservative reading of the limit also
 * bounds the UTF-8 size, since emoji and non-Latin names take several bytes.
 */
export function commentSize(text: string): number {
  return Math.max(text.length, Buffer.byteLength(text, "utf8"));
}

/**
 * Renders the comment at the most detailed level that fits the budget.
 * Per-resource detail goes first; the totals table and DNSSEC dangers stay.
 * For a fleet still too big at the smallest level, the sections of the last
 * stacks go, then the table rows of the last stacks with neither a danger nor
 * a missing or partial plan. Dangers are never cut by these steps. Only if
 * the dangers alone overflow (hundreds of them) is the text cut at a line
 * boundary, and the note says so.
 */
export function renderWithinBudget(
  reports: readonly StackReport[],
  options: RenderOptions = {},
  budget: number = DEFAULT_BUDGET,
): string {
  let last = "";
  for (const level of DETAIL_LADDER) {
    last = renderAt(reports, level, options, {});
    if (commentSize(last) <= budget) return last;
  }
  const smallest = DETAIL_LADDER[DETAIL_LADDER.length - 1] as DetailLevel;
  const fits = (fleetCut: FleetCut): string | undefined => {
    const text = renderAt(reports, smallest, options, fleetCut);
    return commentSize(text) <= budget ? text : undefined;
  };
  const sections = isFleet(reports) ? reports.filter((r) => !isQuiet(r)).length : reports.length;
  const bySections = largestFitting(sections, (k) => fits({ maxStackSections: k }));
  if (bySections !== undefined) return bySections;
  const byRows = largestFitting(sections, (k) => fits({ maxStackSections: 0, maxPlainRows: k }));
  if (byRows !== undefined) return byRows;
  return hardCut(renderAt(reports, smallest, options, { maxStackSections: 0, maxPlainRows: 0 }), budget, options);
}

/** Renders at one level, twice when something was cut, so the note names exactly what is missing. */
function renderAt(reports: readonly StackReport[], level: DetailLevel, options: RenderOptions, fleetCut: FleetCut): string {
  const cuts: Cuts = new Set();
  const text = renderComment(reports, level, options, cuts, undefined, fleetCut);
  return cuts.size > 0 ? renderComment(reports, level, options, new Set(), renderCutNote(cuts, options), fleetCut) : text;
}

/**
 * The rendering for the largest k in [0, max) that fits, by bisection: the
 * size grows with k. Returns undefined when even k = 0 does not fit.
 */
function largestFitting(max: number, render: (k: number) => string | undefined): string | undefined {
  let best = render(0);
  if (best === undefined) return undefined;
  let low = 0;
  let high = max - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    const text = render(mid);
    if (text === undefined) high = mid - 1;
    else {
      best = text;
      low = mid;
    }
  }
  return best;
}

function hardCut(text: string, budget: number, options: RenderOptions): string {
  const note = `\n\n${renderCutNote(new Set(["everything after this point"]), options)}\n`;
  let cut = text.slice(0, Math.max(0, budget - commentSize(note)));
  while (commentSize(cut) > budget - commentSize(note)) cut = cut.slice(0, -100);
  const lineEnd = cut.lastIndexOf("\n");
  if (lineEnd > 0) cut = cut.slice(0, lineEnd);
  return `${cut}${note}`;
}
