import { Json, isObject } from "./json";

/**
 * Terraform marks sensitive values with a parallel structure
 * (`before_sensitive`, `after_sensitive`, `sensitive_values`): `true` at a node
 * means that node and everything under it is sensitive, while objects and
 * arrays mirror the value. The raw values are still present in `before` and
 * `after`, so the renderer must ask this before printing any value.
 * https://developer.hashicorp.com/terraform/internals/json-format#change-representation
 */
export type PathStep = string | number;

export function isSensitiveAt(marks: Json | undefined, path: readonly PathStep[]): boolean {
  let node: Json | undefined = marks;
  for (const step of path) {
    if (node === true) return true;
    if (Array.isArray(node) && typeof step === "number") {
      node = node[step];
    } else if (isObject(node) && typeof step === "string") {
      node = node[step];
    } else {
      return false;
    }
  }
  return containsSensitive(node);
}

/**
 * True when a marker tree holds a `true` anywhere. For sensitivity markers it
 * means the value is at least partly sensitive; for `after_unknown` it means the
 * value is at least partly known only after apply.
 */
export function containsTrue(marks: Json | undefined): boolean {
  if (marks === true) return true;
  if (Array.isArray(marks)) return marks.some(containsTrue);
  if (isObject(marks)) return Object.values(marks).some(containsTrue);
  return false;
}

export const containsSensitive = containsTrue;
