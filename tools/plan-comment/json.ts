/**
 * The JSON value type and small guards. `terraform show -json` output is
 * untyped; everything the renderer reads goes through these guards so that
 * unknown keys and unexpected shapes are tolerated instead of crashing.
 */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads `obj[key]` when `obj` is an object, else `undefined`. */
export function field(obj: Json | undefined, key: string): Json | undefined {
  return isObject(obj) ? obj[key] : undefined;
}

/** Reads `obj[key]` as a string, else `undefined`. */
export function stringField(obj: Json | undefined, key: string): string | undefined {
  const value = field(obj, key);
  return typeof value === "string" ? value : undefined;
}

/** Deep structural equality of two JSON values (key order does not matter). */
export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      if (!jsonEqual(a[key], b[key])) return false;
    }
    return true;
  }
  return false;
}
