/**
 * Synthesizes a configuration with the app's own code path (the settings loader, the stack builder,
 * the HCL renderer of `npm run synth`) into a fresh, empty folder: `<dir>/<stack>/main.tf` plus
 * `<dir>/context.json`, the context the assertions are derived from.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { loadSettings } from "../../config/settings";
import { buildStacks } from "../../stacks/build";
import { renderFiles } from "../synth/hcl-files";
import { synthesizeStacks } from "../synth/synthesize";

/** The file next to the stack folders that records the context they were synthesized from. */
export const CONTEXT_FILE = "context.json";

/** Synthesizes `context` into `dir`, which must not exist or be empty. */
export async function synthesizeInto(dir: string, context: Record<string, unknown>): Promise<void> {
  mkdirSync(dir, { recursive: true });
  if (readdirSync(dir).length > 0) throw new Error(`${dir} is not empty; the harness synthesizes into fresh folders only`);
  const settings = loadSettings(context);
  const json = mkdtempSync(join(tmpdir(), "terraform-check-json-"));
  try {
    const stacks = synthesizeStacks((app) => {
      const built = buildStacks(app, settings);
      return [built.zone, built.app];
    }, json);
    for (const [relative, content] of await renderFiles(stacks)) {
      const target = join(dir, relative);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
    writeFileSync(join(dir, CONTEXT_FILE), `${JSON.stringify(context, null, 2)}\n`);
  } finally {
    rmSync(json, { recursive: true, force: true });
  }
}
