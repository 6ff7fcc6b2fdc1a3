/**
 * Canonical layout through the real hclwrite formatter (`@cdktf/hcl-tools`
 * runs HashiCorp's Go formatter as WebAssembly), so `terraform fmt -check`
 * agrees with the committed files.
 */
import { format } from "@cdktf/hcl-tools";

/** Formats HCL text the way `terraform fmt` does. */
export async function formatHcl(text: string): Promise<string> {
  return format(text);
}
