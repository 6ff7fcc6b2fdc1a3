/** Settings with a fleet, and their synth as rendered HCL, for the fleet tests. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { ZoneSetting } from "../../config/zone-setting";
import { loadSettings, type Settings } from "../../config/settings";
import { buildStacks } from "../../stacks/build";
import { renderFiles, TF_HEADER, type FileTree } from "../../tools/synth/hcl-files";
import { synthesizeStacks, type SynthesizedStack } from "../../tools/synth/synthesize";

export const PROJECT_ROOT = resolve(__dirname, "..", "..");

/** The settings cdktf.json ships: what terraform/zone and terraform/app are committed from. */
export function shippedContext(): Record<string, unknown> {
  return (JSON.parse(readFileSync(join(PROJECT_ROOT, "cdktf.json"), "utf8")) as { context: Record<string, unknown> }).context;
}

/** A fleet zone's settings with today's defaults (created, signing, one KSK, DS by hand). */
export function zoneSetting(domainName: string, extra: Partial<ZoneSetting> = {}): ZoneSetting {
  return {
    domainName,
    keySigningKeys: [{ name: "ksk_1", status: "active", publishDs: true }],
    dnssec: "on",
    parentDs: "manual",
    delegateFromParent: false,
    dsTtl: 3600,
    ownership: "create",
    ...extra,
  };
}

/** Validated settings of `context` with `zones` as the fleet (until the settings parse `zones`). */
export function fleetSettings(zones: readonly ZoneSetting[], context: Record<string, unknown> = shippedContext()): Settings {
  return { ...loadSettings(context), zones };
}

/** The synthesized stacks and their rendered files (`<stack id>/main.tf`). */
export async function synthFleet(settings: Settings): Promise<{ stacks: SynthesizedStack[]; files: FileTree }> {
  const outdir = mkdtempSync(join(tmpdir(), "fleet-"));
  try {
    const stacks = synthesizeStacks((app) => buildStacks(app, settings).all, outdir);
    return { stacks, files: await renderFiles(stacks) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** A stack's main.tf without the generated header. */
export function hcl(files: FileTree, stackId: string): string {
  const text = files.get(`${stackId}/main.tf`);
  if (text === undefined) throw new Error(`no ${stackId}/main.tf among ${[...files.keys()].join(", ")}`);
  return text.replace(`${TF_HEADER}\n\n`, "");
}
