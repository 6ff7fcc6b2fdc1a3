import { join } from "node:path";
import { loadPlan, renderPlans } from "./comment";

/** The fixtures folder the README example is rendered from. */
export const EXAMPLE_FIXTURES = join(__dirname, "..", "..", "test", "fixtures", "plans");

/**
 * Renders the README's "what a comment looks like" example from the app's two
 * stacks: the zone stack only picks up a new default tag, while the app stack's
 * plan skips rotation step 6 (the still ACTIVE ksk_1 removed with its KMS key,
 * key policy and alias).
 */
export function renderExample(fixtures: string = EXAMPLE_FIXTURES): string {
  const plans = [
    loadPlan({ stack: "zone", file: join(fixtures, "dnssec", "zone-tags-only.json") }),
    loadPlan({ stack: "app", file: join(fixtures, "dnssec", "danger-remove-active-ksk.json") }),
  ];
  return renderPlans(plans, { runUrl: "https://github.com/OWNER/REPO/actions/runs/1234567890" }).markdown;
}
