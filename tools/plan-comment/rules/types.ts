import { Plan } from "../plan";

/**
 * `danger` breaks or may break validation of a signed domain and fails the
 * check under --fail-on-danger. `warning` needs a human step (usually at the
 * registrar) but is not wrong in itself. `safe` records a change the guard
 * looked at and recognised as a documented step, so reviewers see why it passed.
 */
export type Severity = "danger" | "warning" | "safe";

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  /** The resource address or `output.<name>` the finding is about. */
  readonly subject: string;
  /** One line, Markdown: what the plan does. */
  readonly statement: string;
  /** One line: why it matters. */
  readonly why: string;
  /** One line: what to do about it. */
  readonly whatToDo: string;
}

/** A guard rule in the cdk-nag style: one file, one small pure check. */
export interface Rule {
  readonly id: string;
  /** Short title for the README's rule table. */
  readonly title: string;
  readonly check: (plan: Plan) => Finding[];
}
