/**
 * The committed folder's content: per stack `<stack>/main.tf`, plus a
 * `.gitignore` for what `terraform init` leaves next to it.
 */
import { formatHcl } from "./format";
import { renderStack } from "./render-hcl";
import type { SynthesizedStack } from "./synthesize";

/** Name of the HCL file written for every stack. */
export const MAIN_FILE = "main.tf";

/** Ignore Terraform's working files; the lock file stays committable. */
export const GITIGNORE = [".terraform/", "*.tfstate", "*.tfstate.*", "*.tfplan", "crash.log", ""].join("\n");

/** Relative path (always with `/`) to file content. */
export type FileTree = ReadonlyMap<string, string>;

/** Renders and formats every stack; throws before anything is written. */
export async function renderFiles(stacks: readonly SynthesizedStack[]): Promise<FileTree> {
  const files = new Map<string, string>([[".gitignore", GITIGNORE]]);
  for (const stack of stacks) {
    files.set(`${stack.name}/${MAIN_FILE}`, await formatHcl(renderStack(stack.config, stack.shapes)));
  }
  return files;
}
