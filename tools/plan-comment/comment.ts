import { readFileSync } from "node:fs";
import { StackInput, isFailedInput } from "./args";
import { renderWithinBudget } from "./budget";
import { DEFAULT_BUDGET } from "./constants";
import { Plan, PlanInputError, failedPlan, parsePlanText } from "./plan";
import { RenderOptions, isIncomplete } from "./render";
import { buildReport } from "./report";
import { hasDanger } from "./rules";

export interface RenderedComment {
  readonly markdown: string;
  /**
   * True when any stack has a DNSSEC danger finding, a plan that did not
   * complete (errored, or `complete: false`), or no plan at all (`--failed`):
   * the guard cannot vouch for a partial or missing plan, so --fail-on-danger
   * fails on it too.
   */
  readonly danger: boolean;
  /**
   * The stacks that make `danger` true, in the order given: the fleet's apply holds back exactly
   * these zones and applies the others.
   */
  readonly dangerStacks: readonly string[];
}

/** Reads one plan file, turning file-system errors into one clear sentence; a failed stack has no file to read. */
export function loadPlan(input: StackInput): Plan {
  if (isFailedInput(input)) return failedPlan(input.stack);
  let text: string;
  try {
    text = readFileSync(input.file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "it does not exist" : code === "EISDIR" ? "it is a directory" : (code ?? "unreadable");
    throw new PlanInputError(
      `cannot read plan file ${input.file} (stack ${input.stack}): ${reason}; write it with \`terraform show -json <planfile> > ${input.file}\`.`,
    );
  }
  return parsePlanText(text, input.stack, input.file);
}

/** Renders the one comment for all stacks, within GitHub's size limit. */
export function renderPlans(plans: readonly Plan[], options: RenderOptions = {}, budget = DEFAULT_BUDGET): RenderedComment {
  const reports = plans.map(buildReport);
  const dangerStacks = reports.filter((r) => hasDanger(r.findings) || isIncomplete(r.plan)).map((r) => r.plan.stack);
  return {
    markdown: renderWithinBudget(reports, options, budget),
    danger: dangerStacks.length > 0,
    dangerStacks,
  };
}
