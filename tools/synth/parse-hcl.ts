/**
 * Parses HCL with `hcl2-parser` (HashiCorp's hcl/v2 parser through hcl2json),
 * an implementation independent of both our renderer and hclwrite.
 *
 * Its JSON is not Terraform's JSON syntax: every block becomes an array of
 * bodies, literal-only templates are evaluated (escapes resolved), and any
 * other expression becomes `"${<source text>}"`.
 */
import { parseToObject } from "hcl2-parser";
import { isJsonObject, type JsonObject } from "./json";

/** Thrown when the text is not valid HCL. */
export class HclSyntaxError extends Error {
  constructor(where: string) {
    super(`${where} is not valid HCL`);
    this.name = "HclSyntaxError";
  }
}

/** The hcl2json view of `text`; throws HclSyntaxError when it does not parse. */
export function parseHcl(text: string, where = "the HCL"): JsonObject {
  const result: unknown = parseToObject(text);
  const parsed: unknown = Array.isArray(result) ? result[0] : undefined;
  if (!isJsonObject(parsed)) throw new HclSyntaxError(where);
  return parsed;
}
