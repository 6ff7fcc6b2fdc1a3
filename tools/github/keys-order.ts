/**
 * When the apply workflow applies the `dnssec-keys` plan (`sharedKmsKey`), decided from the plan
 * itself. A new key must exist before a zone creates a KSK on it, so a plan that creates or updates
 * keys is applied first. A key whose KSK name left the last zone must outlive the KSKs that sign
 * with it: Route 53 keeps a KSK whose key is disabled or pending deletion in ACTION_NEEDED, and the
 * zones delete those KSKs only in their own applies. So a plan that deletes keys is applied last,
 * after the app and every fleet zone. A plan that does both cannot go either way: it is refused,
 * with the fix (two changes, the deletion on its own).
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec-ksk.html
 */
import { field, isObject, type Json } from "../plan-comment/json";

export type KeysOrder = { readonly order: "first" | "last" | "none" } | { readonly refused: string };

/** The one-line refusal of a keys plan that both creates (or updates) and deletes. */
export const KEYS_ORDER_REFUSAL =
  "The dnssec-keys plan both creates or updates and deletes KMS keys (sharedKmsKey): new keys must be applied before the zones and deleted keys after them, so split it into two changes: first add the new KSK names (or the key change), merge and apply; then remove the old names, merge and apply (README \"Repository setup\").";

/** What is not a `terraform show -json` plan. */
export class NotAPlanError extends Error {}

const DELETES = new Set(["delete", "forget"]);
const CHANGES = new Set(["create", "update"]);

/** The apply order of a `terraform show -json` plan of the dnssec-keys stack. Throws on what is not a plan. */
export function keysApplyOrder(plan: unknown): KeysOrder {
  if (!isObject(plan as Json)) throw new NotAPlanError("the keys plan is not a Terraform plan (terraform show -json): not a JSON object.");
  const changes = field(plan as Json, "resource_changes") ?? [];
  if (!Array.isArray(changes)) throw new NotAPlanError("the keys plan is not a Terraform plan (terraform show -json): resource_changes is not a list.");
  let deletes = false;
  let others = false;
  for (const change of changes) {
    const actions = field(field(change, "change"), "actions");
    if (!Array.isArray(actions) || !actions.every((a) => typeof a === "string")) {
      throw new NotAPlanError("the keys plan is not a Terraform plan (terraform show -json): a resource change has no list of actions.");
    }
    for (const action of actions as string[]) {
      if (DELETES.has(action)) deletes = true;
      if (CHANGES.has(action)) others = true;
    }
  }
  if (deletes && others) return { refused: KEYS_ORDER_REFUSAL };
  return { order: deletes ? "last" : others ? "first" : "none" };
}
