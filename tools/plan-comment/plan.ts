import { ActionKind, classifyActions } from "./actions";
import { Json, JsonObject, field, isObject, stringField } from "./json";
import { Redactor, collectSensitiveStrings } from "./redact";
import { containsSensitive, containsTrue } from "./sensitive";

/**
 * A normalized view of one `terraform show -json <planfile>` document.
 * Only what the renderer and the DNSSEC rules need is kept; unknown keys are
 * ignored, as the format's compatibility promise asks consumers to do.
 * https://developer.hashicorp.com/terraform/internals/json-format
 */
export interface ResourceChange {
  readonly address: string;
  readonly previousAddress?: string;
  /** "" for the root module. */
  readonly moduleAddress: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  /** Set when the change is to a deposed object left by create_before_destroy. */
  readonly deposed?: string;
  readonly actions: readonly string[];
  readonly kind: ActionKind;
  readonly before: Json;
  readonly after: Json;
  readonly afterUnknown: Json;
  readonly beforeSensitive: Json;
  readonly afterSensitive: Json;
  /** Attribute paths that force replacement, e.g. [["name"], ["tags", "x"]]. */
  readonly replacePaths: readonly (readonly (string | number)[])[];
  readonly actionReason?: string;
  readonly importing: boolean;
}

export interface OutputChange {
  readonly name: string;
  readonly actions: readonly string[];
  readonly kind: ActionKind;
  readonly before: Json;
  readonly after: Json;
  readonly afterUnknown: boolean;
  /** True when any source marks the output (or part of it) sensitive. */
  readonly sensitive: boolean;
}

export interface Plan {
  readonly stack: string;
  readonly file: string;
  readonly formatVersion: string;
  readonly terraformVersion?: string;
  readonly resources: readonly ResourceChange[];
  readonly outputs: readonly OutputChange[];
  /** Terraform 1.6+: false when the plan defers changes. */
  readonly complete: boolean;
  /** Terraform 1.6+: true when planning stopped on an error. */
  readonly errored: boolean;
  /**
   * True when the stack's plan job failed and wrote no plan at all (`--failed <stack>`); such a
   * plan is also `errored` and not `complete`, so every check that distrusts a partial plan holds.
   */
  readonly failed: boolean;
  /** Terraform 1.9+: changes Terraform deferred to a later plan (`deferred_changes`), by address. */
  readonly deferred: readonly string[];
  /** Changes made outside Terraform since the last apply (`resource_drift`). */
  readonly drift: readonly ResourceChange[];
  /** Failed or errored checks, preconditions and postconditions (`checks`), in Terraform's words. */
  readonly problems: readonly CheckProblem[];
  /** Which strings of this plan may be printed; see redact.ts. */
  readonly redactor: Redactor;
}

export interface CheckProblem {
  /** The check's address as Terraform displays it, e.g. `check.zone_comment`. */
  readonly address: string;
  /** `fail` or `error`. */
  readonly status: string;
  readonly message: string;
}

/** A user-facing input problem: one sentence naming the file, never a stack trace. */
export class PlanInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanInputError";
  }
}

const HOW_TO_MAKE = "pass the output of `terraform show -json <planfile>`";

export function parsePlanText(text: string, stack: string, file: string): Plan {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new PlanInputError(`plan file ${file} (stack ${stack}) is not valid JSON (${detail}); ${HOW_TO_MAKE}.`);
  }
  return parsePlan(raw as Json, stack, file);
}

export function parsePlan(raw: Json, stack: string, file: string): Plan {
  const where = `plan file ${file} (stack ${stack})`;
  if (!isObject(raw)) {
    throw new PlanInputError(`${where} is not a JSON object; ${HOW_TO_MAKE}.`);
  }
  const formatVersion = stringField(raw, "format_version");
  if (formatVersion === undefined) {
    throw new PlanInputError(`${where} has no format_version, so it is not Terraform JSON; ${HOW_TO_MAKE}.`);
  }
  const major = formatVersion.split(".")[0];
  if (major !== "0" && major !== "1") {
    // The format promises a new major version only for incompatible changes, and asks readers to reject it.
    throw new PlanInputError(
      `${where} has format_version ${formatVersion}, but only 0.x and 1.x are supported; render it with Terraform 1.x.`,
    );
  }
  const isPlan = "planned_values" in raw || "resource_changes" in raw || "output_changes" in raw;
  if (!isPlan) {
    const what = "values" in raw ? "a state, not a plan" : "not a plan";
    throw new PlanInputError(`${where} is ${what}; ${HOW_TO_MAKE}.`);
  }
  const resources = parseResourceChanges(raw.resource_changes, where);
  return {
    stack,
    file,
    formatVersion,
    terraformVersion: stringField(raw, "terraform_version"),
    resources,
    outputs: parseOutputChanges(raw, where),
    complete: field(raw, "complete") !== false,
    errored: field(raw, "errored") === true,
    failed: false,
    deferred: parseDeferred(raw.deferred_changes),
    drift: Array.isArray(raw.resource_drift)
      ? raw.resource_drift.map((entry, index) => parseResourceChange(entry, `${where} resource_drift[${index}]`))
      : [],
    problems: parseProblems(raw.checks),
    redactor: new Redactor(collectSensitiveStrings(raw)),
  };
}

/** The stand-in for a stack whose plan job failed: nothing planned, and nothing the guard can vouch for. */
export function failedPlan(stack: string): Plan {
  return {
    stack,
    file: "",
    formatVersion: "",
    resources: [],
    outputs: [],
    complete: false,
    errored: true,
    failed: true,
    deferred: [],
    drift: [],
    problems: [],
    redactor: new Redactor(new Set()),
  };
}

function parseDeferred(value: Json | undefined): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((entry) => stringField(field(entry, "resource_change"), "address"))
    .filter((address): address is string => address !== undefined);
}

/** Check results with status fail or error, one per problem message. */
function parseProblems(value: Json | undefined): CheckProblem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((check) => {
    const instances = field(check, "instances");
    return (Array.isArray(instances) ? instances : []).flatMap((instance): CheckProblem[] => {
      const status = stringField(instance, "status") ?? stringField(check, "status") ?? "";
      if (status !== "fail" && status !== "error") return [];
      const address =
        stringField(field(instance, "address"), "to_display") ?? stringField(field(check, "address"), "to_display") ?? "";
      const problems = field(instance, "problems");
      const messages = (Array.isArray(problems) ? problems : []).map((p) => stringField(p, "message") ?? "");
      return (messages.length > 0 ? messages : [""]).map((message) => ({ address, status, message }));
    });
  });
}

function parseResourceChanges(value: Json | undefined, where: string): ResourceChange[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new PlanInputError(`${where} has resource_changes that is not a list; ${HOW_TO_MAKE}.`);
  }
  return value.map((entry, index) => parseResourceChange(entry, `${where} resource_changes[${index}]`));
}

function parseResourceChange(entry: Json, where: string): ResourceChange {
  const address = stringField(entry, "address");
  const change = field(entry, "change");
  const actions = field(change, "actions");
  if (address === undefined || !isObject(change) || !isStringList(actions)) {
    throw new PlanInputError(`${where} lacks an address or change.actions; ${HOW_TO_MAKE}.`);
  }
  return {
    address,
    previousAddress: stringField(entry, "previous_address"),
    moduleAddress: stringField(entry, "module_address") ?? "",
    mode: stringField(entry, "mode") ?? "managed",
    type: stringField(entry, "type") ?? "",
    name: stringField(entry, "name") ?? "",
    deposed: stringField(entry, "deposed"),
    actions,
    kind: classifyActions(actions),
    before: change.before ?? null,
    after: change.after ?? null,
    afterUnknown: change.after_unknown ?? false,
    beforeSensitive: change.before_sensitive ?? false,
    afterSensitive: change.after_sensitive ?? false,
    replacePaths: parseReplacePaths(change.replace_paths),
    actionReason: stringField(entry, "action_reason"),
    importing: isObject(change.importing),
  };
}

function parseReplacePaths(value: Json | undefined): (string | number)[][] {
  if (!Array.isArray(value)) return [];
  return value.filter(Array.isArray).map((path) =>
    path.filter((step): step is string | number => typeof step === "string" || typeof step === "number"),
  );
}

function parseOutputChanges(raw: JsonObject, where: string): OutputChange[] {
  const changes = raw.output_changes;
  if (changes === undefined || changes === null) return [];
  if (!isObject(changes)) {
    throw new PlanInputError(`${where} has output_changes that is not an object; ${HOW_TO_MAKE}.`);
  }
  return Object.entries(changes).map(([name, change]) => {
    const actions = field(change, "actions");
    const list = isStringList(actions) ? actions : [];
    return {
      name,
      actions: list,
      kind: classifyActions(list),
      before: field(change, "before") ?? null,
      after: field(change, "after") ?? null,
      afterUnknown: containsTrue(field(change, "after_unknown")),
      sensitive: outputIsSensitive(raw, name, change),
    };
  });
}

/**
 * Format 0.x output changes carry no sensitivity markers, so the other places a
 * plan records an output's sensitivity are consulted as well. Any one is enough.
 */
function outputIsSensitive(raw: JsonObject, name: string, change: Json): boolean {
  const sources: (Json | undefined)[] = [
    field(change, "before_sensitive"),
    field(change, "after_sensitive"),
    field(field(field(raw.planned_values, "outputs"), name), "sensitive"),
    field(field(field(field(raw.prior_state, "values"), "outputs"), name), "sensitive"),
    field(field(field(field(raw.configuration, "root_module"), "outputs"), name), "sensitive"),
  ];
  return sources.some(containsSensitive);
}

function isStringList(value: Json | undefined): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}
