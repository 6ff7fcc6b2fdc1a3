/**
 * Synthesizes a configuration with the app's own code path (the settings loader, the stack builder,
 * the HCL renderer of `npm run synth`) into a fresh, empty folder: `<dir>/<stack>/main.tf` plus
 * `<dir>/context.json`, the context the assertions are derived from, and `<dir>/zones.json` when
 * the configuration lists further zones as validated settings.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { TerraformStack } from "cdktf";
import { loadSettings, type Settings } from "../../config/settings";
import type { ZoneSetting } from "../../config/zone-setting";
import { buildStacks } from "../../stacks/build";
import { renderFiles } from "../synth/hcl-files";
import { synthesizeStacks } from "../synth/synthesize";

/** The file next to the stack folders that records the context they were synthesized from. */
export const CONTEXT_FILE = "context.json";
/** The file next to it that records the fleet's further zones, as validated settings. */
export const ZONES_FILE = "zones.json";

/** The settings of a context, with further zones given as validated settings when `zones` is set. */
export function settingsOf(context: Record<string, unknown>, zones?: readonly ZoneSetting[]): Settings {
  const settings = loadSettings(context);
  return zones === undefined ? settings : { ...settings, zones };
}

/** The settings a configuration folder was synthesized from: its context.json (else `fallback`) and zones.json. */
export function configSettings(dir: string, fallback: Record<string, unknown>): Settings {
  const contextFile = join(dir, CONTEXT_FILE);
  const zonesFile = join(dir, ZONES_FILE);
  const context = existsSync(contextFile) ? (JSON.parse(readFileSync(contextFile, "utf8")) as Record<string, unknown>) : fallback;
  return settingsOf(context, existsSync(zonesFile) ? (JSON.parse(readFileSync(zonesFile, "utf8")) as ZoneSetting[]) : undefined);
}

/** Synthesizes `context` (and `zones`) into `dir`, which must not exist or be empty. Every stack the app builds is written. */
export async function synthesizeInto(dir: string, context: Record<string, unknown>, zones?: readonly ZoneSetting[]): Promise<void> {
  mkdirSync(dir, { recursive: true });
  if (readdirSync(dir).length > 0) throw new Error(`${dir} is not empty; the harness synthesizes into fresh folders only`);
  const settings = settingsOf(context, zones);
  const json = mkdtempSync(join(tmpdir(), "terraform-check-json-"));
  try {
    const stacks = synthesizeStacks((app) => {
      buildStacks(app, settings);
      return app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c));
    }, json);
    for (const [relative, content] of await renderFiles(stacks)) {
      const target = join(dir, relative);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
    writeFileSync(join(dir, CONTEXT_FILE), `${JSON.stringify(context, null, 2)}\n`);
    if (zones !== undefined) writeFileSync(join(dir, ZONES_FILE), `${JSON.stringify(zones, null, 2)}\n`);
  } finally {
    rmSync(json, { recursive: true, force: true });
  }
}
