/**
 * The equivalence proof: the committed HCL of a stack is the same Terraform
 * configuration as its JSON synth.
 *
 * Both sides are brought to one canonical tree and compared key by key:
 * - every block is a list of bodies (JSON writes a single block as an object,
 *   hcl2json writes every block as a list); the block-or-attribute decision
 *   on the JSON side comes from cdktf's schema metadata (shape.ts), so a map
 *   written as a block, or a block written as a map, is a difference;
 * - strings are templates with escapes resolved and whitespace dropped from
 *   the expressions inside `${}`, so `"${a.b}"` and bare `a.b` are equal;
 * - references that JSON syntax writes as plain strings (`provider`,
 *   `depends_on`, `lifecycle.ignore_changes`, a variable's `type`) become
 *   expressions on the JSON side only, so a quoted reference in the HCL is a
 *   difference.
 * Style findings (camelCase keys, quoted references) are reported with a
 * message that names the fix.
 */
import { isJsonObject, type JsonObject, type JsonValue } from "./json";
import { elementAddress, providerAddress, type BodyShape, type StackShapes } from "./shape";
import { parseTemplate } from "./template";
import { parseHcl } from "./parse-hcl";

/** One difference or style problem, at a dotted path such as `resource.aws_kms_key.k.key_usage`. */
export interface Finding {
  readonly path: string;
  readonly message: string;
}

/** Options for reading the HCL side. */
export interface HclReadOptions {
  /**
   * Accept quoted references (`provider = "aws.x"`), as cdktf's own HCL
   * renderer writes them; used for the parity check with `cdktf synth --hcl`
   * only, never for the committed files.
   */
  readonly acceptQuotedReferences?: boolean;
}

/** Drops whitespace outside string literals, so formatting differences inside `${}` do not count. */
export function normalizeExpression(expression: string): string {
  let out = "";
  let inString = false;
  for (let index = 0; index < expression.length; index += 1) {
    const char = expression[index] as string;
    if (inString) {
      out += char;
      if (char === "\\") {
        out += expression[index + 1] ?? "";
        index += 1;
      } else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
      out += char;
    } else if (!/\s/.test(char)) out += char;
  }
  return out;
}

/** Normalizes the expressions of an hcl2json-style string (escapes already resolved). */
function canonicalFlatString(flat: string): string {
  try {
    return parseTemplate(flat)
      .map((part) => {
        if (part.kind === "literal") return part.text;
        const opener = part.kind === "interpolation" ? "${" : "%{";
        return `${opener}${normalizeExpression(part.expression)}}`;
      })
      .join("");
  } catch {
    return flat;
  }
}

/** A JSON-syntax template flattened the way hcl2json prints HCL strings: literal escapes resolved. */
function flattenJsonTemplate(template: string): string {
  return parseTemplate(template)
    .map((part) => {
      if (part.kind === "literal") return part.text.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
      return part.kind === "interpolation" ? `\${${part.expression}}` : `%{${part.expression}}`;
    })
    .join("");
}

type StringReader = (value: string) => string;

const fromJsonString: StringReader = (value) => canonicalFlatString(flattenJsonTemplate(value));
const fromHclString: StringReader = (value) => canonicalFlatString(value);

function canonicalValue(value: JsonValue, readString: StringReader): JsonValue {
  if (typeof value === "string") return readString(value);
  if (Array.isArray(value)) return value.map((item) => canonicalValue(item, readString));
  if (isJsonObject(value)) {
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      if (key !== "//") out[key] = canonicalValue(item, readString);
    }
    return out;
  }
  return value;
}

/** A reference written as a plain string in JSON syntax, as the expression HCL must write. */
function referenceExpression(value: JsonValue): JsonValue {
  if (typeof value !== "string") return value;
  const text = value.startsWith("${") ? value : `\${${value}}`;
  return canonicalFlatString(text);
}

function referenceList(value: JsonValue): JsonValue {
  return Array.isArray(value) ? value.map(referenceExpression) : referenceExpression(value);
}

function asList(value: JsonValue | undefined): JsonValue[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function objects(value: JsonValue | undefined): JsonObject[] {
  return asList(value).filter(isJsonObject);
}

/** `lifecycle` from JSON: its reference lists become expressions. */
function jsonLifecycle(value: JsonValue): JsonValue {
  return objects(value).map((body) => {
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(body)) {
      if (key === "ignore_changes" || key === "replace_triggered_by") out[key] = referenceList(item);
      else out[key] = canonicalValue(item, fromJsonString);
    }
    return out;
  });
}

/** A resource, data source, provider or nested block body from JSON, with blocks as lists. */
function jsonBody(body: JsonObject, shape: BodyShape | undefined, topLevel: boolean): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === "//") continue;
    const field = shape?.get(key);
    if (topLevel && (key === "provider" || key === "depends_on")) out[key] = referenceList(value);
    else if (topLevel && key === "lifecycle") out[key] = jsonLifecycle(value);
    else if (field?.kind === "block") out[key] = objects(value).map((item) => jsonBody(item, field.body, false));
    else out[key] = canonicalValue(value, fromJsonString);
  }
  return out;
}

function jsonTerraform(terraform: JsonValue | undefined): JsonValue[] {
  if (!isJsonObject(terraform)) return [];
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(terraform)) {
    if (key === "required_providers" || key === "cloud") out[key] = objects(value).map((v) => canonicalValue(v, fromJsonString));
    else if (key === "backend" && isJsonObject(value)) {
      const backends: JsonObject = {};
      for (const [type, config] of Object.entries(value)) backends[type] = [canonicalValue(config, fromJsonString)];
      out[key] = backends;
    } else out[key] = canonicalValue(value, fromJsonString);
  }
  return [out];
}

/** Address of a provider body in the shapes: `provider.aws.us-east-1`. */
function providerKey(type: string, body: JsonObject): string {
  return providerAddress(type, typeof body.alias === "string" ? body.alias : undefined);
}

/** Key of a provider in the canonical tree, under `provider`: `aws.us-east-1`. */
function providerName(type: string, body: JsonObject): string {
  return providerKey(type, body).slice("provider.".length);
}

function jsonElements(section: "resource" | "data", value: JsonValue | undefined, shapes: StackShapes): JsonObject {
  const out: JsonObject = {};
  if (!isJsonObject(value)) return out;
  for (const [type, byName] of Object.entries(value)) {
    if (!isJsonObject(byName)) continue;
    for (const [name, body] of Object.entries(byName)) {
      const shape = shapes.get(elementAddress(section, type, name));
      out[`${type}.${name}`] = [jsonBody(isJsonObject(body) ? body : {}, shape, true)];
    }
  }
  return out;
}

function jsonNamed(value: JsonValue | undefined, map: (body: JsonObject) => JsonObject): JsonObject {
  const out: JsonObject = {};
  if (!isJsonObject(value)) return out;
  for (const [name, body] of Object.entries(value)) out[name] = [map(isJsonObject(body) ? body : {})];
  return out;
}

function withReferences(body: JsonObject, references: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === "//") continue;
    out[key] = references.includes(key) ? referenceList(value) : canonicalValue(value, fromJsonString);
  }
  return out;
}

/** The canonical tree of a stack's JSON synth. */
export function canonicalFromJson(config: JsonObject, shapes: StackShapes): JsonObject {
  const providers: JsonObject = {};
  if (isJsonObject(config.provider)) {
    for (const [type, instances] of Object.entries(config.provider)) {
      for (const body of objects(instances)) {
        const name = providerName(type, body);
        providers[name] = [...asList(providers[name]), jsonBody(body, shapes.get(providerKey(type, body)), false)];
      }
    }
  }
  const locals = isJsonObject(config.locals) ? canonicalValue(config.locals, fromJsonString) : {};
  return {
    terraform: jsonTerraform(config.terraform),
    provider: providers,
    variable: jsonNamed(config.variable, (body) => withReferences(body, ["type"])),
    locals,
    data: jsonElements("data", config.data, shapes),
    resource: jsonElements("resource", config.resource, shapes),
    output: jsonNamed(config.output, (body) => withReferences(body, ["depends_on"])),
  };
}

/** Keys whose values are references, per kind of body. */
const RESOURCE_REFERENCES = ["provider", "depends_on"];

function hclBody(body: JsonObject, options: HclReadOptions, references: readonly string[]): JsonObject {
  const out: JsonObject = {};
  const resourceBody = references === RESOURCE_REFERENCES;
  for (const [key, value] of Object.entries(body)) {
    if (options.acceptQuotedReferences && references.includes(key)) out[key] = referenceList(value);
    else if (options.acceptQuotedReferences && resourceBody && key === "lifecycle") out[key] = jsonLifecycle(value);
    else out[key] = canonicalValue(value, fromHclString);
  }
  return out;
}

function hclElements(value: JsonValue | undefined, options: HclReadOptions): JsonObject {
  const out: JsonObject = {};
  if (!isJsonObject(value)) return out;
  for (const [type, byName] of Object.entries(value)) {
    if (!isJsonObject(byName)) continue;
    for (const [name, bodies] of Object.entries(byName)) {
      out[`${type}.${name}`] = objects(bodies).map((body) => hclBody(body, options, RESOURCE_REFERENCES));
    }
  }
  return out;
}

function hclNamed(value: JsonValue | undefined, options: HclReadOptions, references: readonly string[]): JsonObject {
  const out: JsonObject = {};
  if (!isJsonObject(value)) return out;
  for (const [name, bodies] of Object.entries(value)) {
    out[name] = objects(bodies).map((body) => hclBody(body, options, references));
  }
  return out;
}

/** The canonical tree of parsed HCL (hcl2json output). */
export function canonicalFromHcl(parsed: JsonObject, options: HclReadOptions = {}): JsonObject {
  const providers: JsonObject = {};
  if (isJsonObject(parsed.provider)) {
    for (const [type, instances] of Object.entries(parsed.provider)) {
      for (const body of objects(instances)) {
        const name = providerName(type, body);
        providers[name] = [...asList(providers[name]), canonicalValue(body, fromHclString)];
      }
    }
  }
  const locals: JsonObject = {};
  for (const body of objects(parsed.locals)) Object.assign(locals, canonicalValue(body, fromHclString));
  const terraform = objects(parsed.terraform).map((body) => canonicalValue(body, fromHclString));
  return {
    terraform,
    provider: providers,
    variable: hclNamed(parsed.variable, options, ["type"]),
    locals,
    data: hclElements(parsed.data, options),
    resource: hclElements(parsed.resource, options),
    output: hclNamed(parsed.output, options, ["depends_on"]),
  };
}

function show(value: JsonValue | undefined): string {
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** How the two compared sides are named in findings. */
export interface SideNames {
  readonly expected: string;
  readonly actual: string;
}

const JSON_VERSUS_HCL: SideNames = { expected: "the JSON synth", actual: "the HCL" };

/** Every difference between two canonical trees (by default the JSON synth's and the HCL's). */
export function compareCanonical(expected: JsonValue, actual: JsonValue, path = "", names = JSON_VERSUS_HCL): Finding[] {
  const at = (key: string | number): string => (path ? `${path}.${key}` : String(key));
  if (isJsonObject(expected) && isJsonObject(actual)) {
    const findings: Finding[] = [];
    for (const key of Object.keys(expected)) {
      if (!(key in actual)) findings.push({ path: at(key), message: `missing from ${names.actual}` });
      else findings.push(...compareCanonical(expected[key] as JsonValue, actual[key] as JsonValue, at(key), names));
    }
    for (const key of Object.keys(actual)) {
      if (!(key in expected)) findings.push({ path: at(key), message: `in ${names.actual} but not in ${names.expected}` });
    }
    return findings;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) {
      return [{ path, message: `${expected.length} item(s) or block(s) in ${names.expected}, ${actual.length} in ${names.actual}` }];
    }
    return expected.flatMap((item, index) => compareCanonical(item, actual[index] as JsonValue, at(index), names));
  }
  if (JSON.stringify(expected) === JSON.stringify(actual)) return [];
  return [{ path, message: `${names.expected} has ${show(expected)}, ${names.actual} has ${show(actual)}` }];
}

const CAMEL_CASE = /[a-z0-9][A-Z]/;

function camelCaseFindings(value: JsonValue, shape: BodyShape | undefined, path: string): Finding[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => camelCaseFindings(item, shape, `${path}.${index}`));
  if (!isJsonObject(value)) return [];
  const findings: Finding[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (CAMEL_CASE.test(key)) {
      findings.push({ path: `${path}.${key}`, message: `camelCase key "${key}"; Terraform names are snake_case` });
    }
    const field = shape?.get(key);
    // Keys inside a map attribute (tags) are the user's data, not schema names.
    if (field?.kind === "map") continue;
    findings.push(...camelCaseFindings(item, field?.kind === "block" ? field.body : undefined, `${path}.${key}`));
  }
  return findings;
}

function quotedReferenceFindings(value: JsonValue | undefined, path: string): Finding[] {
  return asList(value).flatMap((item) =>
    typeof item === "string" && !item.startsWith("${")
      ? [{ path, message: `quoted reference "${item}"; write it without quotes: ${item}` }]
      : [],
  );
}

/** camelCase keys and quoted references in parsed HCL. */
export function styleFindings(parsed: JsonObject, shapes: StackShapes): Finding[] {
  const findings: Finding[] = [];
  for (const section of ["resource", "data"] as const) {
    const elements = parsed[section];
    if (!isJsonObject(elements)) continue;
    for (const [type, byName] of Object.entries(elements)) {
      if (!isJsonObject(byName)) continue;
      for (const [name, bodies] of Object.entries(byName)) {
        const path = `${section}.${type}.${name}`;
        for (const body of objects(bodies)) {
          findings.push(...camelCaseFindings(body, shapes.get(elementAddress(section, type, name)), path));
          findings.push(...quotedReferenceFindings(body.provider, `${path}.provider`));
          findings.push(...quotedReferenceFindings(body.depends_on, `${path}.depends_on`));
          for (const lifecycle of objects(body.lifecycle)) {
            findings.push(...quotedReferenceFindings(lifecycle.ignore_changes, `${path}.lifecycle.ignore_changes`));
          }
        }
      }
    }
  }
  if (isJsonObject(parsed.provider)) {
    for (const [type, instances] of Object.entries(parsed.provider)) {
      for (const body of objects(instances)) {
        const address = providerKey(type, body);
        findings.push(...camelCaseFindings(body, shapes.get(address), address));
      }
    }
  }
  if (isJsonObject(parsed.output)) {
    for (const [name, bodies] of Object.entries(parsed.output)) {
      for (const body of objects(bodies)) {
        findings.push(...quotedReferenceFindings(body.depends_on, `output.${name}.depends_on`));
      }
    }
  }
  return findings;
}

/**
 * All findings for one stack: HCL text against the JSON synth and its
 * shapes. An empty list is the proof that they are the same configuration.
 */
export function checkEquivalence(hcl: string, config: JsonObject, shapes: StackShapes, where = "the HCL"): Finding[] {
  const parsed = parseHcl(hcl, where);
  return [
    ...styleFindings(parsed, shapes),
    ...compareCanonical(canonicalFromJson(config, shapes), canonicalFromHcl(parsed)),
  ];
}
