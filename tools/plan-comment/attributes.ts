import { Json, isObject, jsonEqual } from "./json";
import { ResourceChange } from "./plan";
import { PathStep, containsTrue, isSensitiveAt } from "./sensitive";

/**
 * Names of the top-level attributes an update changes. Only names are
 * returned, never values, so the list is safe to print even for sensitive
 * attributes. An attribute known only after apply counts as changed.
 */
export function changedAttributeNames(change: ResourceChange): string[] {
  const before = isObject(change.before) ? change.before : {};
  const after = isObject(change.after) ? change.after : {};
  const unknown = isObject(change.afterUnknown) ? change.afterUnknown : {};
  const names = new Set([...Object.keys(before), ...Object.keys(after), ...Object.keys(unknown)]);
  return [...names]
    .filter((name) => containsTrue(unknown[name]) || !jsonEqual(before[name], after[name]))
    .sort();
}

/** True when the attribute is sensitive before or after the change. */
export function attributeIsSensitive(change: ResourceChange, path: readonly PathStep[]): boolean {
  return isSensitiveAt(change.beforeSensitive, path) || isSensitiveAt(change.afterSensitive, path);
}

/** Formats a replace path in Terraform's own style: name, name.nested, tags["key"], list[0]. */
export function formatPath(path: readonly PathStep[]): string {
  let text = "";
  for (const step of path) {
    if (typeof step === "number") text += `[${step}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(step)) text += text === "" ? step : `.${step}`;
    else text += `[${JSON.stringify(step)}]`;
  }
  return text;
}

/** Reads a plain string attribute from `before` or `after`. */
export function stringAttr(value: Json, name: string): string | undefined {
  const attr = isObject(value) ? value[name] : undefined;
  return typeof attr === "string" ? attr : undefined;
}
