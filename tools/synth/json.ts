/**
 * The JSON value model shared by the synth tools: what `cdk.tf.json`,
 * cdktf's HCL fragments and `hcl2-parser` all produce.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** A JSON object; keys keep the order they were inserted in. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The entries of an object sorted by key, so every renderer walks them in one order. */
export function sortedEntries(object: JsonObject): [string, JsonValue][] {
  return Object.keys(object)
    .sort(compareKeys)
    .map((key): [string, JsonValue] => [key, object[key] as JsonValue]);
}

/** Code-unit order: independent of the machine's locale, unlike localeCompare. */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
