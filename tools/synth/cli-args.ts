/**
 * Command-line options of `npm run synth`.
 */
import { CliUsageError } from "../shared/cli";

/** What the user asked for. */
export interface SynthOptions {
  /** Compare a fresh synth with the committed folder instead of writing it. */
  readonly check: boolean;
  /** The committed HCL folder, relative to the project root. */
  readonly hclDir: string;
  /** Where the JSON synth goes (what `cdktf deploy` reads), relative to the project root. */
  readonly jsonDir: string;
  /**
   * The base commit's HCL folder (materialized from git by the workflows: a pull request's base, or
   * on main the last commit applied), which removals are judged against besides the working tree:
   * deleting a folder in the change must not hide it.
   */
  readonly baseHclDir: string | undefined;
  readonly help: boolean;
}

/** Thrown for an unknown or incomplete option; the message is for the user. */
export class UsageError extends CliUsageError {}

export const USAGE = [
  "usage: npm run synth [-- --check] [--hcl-dir terraform] [--json-dir cdktf.out]",
  "  (no option)  synthesize the JSON into cdktf.out/ and write the HCL of every stack into terraform/<stack>/main.tf",
  "  --check      synthesize into a temporary folder and fail when terraform/ differs (for CI); writes nothing",
  "  --hcl-dir D  the folder of the committed HCL (default terraform); synth replaces only files it generated",
  "  --json-dir D the folder of the JSON synth that cdktf deploy reads (default cdktf.out)",
  "  --base D     also judge removed stacks against D, a base commit's terraform/ (CI): a signed zone whose folder is there may not go",
  "  -h, --help   show this help",
  "Settings: cdktf.json's context, with DNSSEC_CDKTF_CONTEXT (a JSON object) merged on top. Exit codes: 0 ok, 1 a bad setting or drift, 64 bad usage.",
].join("\n");

/** Parses `argv` (without node and the script). */
export function parseArgs(argv: readonly string[]): SynthOptions {
  let check = false;
  let help = false;
  let hclDir = "terraform";
  let jsonDir = "cdktf.out";
  let baseHclDir: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    const value = (): string => {
      const next = argv[index + 1];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`${arg} needs a folder, e.g. ${arg} terraform`);
      index += 1;
      return next;
    };
    if (arg === "--check") check = true;
    else if (arg === "--help" || arg === "-h") help = true;
    else if (arg === "--hcl-dir") hclDir = value();
    else if (arg === "--json-dir") jsonDir = value();
    else if (arg === "--base") baseHclDir = value();
    else throw new UsageError(`unknown option ${JSON.stringify(arg)}; run npm run synth -- --help`);
  }
  return { check, help, hclDir, jsonDir, baseHclDir };
}
