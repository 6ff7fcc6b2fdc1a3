/**
 * Command-line options of `npm run synth`.
 */

/** What the user asked for. */
export interface SynthOptions {
  /** Compare a fresh synth with the committed folder instead of writing it. */
  readonly check: boolean;
  /** The committed HCL folder, relative to the project root. */
  readonly hclDir: string;
  /** Where the JSON synth goes (what `cdktf deploy` reads), relative to the project root. */
  readonly jsonDir: string;
  readonly help: boolean;
}

/** Thrown for an unknown or incomplete option; the message is for the user. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const USAGE = [
  "usage: npm run synth [-- --check] [--hcl-dir terraform] [--json-dir cdktf.out]",
  "  (no option)  synthesize the JSON into cdktf.out/ and write the HCL of every stack into terraform/<stack>/main.tf",
  "  --check      synthesize into a temporary folder and fail when terraform/ differs (for CI); writes nothing",
].join("\n");

/** Parses `argv` (without node and the script). */
export function parseArgs(argv: readonly string[]): SynthOptions {
  let check = false;
  let help = false;
  let hclDir = "terraform";
  let jsonDir = "cdktf.out";
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
    else throw new UsageError(`unknown option ${JSON.stringify(arg)}; run npm run synth -- --help`);
  }
  return { check, help, hclDir, jsonDir };
}
