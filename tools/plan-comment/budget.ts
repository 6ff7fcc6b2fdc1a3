import { DEFAULT_BUDGET } from "./constants";
import { DETAIL_LADDER } from "./detail";
import { Cuts, RenderOptions, renderComment, renderCutNote } from "./render";
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
 * If even the smallest level is too big (thousands of stacks), the text is
 * cut at a line boundary and the note says so.
 */
export function renderWithinBudget(
  reports: readonly StackReport[],
  options: RenderOptions = {},
  budget: number = DEFAULT_BUDGET,
): string {
  let last = "";
  for (const level of DETAIL_LADDER) {
    const cuts: Cuts = new Set();
    let text = renderComment(reports, level, options, cuts);
    if (cuts.size > 0) text = renderComment(reports, level, options, new Set(), renderCutNote(cuts, options));
    if (commentSize(text) <= budget) return text;
    last = text;
  }
  return hardCut(last, budget, options);
}

function hardCut(text: string, budget: number, options: RenderOptions): string {
  const note = `\n\n${renderCutNote(new Set(["everything after this point"]), options)}\n`;
  let cut = text.slice(0, Math.max(0, budget - commentSize(note)));
  while (commentSize(cut) > budget - commentSize(note)) cut = cut.slice(0, -100);
  const lineEnd = cut.lastIndexOf("\n");
  if (lineEnd > 0) cut = cut.slice(0, lineEnd);
  return `${cut}${note}`;
}
