/**
 * Classifies a resource or output change's `actions` array into one kind.
 * Terraform documents these arrays: ["no-op"], ["create"], ["read"], ["update"],
 * ["delete", "create"] and ["create", "delete"] (replace, ordered by
 * create_before_destroy), ["delete"], and since 1.7 ["forget"].
 * https://developer.hashicorp.com/terraform/internals/json-format#change-representation
 * Anything else is tolerated and counted as "other" rather than rejected.
 */
export type ActionKind = "create" | "update" | "replace" | "delete" | "read" | "no-op" | "forget" | "other";

export const ACTION_KINDS: readonly ActionKind[] = ["create", "update", "replace", "delete", "read", "no-op", "forget", "other"];

export function classifyActions(actions: readonly string[]): ActionKind {
  if (actions.length === 2 && actions.includes("delete") && actions.includes("create")) {
    return "replace";
  }
  if (actions.length === 1) {
    const [only] = actions;
    switch (only) {
      case "create":
      case "update":
      case "delete":
      case "read":
      case "no-op":
      case "forget":
        return only;
      default:
        return "other";
    }
  }
  return "other";
}

/** True when applying the change removes the existing remote object. */
export function destroysExisting(kind: ActionKind): boolean {
  return kind === "delete" || kind === "replace";
}
