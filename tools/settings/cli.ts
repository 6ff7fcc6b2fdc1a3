/**
 * `npm run -s settings -- <key>`: prints one validated setting, defaults applied, the way the app
 * sees it (cdktf.json's context, DNSSEC_CDKTF_CONTEXT merged on top). Workflows use it, e.g. for the
 * domain to verify. Strings print as they are, anything else as JSON. `stacks` prints the stacks
 * in apply order as JSON, `stacks --matrix` the legs of the fleet's matrix (tools/settings/stacks.ts).
 * A bad setting: one line, exit 1; bad usage (no key, an unknown key, extra arguments): one line, exit 64.
 */
import { loadProjectSettings } from "../../config/project";
import { projectRoot } from "../../config/root";
import { SettingsError } from "../../config/errors";
import { SETTING_KEYS, type Settings } from "../../config/settings";
import { closest } from "../../modules/rules";
import { CliUsageError, runCli, wantsHelp } from "../shared/cli";
import { fleetLegs, MATRIX_LIMIT, stackLines } from "./stacks";

const PROJECT_ROOT = projectRoot(__dirname);

export const USAGE = [
  "usage: npm run -s settings -- <setting>",
  "       npm run -s settings -- stacks [--matrix]",
  "  prints one setting as the app sees it: cdktf.json's context, DNSSEC_CDKTF_CONTEXT (a JSON object) merged on top,",
  "  validated, defaults applied; strings as they are, anything else as JSON",
  "  stacks            every stack in apply order, as a JSON list of {id, kind, domain, dnssec, dependsOn}",
  `  stacks --matrix   the legs of the workflows' fleet matrix, as a JSON list of {key, stacks}: one fleet zone stack a leg,`,
  `                    or equal batches when the fleet has more than ${MATRIX_LIMIT} stacks (GitHub's matrix limit); [] without a fleet`,
  "  -h, --help   show this help",
  `settings: ${SETTING_KEYS.join(", ")}`,
  "Exit codes: 0 ok, 1 a bad setting, 64 bad usage.",
].join("\n");

/** The printed value of `name`, or an error message. */
export function showSetting(settings: Settings, name: string | undefined): { ok: true; text: string } | { ok: false; message: string } {
  if (name === undefined || !(SETTING_KEYS as readonly string[]).includes(name)) {
    const hint = name === undefined ? undefined : closest(name, SETTING_KEYS);
    return {
      ok: false,
      message: `give one setting name, such as domainName${name === undefined ? "" : `; "${name}" is not one${hint ? ` (did you mean "${hint}"?)` : ""}`}.`,
    };
  }
  const value = settings[name as keyof Settings];
  return { ok: true, text: typeof value === "string" ? value : JSON.stringify(value ?? null) };
}

function main(argv: readonly string[]): number {
  if (wantsHelp(argv)) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (argv[0] === "stacks") return printStacks(argv.slice(1));
  if (argv.length > 1) throw new CliUsageError(`give one setting name, got ${argv.length} arguments: ${argv.join(" ")}`);
  if (argv[0]?.startsWith("-")) throw new CliUsageError(`unknown option ${JSON.stringify(argv[0])}`);
  const result = showSetting(loadProjectSettings(PROJECT_ROOT), argv[0]);
  if (!result.ok) throw new CliUsageError(result.message.replace(/\.$/, ""));
  process.stdout.write(`${result.text}\n`);
  return 0;
}

function printStacks(options: readonly string[]): number {
  const unknown = options.find((o) => o !== "--matrix");
  if (unknown !== undefined || options.length > 1) {
    throw new CliUsageError(`stacks takes only --matrix, got: ${options.join(" ")}`);
  }
  const settings = loadProjectSettings(PROJECT_ROOT);
  const value = options.length === 1 ? fleetLegs(settings) : stackLines(settings);
  // One line: the workflows write it to $GITHUB_OUTPUT as `legs=<json>`.
  process.stdout.write(`${JSON.stringify(value)}\n`);
  return 0;
}

if (require.main === module) {
  runCli("settings", () => main(process.argv.slice(2)), { isUserError: (e) => e instanceof SettingsError, helpCommand: "npm run settings -- --help" });
}
