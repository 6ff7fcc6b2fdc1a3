/**
 * Runs the CDKTF app in-process: the JSON synth (`cdktf.out/stacks/<stack>/cdk.tf.json`,
 * what `cdktf deploy` applies) plus the schema shapes the HCL renderer needs.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { App, type TerraformStack } from "cdktf";
import { isJsonObject, type JsonObject } from "./json";
import { stackShapes, type StackShapes } from "./shape";

/** Builds the app's stacks into `app`, in the order they must be applied. */
export type StackBuilder = (app: App) => readonly TerraformStack[];

/** One synthesized stack. */
export interface SynthesizedStack {
  /** The stack id, also the name of its folder. */
  readonly name: string;
  /** The parsed `cdk.tf.json`. */
  readonly config: JsonObject;
  /** Block-or-attribute metadata for its resources, data sources and providers. */
  readonly shapes: StackShapes;
  /** Warnings the constructs raised at synth (e.g. the DNSSEC TTL pre-flight), as cdktf's CLI would print them. */
  readonly warnings: readonly string[];
}

interface Manifest {
  readonly stacks: Record<
    string,
    {
      readonly synthesizedStackPath: string;
      readonly annotations?: readonly { readonly level: string; readonly message: string }[];
    }
  >;
}

function readJsonObject(file: string): JsonObject {
  const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (!isJsonObject(parsed)) throw new Error(`${file} does not hold a JSON object`);
  return parsed;
}

/**
 * Synthesizes the app into `outdir` and returns each stack's JSON and shapes,
 * in the builder's order.
 */
export function synthesizeStacks(build: StackBuilder, outdir: string): SynthesizedStack[] {
  // hclOutput false: the JSON is the source of truth; we render HCL ourselves.
  const app = new App({ outdir, hclOutput: false });
  const stacks = build(app);
  app.synth();
  const manifest = readJsonObject(join(outdir, "manifest.json")) as unknown as Manifest;
  return stacks.map((stack) => {
    const entry = manifest.stacks[stack.node.id];
    if (!entry) throw new Error(`stack ${stack.node.id} is missing from ${outdir}/manifest.json`);
    return {
      name: stack.node.id,
      config: readJsonObject(join(outdir, entry.synthesizedStackPath)),
      shapes: stackShapes(stack),
      warnings: (entry.annotations ?? []).filter((a) => a.level === "@cdktf/warn").map((a) => a.message),
    };
  });
}
