import { join } from "node:path";
import { loadPlan, renderPlans } from "./comment";

/** The fixtures folder the README example is rendered from. */
export const EXAMPLE_FIXTURES = join(__dirname, "..", "..", "test", "fixtures", "plans");

/**
 * Renders the README's "what a comment looks like" example: a zone stack whose
 * plan skips rotation step 6 (an ACTIVE KSK removed with its key and policy)
 * next to an application stack that creates resources.
 */
export function renderExample(fixtures: string = EXAMPLE_FIXTURES): string {
  const plans = [
    loadPlan({ stack: "zone", file: join(fixtures, "dnssec", "danger-remove-active-ksk.json") }),
    loadPlan({ stack: "app", file: join(fixtures, "checkov-route53.json") }),
  ];
  return renderPlans(plans, { runUrl: "https://github.com/OWNER/REPO/actions/runs/1234567890" }).markdown;
}
