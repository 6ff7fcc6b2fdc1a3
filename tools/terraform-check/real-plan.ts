/**
 * A real `terraform plan` of the app stack, made by Terraform and the real provider: the provider
 * talks to the local endpoint (aws-endpoint.ts) instead of AWS, the state is local and the zone
 * stack's outputs come from a local zone state. All of it lives in `*_override.tf` files of a
 * scratch copy; the stack's own files are untouched except for the provider version pin.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Toolchain } from "./environment";
import { NAME_SERVERS, ZONE_ID } from "./facts";
import { run } from "./process";
import { pinProviderVersion } from "./provider-version";
import { stackModel } from "./stack-model";

/** Services whose endpoint points at 127.0.0.1, so no call can leave the machine. */
const SERVICES = ["acm", "cloudwatch", "ec2", "elbv2", "iam", "kms", "logs", "route53", "route53domains", "route53resolver", "s3", "sns", "sts", "wafv2"];

function providerOverride(endpoint: string, aliases: readonly (string | undefined)[]): string {
  return aliases
    .map((alias) =>
      [
        `provider "aws" {`,
        ...(alias ? [`  alias                       = "${alias}"`] : []),
        // Static fake credentials, set only here; nothing checks them but our endpoint.
        `  access_key                  = "AKIDTERRAFORMCHECK00"`,
        `  secret_key                  = "terraform-check-not-a-secret"`,
        `  skip_credentials_validation = true`,
        `  skip_requesting_account_id  = true`,
        `  skip_metadata_api_check     = true`,
        `  endpoints {`,
        ...SERVICES.map((s) => `    ${s} = "${endpoint}"`),
        `  }`,
        `}`,
      ].join("\n"),
    )
    .join("\n\n");
}

/** A Terraform state (format 4) holding only outputs, as the zone stack leaves them. */
export function zoneState(outputs: readonly string[]): string {
  const values: Record<string, { value: unknown; type: unknown; sensitive: boolean }> = {};
  for (const key of outputs) {
    values[key] = key.endsWith("name_servers")
      ? { value: NAME_SERVERS, type: ["list", "string"], sensitive: true }
      : { value: key.endsWith("zone_id") ? ZONE_ID : `terraform-check-${key}`, type: "string", sensitive: true };
  }
  return `${JSON.stringify({ version: 4, terraform_version: "1.11.4", serial: 1, lineage: "00000000-0000-4000-8000-00000000000a", outputs: values, resources: [], check_results: null }, null, 2)}\n`;
}

export interface RealPlanOptions {
  /** The synthesized app stack folder. */
  readonly stackDir: string;
  readonly scratch: string;
  readonly toolchain: Toolchain;
  readonly env: NodeJS.ProcessEnv;
  readonly endpoint: string;
}

export interface RealPlan {
  readonly ok: boolean;
  /** The `terraform show -json` file, when the plan succeeded. */
  readonly planJson?: string;
  readonly lines: readonly string[];
}

/** Plans the app stack for real and writes `terraform show -json` of the plan. */
export async function realPlan(options: RealPlanOptions): Promise<RealPlan> {
  const dir = join(options.scratch, "real-plan", "app");
  mkdirSync(dir, { recursive: true });
  const texts: string[] = [];
  for (const name of readdirSync(options.stackDir).filter((f) => f.endsWith(".tf"))) {
    let text = readFileSync(join(options.stackDir, name), "utf8");
    if (/required_providers/.test(text)) text = pinProviderVersion(text, options.toolchain.providerVersion, name).text;
    writeFileSync(join(dir, name), text);
    texts.push(text);
  }
  const model = stackModel(texts, options.stackDir);
  const aliases = [undefined, ...new Set(model.resources.concat(model.data).map((b) => b.alias).filter((a) => a !== undefined))];
  writeFileSync(join(dir, "provider_override.tf"), `${providerOverride(options.endpoint, aliases)}\n`);
  writeFileSync(join(dir, "backend_override.tf"), `terraform {\n  backend "local" {\n    path = "app.tfstate"\n  }\n}\n`);
  const remote: string[] = [];
  for (const [name, outputs] of model.remoteStateOutputs) {
    const file = join(options.scratch, "real-plan", `${name}.tfstate`);
    writeFileSync(file, zoneState(outputs));
    remote.push(`data "terraform_remote_state" "${name}" {`, `  backend = "local"`, `  config = {`, `    path = ${JSON.stringify(file)}`, `  }`, `}`);
  }
  writeFileSync(join(dir, "remote_state_override.tf"), `${remote.join("\n")}\n`);
  const seedLock = join(options.scratch, "seed", ".terraform.lock.hcl");
  try {
    copyFileSync(seedLock, join(dir, ".terraform.lock.hcl"));
  } catch {
    // No seeded lock file: init resolves the provider from the mirror itself.
  }
  // Nothing from the caller's AWS configuration may reach the provider.
  const env: NodeJS.ProcessEnv = { ...options.env, AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null", AWS_EC2_METADATA_DISABLED: "true", NO_PROXY: "127.0.0.1", no_proxy: "127.0.0.1" };
  for (const name of ["AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy"]) delete env[name];
  const tf = options.toolchain.terraform;
  for (const args of [
    ["init", "-input=false", "-no-color"],
    ["plan", "-input=false", "-no-color", "-lock=false", "-out=app.tfplan"],
  ]) {
    const exec = await run(tf, args, dir, env);
    if (exec.code !== 0) return { ok: false, lines: [`terraform ${args[0]} failed:`, ...`${exec.stdout}\n${exec.stderr}`.split("\n").filter((l) => l.trim())] };
  }
  const show = await run(tf, ["show", "-json", "app.tfplan"], dir, env);
  if (show.code !== 0) return { ok: false, lines: [`terraform show failed: ${show.stderr}`] };
  const planJson = join(dir, "app.plan.json");
  writeFileSync(planJson, show.stdout);
  return { ok: true, planJson, lines: [] };
}
