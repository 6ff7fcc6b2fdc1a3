import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { loadSettings } from "../../config/settings";
import { buildStacks } from "../../stacks/build";

/** A synthesized Terraform JSON document. */
export type TfJson = {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown; description?: string; sensitive?: boolean }>;
  provider?: Record<string, Record<string, unknown>[]>;
  terraform?: Record<string, unknown>;
} & Record<string, unknown>;

/** Synthesizes the whole app with the given context (defaults otherwise) and returns each stack's JSON. */
export function synthApp(context: Record<string, unknown> = {}): { zone: TfJson; app: TfJson } {
  const outdir = mkdtempSync(join(tmpdir(), "dnssec-cdktf-test-"));
  try {
    const app = new App({ outdir });
    buildStacks(app, loadSettings(context));
    app.synth();
    const read = (id: string) => JSON.parse(readFileSync(join(outdir, "stacks", id, "cdk.tf.json"), "utf8")) as TfJson;
    return { zone: read("zone"), app: read("app") };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** A bare stack with a default provider and an aliased us-east-1 provider, for module tests. */
export function moduleStack(region = "us-east-2"): { stack: TerraformStack; usEast1: AwsProvider; provider: AwsProvider } {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  const provider = new AwsProvider(stack, "aws", { region });
  const usEast1 = new AwsProvider(stack, "aws_us_east_1", { region: "us-east-1", alias: "us_east_1" });
  return { stack, usEast1, provider };
}

/** Synthesizes one stack in memory. */
export function synthStack(stack: TerraformStack): TfJson {
  return JSON.parse(Testing.synth(stack)) as TfJson;
}

/** All resources of a type, by name. */
export function resources(doc: TfJson, type: string): Record<string, Record<string, unknown>> {
  return doc.resource?.[type] ?? {};
}

/** The only resource of a type; fails when there are none or several. */
export function only(doc: TfJson, type: string): Record<string, unknown> {
  const all = Object.values(resources(doc, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/** All data sources of a type, by name. */
export function dataSources(doc: TfJson, type: string): Record<string, Record<string, unknown>> {
  return doc.data?.[type] ?? {};
}
