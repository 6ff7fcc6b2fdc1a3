/**
 * `npm run terraform-check [-- --dir <folder> ... [--context <file>] | --only <config,...>] [--keep] [--probe]`: real Terraform and
 * the mirrored hashicorp/aws provider judge every configuration of the matrix (default), or the
 * folders given, each a folder of stack folders such as terraform/.
 * Exit codes: 0 all passed (or skipped off CI), 1 a check failed, 2 bad usage or a missing toolchain on CI.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { readContext } from "../../config/context";
import { findToolchain, missingToolchainFails, terraformEnv } from "./environment";
import { MATRIX, TRANSITIONS } from "./matrix";
import { pool } from "./process";
import { check, type ConfigDir } from "./run";
import { synthesizeInto } from "./synth-config";

const PROJECT_ROOT = resolve(__dirname, "..", "..");

export const USAGE = "usage: npm run terraform-check [-- --dir <folder-of-stack-folders> ... [--context <context.json>] | --only <config,...>] [--keep] [--probe]";

export interface CliArgs {
  readonly dirs: readonly string[];
  readonly context?: string;
  /** Matrix configurations to run (and the transitions between them); all when empty. */
  readonly only: readonly string[];
  readonly keep: boolean;
  /** Only look for Terraform and the mirror, say what was found, and exit. */
  readonly probe: boolean;
  readonly help: boolean;
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const dirs: string[] = [];
  let context: string | undefined;
  const only: string[] = [];
  let keep = false;
  let probe = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${arg} needs a value. ${USAGE}`);
      return v;
    };
    if (arg === "--dir") dirs.push(value());
    else if (arg === "--context") context = value();
    else if (arg === "--only") only.push(...value().split(","));
    else if (arg === "--keep") keep = true;
    else if (arg === "--probe") probe = true;
    else if (arg === "--help" || arg === "-h") help = true;
    else throw new Error(`unknown argument ${JSON.stringify(arg)}. ${USAGE}`);
  }
  const unknown = only.filter((name) => !MATRIX.some((m) => m.name === name));
  if (unknown.length > 0) throw new Error(`--only ${unknown.join(",")}: no such configuration; the matrix has ${MATRIX.map((m) => m.name).join(", ")}.`);
  return { dirs, context, only, keep, probe, help };
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, write: (line: string) => void): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) {
    write(USAGE);
    return 0;
  }
  const lookup = findToolchain(env);
  if (!lookup.ok) {
    write(lookup.line);
    return missingToolchainFails(env) ? 2 : 0;
  }
  if (args.probe) {
    const t = lookup.toolchain;
    write(`terraform-check: Terraform ${t.terraformVersion}, hashicorp/aws ${t.providerVersion} from ${t.pluginDir}`);
    return 0;
  }
  const scratch = mkdtempSync(join(tmpdir(), "terraform-check-"));
  try {
    const started = Date.now();
    let configs: ConfigDir[];
    if (args.dirs.length > 0) {
      configs = args.dirs.map((d) => ({ name: basename(resolve(d)), dir: resolve(d) }));
    } else {
      // Each configuration into its own fresh, empty folder.
      const matrix = MATRIX.filter((m) => args.only.length === 0 || args.only.includes(m.name));
      configs = matrix.map((m) => ({ name: m.name, dir: join(scratch, "configs", m.name) }));
      await pool(matrix.map((m, i) => () => synthesizeInto(configs[i].dir, m.context)), 1);
      write(`terraform-check: synthesized ${configs.length} configurations in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const defaultContext = args.context ? (JSON.parse(readFileSync(resolve(args.context), "utf8")) as Record<string, unknown>) : readContext(PROJECT_ROOT);
    const report = await check({
      configs,
      transitions: args.dirs.length > 0 ? [] : TRANSITIONS.filter((t) => configs.some((c) => c.name === t.from) && configs.some((c) => c.name === t.to)),
      toolchain: lookup.toolchain,
      env: terraformEnv(scratch, lookup.toolchain.pluginDir, env),
      scratch,
      defaultContext,
      log: write,
    });
    for (const r of report.results) {
      write(`${r.ok ? "ok  " : "FAIL"} ${r.step.padEnd(10)} ${r.subject}`);
      for (const line of r.lines) write(`       ${line}`);
    }
    const failed = report.results.filter((r) => !r.ok).length;
    write(
      `terraform-check: ${report.results.length - failed} passed, ${failed} failed, Terraform ${lookup.toolchain.terraformVersion}, ` +
        `hashicorp/aws ${lookup.toolchain.providerVersion}, wall time ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    if (args.keep) write(`terraform-check: scratch kept in ${scratch}`);
    return report.ok ? 0 : 1;
  } finally {
    if (!args.keep) rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`terraform-check: error: ${(error instanceof Error ? error.message : String(error)).split("\n")[0]}\n`);
      process.exitCode = 2;
    },
  );
}
