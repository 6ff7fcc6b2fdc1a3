import { code, truncate } from "../markdown";
import { Json } from "../json";
import { OutputChange, Plan } from "../plan";
import { REDACTED, Redactor } from "../redact";
import { Finding, Rule } from "./types";

/**
 * A changed DS output. When the DS is handed to a registrar by hand, a new,
 * changed or removed `ds_record` output is the signal to update it there. It
 * is a warning, not a danger: the change itself is fine if the registrar
 * follows. Matches `ds_record`, `*_ds_record` and `ds_record*` outputs.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec-enable-signing.html
 */
export const dsOutputChanged: Rule = {
  id: "DNSSEC-DS-OUTPUT-CHANGED",
  title: "DS record output changed",
  check: (plan: Plan): Finding[] =>
    plan.outputs
      .filter((o) => isDsOutputName(o.name) && o.kind !== "no-op" && o.kind !== "read")
      .map((output) => ({
        ruleId: dsOutputChanged.id,
        severity: "warning",
        subject: `output.${output.name}`,
        statement: `Output ${code(output.name)} ${describe(output, plan.redactor)}.`,
        why: "Validating resolvers need the DS at the parent to match an active KSK of the zone.",
        whatToDo:
          output.kind === "delete"
            ? "Withdraw this DS at the registrar, then wait for its TTL before the next rotation step."
            : "Publish the new DS at the registrar (or check the DS automation did), then wait for the parent's DS TTL.",
      })),
};

export function isDsOutputName(name: string): boolean {
  return name === "ds_record" || name.endsWith("_ds_record") || name.startsWith("ds_record");
}

/** Values are shown only for non-sensitive outputs, shortened, and redacted like every other value. */
function describe(output: OutputChange, red: Redactor): string {
  const verb = verbFor(output);
  if (output.sensitive) return `${verb} (value sensitive, not shown)`;
  const shown = (value: Json): string => (red.hidesAny(value, output.name) ? code(REDACTED) : show(value));
  const after = output.afterUnknown ? "(known after apply)" : shown(output.after);
  if (output.kind === "create") return `${verb}: ${after}`;
  if (output.kind === "delete") return `${verb} (was ${shown(output.before)})`;
  return `${verb}: ${shown(output.before)} → ${after}`;
}

function verbFor(output: OutputChange): string {
  switch (output.kind) {
    case "create":
      return "is added";
    case "delete":
      return "is removed";
    case "update":
    case "replace":
      return "changes";
    default:
      return `changes (${output.actions.join(", ") || "unknown action"})`;
  }
}

function show(value: Json): string {
  if (value === null) return "(none)";
  return code(truncate(typeof value === "string" ? value : JSON.stringify(value), 300));
}
