/**
 * Which keys of a resource, data source or provider body are nested blocks.
 *
 * Terraform's JSON syntax does not say whether `{ ... }` is a block or an
 * object-valued attribute (the provider schema decides), but HCL native
 * syntax must: `redirect { ... }` versus `tags = { ... }`. cdktf's
 * `toHclTerraform()` wraps every attribute it knows from the provider schema
 * as `{ value, type, isBlock, storageClassType }`; this file turns that
 * metadata into a shape tree that the renderer and the equivalence proof use.
 * https://developer.hashicorp.com/terraform/language/syntax/json#nested-block-mapping
 */
import { TerraformElement, TerraformStack } from "cdktf";
import { resolve } from "cdktf/lib/_tokens";
import type { IConstruct } from "constructs";
import { isJsonObject, type JsonObject, type JsonValue } from "./json";

/** What one key of a body is. */
export type FieldShape =
  | { readonly kind: "block"; readonly body: BodyShape }
  | { readonly kind: "map" }
  | { readonly kind: "attribute"; readonly untyped: boolean };

/** The fields of one body that the metadata knows; keys it does not know are attributes. */
export type BodyShape = ReadonlyMap<string, FieldShape>;

/** Shapes of every resource, data source and provider of a stack, by address. */
export type StackShapes = ReadonlyMap<string, BodyShape>;

/** Thrown for configuration the HCL renderer refuses to guess about. */
export class UnsupportedConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsupportedConfigurationError";
  }
}

/** Address of a resource or data source body: `resource.aws_kms_key.ksk`. */
export function elementAddress(section: "resource" | "data", type: string, name: string): string {
  return `${section}.${type}.${name}`;
}

/** Address of a provider body: `provider.aws` or `provider.aws.us-east-1` for an alias. */
export function providerAddress(type: string, alias: string | undefined): string {
  return alias ? `provider.${type}.${alias}` : `provider.${type}`;
}

/** Lifecycle is a meta-argument block; its pre/postconditions are blocks too. */
const LIFECYCLE_SHAPE: FieldShape = {
  kind: "block",
  body: new Map<string, FieldShape>([
    ["precondition", { kind: "block", body: new Map() }],
    ["postcondition", { kind: "block", body: new Map() }],
  ]),
};

const SCALAR_STORAGE = new Set(["string", "number", "boolean"]);

interface AttributeMetadata {
  readonly value: JsonValue;
  readonly block: boolean;
  readonly type: string;
  readonly storage: string;
}

/** The `{ value, type, isBlock, storageClassType }` wrapper cdktf puts on schema-known attributes. */
function readMetadata(raw: JsonValue): AttributeMetadata | undefined {
  if (!isJsonObject(raw) || !("value" in raw) || typeof raw.type !== "string") return undefined;
  const storage = raw.storageClassType ?? raw.storage_class_type;
  return {
    value: raw.value ?? null,
    block: raw.isBlock === true || raw.is_block === true,
    type: raw.type,
    storage: typeof storage === "string" ? storage : "",
  };
}

function fieldShape(key: string, raw: JsonValue, where: string, topLevel: boolean): FieldShape | undefined {
  if (key === "//") return undefined;
  if (topLevel && key === "lifecycle") return LIFECYCLE_SHAPE;
  if (topLevel && (key === "dynamic" || key === "provisioner" || key === "connection")) {
    throw new UnsupportedConfigurationError(
      `${where} uses "${key}", which the HCL renderer does not support; express it without ${key} blocks`,
    );
  }
  if (isJsonObject(raw) && "dynamic" in raw) {
    throw new UnsupportedConfigurationError(
      `${where}.${key} is a dynamic block, which the HCL renderer does not support; list the blocks explicitly`,
    );
  }
  const metadata = readMetadata(raw);
  if (!metadata) return { kind: "attribute", untyped: false };
  if (metadata.block) {
    const elements = Array.isArray(metadata.value) ? metadata.value : [metadata.value];
    const bodies = elements.map((element) => bodyShape(element, `${where}.${key}`, false));
    return { kind: "block", body: mergeBodies(bodies) };
  }
  if (metadata.type === "map") return { kind: "map" };
  const untyped = metadata.type === "any" || (metadata.type === "simple" && !SCALAR_STORAGE.has(metadata.storage));
  return { kind: "attribute", untyped };
}

/** Shape of one body of a cdktf HCL fragment; only a top-level body has meta-arguments. */
export function bodyShape(raw: JsonValue, where: string, topLevel = true): BodyShape {
  const shape = new Map<string, FieldShape>();
  if (!isJsonObject(raw)) return shape;
  for (const [key, value] of Object.entries(raw)) {
    const field = fieldShape(key, value, where, topLevel);
    if (field) shape.set(key, field);
  }
  return shape;
}

/** Union of the shapes of several occurrences of one block. */
function mergeBodies(bodies: BodyShape[]): BodyShape {
  const merged = new Map<string, FieldShape>();
  for (const body of bodies) {
    for (const [key, field] of body) {
      const known = merged.get(key);
      if (known?.kind === "block" && field.kind === "block") {
        merged.set(key, { kind: "block", body: mergeBodies([known.body, field.body]) });
      } else if (!known || field.kind === "block") {
        merged.set(key, field);
      }
    }
  }
  return merged;
}

/** The Terraform elements of a stack, as cdktf's own synthesizer finds them (nested stacks excluded). */
function stackElements(node: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) {
    if (!TerraformStack.isStack(child)) stackElements(child, into);
  }
  return into;
}

function addSection(shapes: Map<string, BodyShape>, section: "resource" | "data", fragment: JsonValue): void {
  if (!isJsonObject(fragment)) return;
  for (const [type, byName] of Object.entries(fragment)) {
    if (!isJsonObject(byName)) continue;
    for (const [name, body] of Object.entries(byName)) {
      const address = elementAddress(section, type, name);
      shapes.set(address, bodyShape(body, address));
    }
  }
}

function addProviders(shapes: Map<string, BodyShape>, fragment: JsonValue): void {
  if (!isJsonObject(fragment)) return;
  for (const [type, instances] of Object.entries(fragment)) {
    for (const instance of Array.isArray(instances) ? instances : [instances]) {
      if (!isJsonObject(instance)) continue;
      const alias = instance.alias;
      const address = providerAddress(type, typeof alias === "string" ? alias : undefined);
      shapes.set(address, bodyShape(instance, address));
    }
  }
}

/**
 * Shapes of a prepared stack (call after `app.synth()`, so cross-stack
 * references have already become remote-state data sources).
 */
export function stackShapes(stack: TerraformStack): StackShapes {
  const shapes = new Map<string, BodyShape>();
  for (const element of stackElements(stack)) {
    const fragment = resolve(stack, element.toHclTerraform()) as JsonObject;
    addSection(shapes, "resource", fragment.resource ?? null);
    addSection(shapes, "data", fragment.data ?? null);
    addProviders(shapes, fragment.provider ?? null);
  }
  return shapes;
}
