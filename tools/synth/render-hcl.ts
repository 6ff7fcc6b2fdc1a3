/**
 * Renders one stack's Terraform JSON (`cdk.tf.json`, the configuration that
 * `cdktf deploy` applies) as HCL native syntax.
 *
 * Values come from the JSON synth, so the HCL cannot drift from what deploy
 * uses; only the block-or-attribute decision comes from cdktf's schema
 * metadata (see shape.ts). The output is modern Terraform: references in
 * `provider`, `depends_on` and `lifecycle` are bare, interpolation-only
 * strings are bare expressions, and nothing is commented. Layout is tidied by
 * hclwrite afterwards (format.ts); this file decides content and order only.
 */
import { compareKeys, isJsonObject, sortedEntries, type JsonObject, type JsonValue } from "./json";
import {
  elementAddress,
  providerAddress,
  UnsupportedConfigurationError,
  type BodyShape,
  type FieldShape,
  type StackShapes,
} from "./shape";
import { heredoc, interpolationOnly, quotedTemplate, stringExpression } from "./template";

const INDENT = "  ";
const TOP_LEVEL = ["//", "terraform", "provider", "variable", "locals", "import", "data", "resource", "output"];
const META_FIRST = ["count", "for_each", "provider"];
const META_LAST = ["lifecycle", "depends_on"];
const INLINE_LIST_LIMIT = 80;

/** A bare reference from a JSON-syntax reference string (`aws.us-east-1` or `${aws_x.y}`). */
export function bareReference(reference: string): string {
  return interpolationOnly(reference) ?? reference;
}

function referenceList(value: JsonValue, where: string): string {
  const items = Array.isArray(value) ? value : [value];
  const references = items.map((item) => {
    if (typeof item !== "string") throw new UnsupportedConfigurationError(`${where} must list references`);
    return bareReference(item);
  });
  return `[${references.join(", ")}]`;
}

function isScalar(value: JsonValue): boolean {
  return value === null || typeof value !== "object";
}

function objectKey(key: string): string {
  const bare = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) && !["true", "false", "null"].includes(key);
  return bare ? key : quotedTemplate(key);
}

/** An HCL expression for a JSON value, laid out for `indent`. */
export function expression(value: JsonValue, indent: string): string {
  if (typeof value === "string") return stringExpression(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null) return "null";
  const inner = indent + INDENT;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const items = value.map((item) => expression(item, inner));
    const inline = `[${items.join(", ")}]`;
    if (value.every(isScalar) && inline.length <= INLINE_LIST_LIMIT && !inline.includes("\n")) return inline;
    return `[\n${items.map((item) => `${inner}${item},\n`).join("")}${indent}]`;
  }
  const entries = sortedEntries(value);
  if (entries.length === 0) return "{}";
  const lines = entries.map(([key, item]) => `${inner}${objectKey(key)} = ${expression(item, inner)}\n`);
  return `{\n${lines.join("")}${indent}}`;
}

/**
 * The expression of an attribute: like `expression`, but a multi-line string
 * becomes a heredoc, which is only safe here (not inside a list or object).
 */
export function attributeValue(value: JsonValue, indent: string): string {
  if (typeof value === "string" && interpolationOnly(value) === undefined) {
    const document = heredoc(value);
    if (document !== undefined) return document;
  }
  return expression(value, indent);
}

function containsObject(value: JsonValue): boolean {
  if (isJsonObject(value)) return true;
  return Array.isArray(value) && value.some(containsObject);
}

function label(text: string): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(text)) {
    throw new UnsupportedConfigurationError(`block label ${JSON.stringify(text)} is not a plain name`);
  }
  return `"${text}"`;
}

function block(header: string, bodyLines: string[], indent: string): string[] {
  if (bodyLines.length === 0) return [`${indent}${header} {}`];
  return [`${indent}${header} {`, ...bodyLines, `${indent}}`];
}

/** Lines of `lifecycle { ... }`, whose reference lists must be bare. */
function lifecycleLines(value: JsonValue, indent: string, where: string): string[] {
  if (!isJsonObject(value)) throw new UnsupportedConfigurationError(`${where}.lifecycle must be an object`);
  const inner = indent + INDENT;
  const lines: string[] = [];
  const blocks: string[] = [];
  for (const [key, item] of sortedEntries(value)) {
    if (key === "ignore_changes" && typeof item === "string") lines.push(`${inner}${key} = ${bareReference(item)}`);
    else if (key === "ignore_changes" || key === "replace_triggered_by")
      lines.push(`${inner}${key} = ${referenceList(item, `${where}.lifecycle.${key}`)}`);
    else if (key === "precondition" || key === "postcondition") {
      for (const condition of Array.isArray(item) ? item : [item]) {
        blocks.push(...block(key, plainBody(condition, inner), inner));
      }
    } else lines.push(`${inner}${key} = ${attributeValue(item, inner)}`);
  }
  return block("lifecycle", [...lines, ...blocks], indent);
}

/** A body whose keys are all attributes (variables' validation, conditions). */
function plainBody(value: JsonValue, indent: string): string[] {
  if (!isJsonObject(value)) return [];
  const inner = indent + INDENT;
  return sortedEntries(value)
    .filter(([key]) => key !== "//")
    .map(([key, item]) => `${inner}${key} = ${attributeValue(item, inner)}`);
}

function blockOccurrences(key: string, value: JsonValue, where: string): JsonObject[] {
  const occurrences = Array.isArray(value) ? value : [value];
  if (occurrences.length === 0) {
    // `[]` in JSON can mean "set this attribute-as-block to empty", which HCL
    // block syntax cannot say; refuse instead of silently dropping it.
    throw new UnsupportedConfigurationError(`${where}.${key} is an empty list of blocks; omit it or give it a value`);
  }
  return occurrences.map((occurrence) => {
    if (!isJsonObject(occurrence)) throw new UnsupportedConfigurationError(`${where}.${key} must hold objects`);
    return occurrence;
  });
}

function fieldOf(shape: BodyShape, key: string): FieldShape {
  return shape.get(key) ?? { kind: "attribute", untyped: false };
}

function orderedKeys(body: JsonObject, shape: BodyShape, topLevel: boolean): string[] {
  const keys = Object.keys(body).filter((key) => key !== "//");
  const rank = (key: string): number => {
    if (topLevel && META_FIRST.includes(key)) return 0;
    if (topLevel && META_LAST.includes(key)) return 3 + META_LAST.indexOf(key);
    return fieldOf(shape, key).kind === "block" ? 2 : 1;
  };
  return keys.sort((a, b) => rank(a) - rank(b) || compareKeys(a, b));
}

/**
 * Lines of a resource, data source, provider or nested block body. Only a
 * top-level body has meta-arguments (`provider`, `depends_on`, `lifecycle`).
 */
export function bodyLines(body: JsonObject, shape: BodyShape, indent: string, where: string, topLevel = true): string[] {
  const inner = indent + INDENT;
  const lines: string[] = [];
  for (const key of orderedKeys(body, shape, topLevel)) {
    const value = body[key] as JsonValue;
    const field = fieldOf(shape, key);
    if (topLevel && key === "provider" && typeof value === "string") {
      lines.push(`${inner}provider = ${bareReference(value)}`);
    } else if (topLevel && key === "depends_on") {
      lines.push(`${inner}depends_on = ${referenceList(value, `${where}.depends_on`)}`);
    } else if (topLevel && key === "lifecycle") lines.push(...lifecycleLines(value, inner, where));
    else if (field.kind === "block") {
      for (const occurrence of blockOccurrences(key, value, where)) {
        lines.push(...block(key, bodyLines(occurrence, field.body, inner, `${where}.${key}`, false), inner));
      }
    } else {
      if (field.kind === "attribute" && field.untyped && containsObject(value)) {
        throw new UnsupportedConfigurationError(
          `${where}.${key} is typed "any" by the provider, so HCL cannot tell a block from an attribute; ` +
            `pass it as a JSON string instead (for WAF rules, rule_json)`,
        );
      }
      lines.push(`${inner}${key} = ${attributeValue(value, inner)}`);
    }
  }
  return lines;
}

function terraformBlock(terraform: JsonValue): string[] {
  if (!isJsonObject(terraform)) return [];
  const lines: string[] = [];
  const { required_version: version, required_providers: providers, backend, cloud, ...rest } = terraform;
  if (version !== undefined) lines.push(`${INDENT}required_version = ${expression(version, INDENT)}`);
  if (isJsonObject(providers)) lines.push(...block("required_providers", plainBody(providers, INDENT), INDENT));
  if (isJsonObject(backend)) {
    for (const [type, config] of sortedEntries(backend)) {
      lines.push(...block(`backend ${label(type)}`, plainBody(config, INDENT), INDENT));
    }
  }
  if (isJsonObject(cloud)) lines.push(...block("cloud", plainBody(cloud, INDENT), INDENT));
  for (const [key, value] of sortedEntries(rest)) lines.push(`${INDENT}${key} = ${expression(value, INDENT)}`);
  return block("terraform", lines, "");
}

function providerBlocks(providers: JsonValue, shapes: StackShapes): string[][] {
  if (!isJsonObject(providers)) return [];
  const blocks: string[][] = [];
  for (const [type, instances] of sortedEntries(providers)) {
    const list = (Array.isArray(instances) ? instances : [instances]).filter(isJsonObject);
    const aliasOf = (instance: JsonObject): string => (typeof instance.alias === "string" ? instance.alias : "");
    for (const instance of [...list].sort((a, b) => compareKeys(aliasOf(a), aliasOf(b)))) {
      const address = providerAddress(type, aliasOf(instance) || undefined);
      const shape = shapes.get(address) ?? new Map();
      blocks.push(block(`provider ${label(type)}`, bodyLines(instance, shape, "", address), ""));
    }
  }
  return blocks;
}

function variableBlocks(variables: JsonValue): string[][] {
  if (!isJsonObject(variables)) return [];
  return sortedEntries(variables).map(([name, raw]) => {
    const body = isJsonObject(raw) ? raw : {};
    const lines: string[] = [];
    for (const [key, value] of sortedEntries(body)) {
      if (key === "//") continue;
      if (key === "type" && typeof value === "string") lines.push(`${INDENT}type = ${bareReference(value)}`);
      else if (key === "validation") {
        for (const rule of Array.isArray(value) ? value : [value]) {
          lines.push(...block("validation", plainBody(rule, INDENT), INDENT));
        }
      } else lines.push(`${INDENT}${key} = ${attributeValue(value, INDENT)}`);
    }
    return block(`variable ${label(name)}`, lines, "");
  });
}

function localsBlock(locals: JsonValue): string[][] {
  if (!isJsonObject(locals) || Object.keys(locals).length === 0) return [];
  return [block("locals", plainBody(locals, ""), "")];
}

function elementBlocks(section: "resource" | "data", elements: JsonValue, shapes: StackShapes): string[][] {
  if (!isJsonObject(elements)) return [];
  const blocks: string[][] = [];
  for (const [type, byName] of sortedEntries(elements)) {
    if (!isJsonObject(byName)) continue;
    for (const [name, body] of sortedEntries(byName)) {
      const address = elementAddress(section, type, name);
      const lines = bodyLines(isJsonObject(body) ? body : {}, shapes.get(address) ?? new Map(), "", address);
      blocks.push(block(`${section} ${label(type)} ${label(name)}`, lines, ""));
    }
  }
  return blocks;
}

/**
 * `import { to = ..., id = ... }` blocks (cdktf's `importFrom`): `to` and `provider` are bare
 * addresses, `id` a value. Sorted by target so the order never depends on construction order.
 * https://developer.hashicorp.com/terraform/language/import
 */
function importBlocks(imports: JsonValue): string[][] {
  if (imports === null) return [];
  if (!Array.isArray(imports)) throw new UnsupportedConfigurationError("import must be a list of blocks");
  const bodies = imports.map((raw) => {
    if (!isJsonObject(raw) || typeof raw.to !== "string" || raw.id === undefined) {
      throw new UnsupportedConfigurationError("every import block needs a target address (to) and an id");
    }
    return raw;
  });
  bodies.sort((a, b) => compareKeys(String(a.to), String(b.to)));
  return bodies.map((body) =>
    block(
      "import",
      sortedEntries(body)
        .filter(([key]) => key !== "//")
        .map(([key, value]) =>
          key === "to" || key === "provider" ? `${INDENT}${key} = ${bareReference(String(value))}` : `${INDENT}${key} = ${attributeValue(value, INDENT)}`,
        ),
      "",
    ),
  );
}

function outputBlocks(outputs: JsonValue): string[][] {
  if (!isJsonObject(outputs)) return [];
  return sortedEntries(outputs).map(([name, raw]) => {
    const body = isJsonObject(raw) ? raw : {};
    const lines: string[] = [];
    for (const [key, value] of sortedEntries(body)) {
      if (key === "//") continue;
      if (key === "depends_on") lines.push(`${INDENT}depends_on = ${referenceList(value, `output.${name}.depends_on`)}`);
      else if (key === "precondition") {
        for (const condition of Array.isArray(value) ? value : [value]) {
          lines.push(...block("precondition", plainBody(condition, INDENT), INDENT));
        }
      } else lines.push(`${INDENT}${key} = ${attributeValue(value, INDENT)}`);
    }
    return block(`output ${label(name)}`, lines, "");
  });
}

/** HCL for one stack's Terraform JSON (before hclwrite formatting). */
export function renderStack(config: JsonObject, shapes: StackShapes): string {
  const unknown = Object.keys(config).filter((key) => !TOP_LEVEL.includes(key));
  if (unknown.length > 0) {
    throw new UnsupportedConfigurationError(`the HCL renderer does not support top-level "${unknown.join('", "')}"`);
  }
  const blocks: string[][] = [
    terraformBlock(config.terraform ?? null),
    ...providerBlocks(config.provider ?? null, shapes),
    ...variableBlocks(config.variable ?? null),
    ...localsBlock(config.locals ?? null),
    ...importBlocks(config.import ?? null),
    ...elementBlocks("data", config.data ?? null, shapes),
    ...elementBlocks("resource", config.resource ?? null, shapes),
    ...outputBlocks(config.output ?? null),
  ].filter((lines) => lines.length > 0);
  return `${blocks.map((lines) => lines.join("\n")).join("\n\n")}\n`;
}
