/**
 * Finding real Terraform and the mirrored hashicorp/aws provider, once, and the
 * environment every child process gets: our own CLI configuration (the machine's
 * TF_CLI_CONFIG_FILE may point at a missing file) and no checkpoint calls.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Where the provider mirror is looked for unless TERRAFORM_CHECK_PLUGIN_DIR says otherwise. */
export const DEFAULT_PLUGIN_DIR = "/opt/tf-plugins";
/** The setting that points the harness at another mirror. */
export const PLUGIN_DIR_SETTING = "TERRAFORM_CHECK_PLUGIN_DIR";
/** The only provider the configuration may use. */
export const AWS_PROVIDER = "registry.terraform.io/hashicorp/aws";

/** Real Terraform and the mirror, ready to use. */
export interface Toolchain {
  readonly terraform: string;
  readonly terraformVersion: string;
  readonly pluginDir: string;
  /** The newest hashicorp/aws version the mirror holds for this platform. */
  readonly providerVersion: string;
}

/** Found, or the reason in one line: "skipped: ..." on a laptop, "failed: ..." on CI. */
export type ToolchainLookup = { readonly ok: true; readonly toolchain: Toolchain } | { readonly ok: false; readonly line: string };

/** The one line for a missing toolchain. */
export function missingLine(reason: string, env: NodeJS.ProcessEnv): string {
  return missingToolchainFails(env)
    ? `terraform-check: failed: ${reason} On CI (CI=true) this check may not be skipped.`
    : `terraform-check: skipped: ${reason}`;
}

function platform(): string {
  const arch = process.arch === "x64" ? "amd64" : process.arch === "arm64" ? "arm64" : process.arch;
  return `${process.platform}_${arch}`;
}

/** Compares dotted versions numerically (5.100.0 > 5.99.1). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The hashicorp/aws versions the mirror at `pluginDir` holds for this platform, newest first. */
export function mirroredVersions(pluginDir: string): string[] {
  const base = join(pluginDir, AWS_PROVIDER);
  if (!existsSync(base)) return [];
  return readdirSync(base)
    .filter((version) => {
      const dir = join(base, version, platform());
      return existsSync(dir) && readdirSync(dir).some((f) => f.startsWith("terraform-provider-aws_"));
    })
    .sort(compareVersions)
    .reverse();
}

/** Finds Terraform on the PATH and the provider mirror; says in one line what is missing. */
export function findToolchain(env: NodeJS.ProcessEnv = process.env): ToolchainLookup {
  const pluginDir = env[PLUGIN_DIR_SETTING] || DEFAULT_PLUGIN_DIR;
  const probe = spawnSync("terraform", ["version", "-json"], { encoding: "utf8", env: { ...env, CHECKPOINT_DISABLE: "1" } });
  if (probe.error || probe.status !== 0) {
    return { ok: false, line: missingLine("Terraform is not on the PATH (install Terraform >= 1.9).", env) };
  }
  const terraformVersion = (JSON.parse(probe.stdout) as { terraform_version: string }).terraform_version;
  const versions = mirroredVersions(pluginDir);
  if (versions.length === 0) {
    return {
      ok: false,
      line: missingLine(
        `no hashicorp/aws provider for ${platform()} under ${pluginDir}/${AWS_PROVIDER} (set ${PLUGIN_DIR_SETTING} to a filesystem mirror holding it).`,
        env,
      ),
    };
  }
  return { ok: true, toolchain: { terraform: "terraform", terraformVersion, pluginDir, providerVersion: versions[0] } };
}

/** Whether a missing toolchain fails the run instead of skipping it: always on CI. */
export function missingToolchainFails(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI === "true" || env.CI === "1";
}

/** The CLI configuration: aws only from the mirror, nothing from the network, one shared plugin cache. */
export function cliConfig(pluginDir: string, pluginCacheDir: string): string {
  return [
    "provider_installation {",
    "  filesystem_mirror {",
    `    path    = ${JSON.stringify(pluginDir)}`,
    `    include = [${JSON.stringify(AWS_PROVIDER)}]`,
    "  }",
    "}",
    // The cache makes every init after the first a symlink instead of a 700 MB copy.
    `plugin_cache_dir = ${JSON.stringify(pluginCacheDir)}`,
    "",
  ].join("\n");
}

/** Writes the CLI configuration into `scratch` and returns the environment for Terraform child processes. */
export function terraformEnv(scratch: string, pluginDir: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const cache = join(scratch, "plugin-cache");
  mkdirSync(cache, { recursive: true });
  const file = join(scratch, "terraform.tfrc");
  writeFileSync(file, cliConfig(pluginDir, cache));
  const env: NodeJS.ProcessEnv = { ...base, TF_CLI_CONFIG_FILE: file, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_INPUT: "0" };
  // Nothing from the caller may redirect Terraform's state, data or logs.
  for (const name of ["TF_DATA_DIR", "TF_WORKSPACE", "TF_LOG", "TF_CLI_ARGS", "TF_PLUGIN_CACHE_DIR"]) delete env[name];
  for (const name of Object.keys(env)) if (name.startsWith("TF_CLI_ARGS_") || name.startsWith("TF_VAR_")) delete env[name];
  return env;
}
