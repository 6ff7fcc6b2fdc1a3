import { Json, JsonObject, field, isObject } from "./json";

/**
 * What the comment never prints. Terraform's own markers are the first line of
 * defence, but they are not enough: Terraform leaves copies of sensitive values
 * unmarked (the prior `output` of a `terraform_data` whose `input` is marked),
 * providers forget to mark attributes, and a module may pass a key through a
 * plain string. So, besides the markers, a value is redacted when:
 *
 * 1. it equals or contains a value the plan marks sensitive anywhere;
 * 2. its attribute (or JSON key) name looks secret: see SECRET_NAME_PARTS;
 * 3. it looks like a private key or a credential: see SECRET_SHAPES.
 *
 * A redacted value reads REDACTED, so the reviewer still sees that it changed.
 */
export const REDACTED = "(sensitive)";

/**
 * Parts of an attribute or JSON key name that mark its value as secret, matched
 * case-insensitively after `-` and spaces become `_`. This is the one list;
 * RULES.md and the README point here.
 */
export const SECRET_NAME_PARTS: readonly string[] = [
  "password",
  "passwd",
  "passphrase",
  "secret",
  "token",
  "private_key",
  "privatekey",
  "api_key",
  "apikey",
  "access_key",
  "credential",
  "connection_string",
  "auth_string",
  "sas_key",
];

/**
 * Names that contain a part above but hold an identifier, not the secret itself
 * (`secret_arn`, `kms_key_id`, `token_name`). Their values stay readable.
 */
const IDENTIFIER_SUFFIX = /_(arn|arns|id|ids|name|names|version|versions|type|ttl|length|expiration|expires|rotation[a-z_]*)$/;

/** Value shapes of private keys and credentials, redacted wherever they appear. */
export const SECRET_SHAPES: readonly { readonly name: string; readonly pattern: RegExp }[] = [
  { name: "PEM private key block", pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/ },
  {
    // 40 characters of base64 with upper case, lower case and a digit: the AWS
    // secret access key shape. Hex digests (one case only) and longer base64
    // (DNSKEY public keys) do not match.
    name: "AWS secret access key",
    pattern: /(?<![A-Za-z0-9/+])(?=[A-Za-z0-9/+]{0,39}[A-Z])(?=[A-Za-z0-9/+]{0,39}[a-z])(?=[A-Za-z0-9/+]{0,39}[0-9])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/,
  },
  { name: "GitHub token", pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/ },
  { name: "Slack token", pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
];

/** Sensitive strings shorter than this are redacted only where they are the whole value. */
const MIN_CONTAINED = 6;

export function looksSecretName(name: string): boolean {
  const normal = name.toLowerCase().replace(/[-\s.]+/g, "_");
  if (IDENTIFIER_SUFFIX.test(normal)) return false;
  return SECRET_NAME_PARTS.some((part) => normal.includes(part));
}

export function looksSecretValue(text: string): boolean {
  return SECRET_SHAPES.some(({ pattern }) => pattern.test(text));
}

/** Decides, for one plan (or one comment's plans), which strings may be printed. */
export class Redactor {
  private readonly whole: Set<string>;
  private readonly contained: string[];

  constructor(sensitive: Iterable<string>) {
    this.whole = new Set();
    for (const value of sensitive) if (value !== "") this.whole.add(value);
    this.contained = [...this.whole].filter((v) => v.length >= MIN_CONTAINED);
  }

  /** The plan's sensitive strings, for merging the redactors of several stacks. */
  get values(): ReadonlySet<string> {
    return this.whole;
  }

  /** True when the string must not be printed, under an attribute or key name when given. */
  hides(text: string, name?: string): boolean {
    if (name !== undefined && looksSecretName(name)) return true;
    if (this.whole.has(text)) return true;
    if (this.contained.some((secret) => text.includes(secret))) return true;
    return looksSecretValue(text);
  }

  /** The string itself, or REDACTED. */
  show(text: string, name?: string): string {
    return this.hides(text, name) ? REDACTED : text;
  }

  /** True when any string inside a JSON value (or its keys) must not be printed. */
  hidesAny(value: Json | undefined, name?: string): boolean {
    if (value === undefined || value === null) return false;
    if (name !== undefined && looksSecretName(name)) return true;
    if (typeof value === "string") return this.hides(value);
    if (Array.isArray(value)) return value.some((v) => this.hidesAny(v));
    if (isObject(value)) return Object.entries(value).some(([k, v]) => this.hides(k) || this.hidesAny(v, k));
    return false;
  }

  static merge(redactors: readonly Redactor[]): Redactor {
    return new Redactor(redactors.flatMap((r) => [...r.values]));
  }
}

/**
 * Every string a plan document marks sensitive anywhere: in resource changes and
 * drift (`*_sensitive`), in planned and prior state (`sensitive_values`), in
 * sensitive outputs, and in variables the configuration declares sensitive.
 * JSON documents held in sensitive strings add their string leaves as well.
 */
export function collectSensitiveStrings(raw: JsonObject): Set<string> {
  const found = new Set<string>();
  const add = (value: Json | undefined, marks: Json | undefined, inherited = false): void => {
    const here = inherited || marks === true;
    if (typeof value === "string") {
      if (here) addString(found, value);
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => add(v, Array.isArray(marks) ? marks[i] : undefined, here));
    } else if (isObject(value)) {
      for (const [k, v] of Object.entries(value)) add(v, isObject(marks) ? marks[k] : undefined, here);
    } else if (here && (typeof value === "number" || typeof value === "boolean") && String(value).length >= MIN_CONTAINED) {
      found.add(String(value));
    }
  };
  const changes = (list: Json | undefined): void => {
    if (!Array.isArray(list)) return;
    for (const entry of list) {
      const change = field(entry, "change") ?? field(field(entry, "resource_change"), "change");
      add(field(change, "before"), field(change, "before_sensitive"));
      add(field(change, "after"), field(change, "after_sensitive"));
    }
  };
  changes(raw.resource_changes);
  changes(raw.resource_drift);
  changes(raw.deferred_changes);
  const modules = (module: Json | undefined): void => {
    const resources = field(module, "resources");
    if (Array.isArray(resources)) for (const r of resources) add(field(r, "values"), field(r, "sensitive_values"));
    const children = field(module, "child_modules");
    if (Array.isArray(children)) children.forEach(modules);
  };
  const outputs = (list: Json | undefined): void => {
    if (!isObject(list)) return;
    for (const o of Object.values(list)) if (field(o, "sensitive") === true) add(field(o, "value"), true);
  };
  for (const state of [raw.planned_values, field(raw.prior_state, "values")]) {
    modules(field(state, "root_module"));
    outputs(field(state, "outputs"));
  }
  const outputChanges = raw.output_changes;
  if (isObject(outputChanges)) {
    const configured = field(field(raw.configuration, "root_module"), "outputs");
    for (const [name, change] of Object.entries(outputChanges)) {
      const marked =
        field(field(configured, name), "sensitive") === true ||
        field(change, "before_sensitive") === true ||
        field(change, "after_sensitive") === true;
      add(field(change, "before"), marked ? true : field(change, "before_sensitive"));
      add(field(change, "after"), marked ? true : field(change, "after_sensitive"));
    }
  }
  const declared = field(field(raw.configuration, "root_module"), "variables");
  const variables = raw.variables;
  if (isObject(declared) && isObject(variables)) {
    for (const [name, spec] of Object.entries(declared)) {
      if (field(spec, "sensitive") === true) add(field(variables[name], "value"), true);
    }
  }
  return found;
}

function addString(found: Set<string>, value: string): void {
  found.add(value);
  const doc = parseJsonDocument(value);
  if (doc === undefined) return;
  const leaves = (v: Json): void => {
    if (typeof v === "string") {
      if (v.length >= MIN_CONTAINED) found.add(v);
    } else if (Array.isArray(v)) v.forEach(leaves);
    else if (isObject(v)) Object.values(v).forEach(leaves);
  };
  leaves(doc);
}

/** A string holding a JSON object or array (an IAM policy, a container definition), decoded; else undefined. */
export function parseJsonDocument(text: string): Json | undefined {
  const trimmed = text.trim();
  if (!(trimmed.startsWith("{") && trimmed.endsWith("}")) && !(trimmed.startsWith("[") && trimmed.endsWith("]"))) {
    return undefined;
  }
  try {
    return JSON.parse(trimmed) as Json;
  } catch {
    return undefined;
  }
}
