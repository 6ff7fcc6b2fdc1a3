/**
 * `node tools/run.js tools/readme/settings-table.ts [--check]`: writes the README's configuration
 * table from the settings' declaration (config/settings.ts), between the settings-table markers;
 * `--check` only says whether it is current (exit 1 when stale). test/config/declare.test.ts
 * fails on a stale README too, so the table cannot drift from the declaration.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../config/root";
import { settingsTableMarkdown } from "../../config/settings";
import { CliUsageError, runCli, wantsHelp } from "../shared/cli";

export const START = "<!-- settings-table:start -->";
export const END = "<!-- settings-table:end -->";

export const USAGE = [
  "usage: node tools/run.js tools/readme/settings-table.ts [--check]",
  "  writes README.md's configuration table from the settings' declaration (config/settings.ts)",
  "  --check      only check that the table is current (exit 1 when it is stale)",
  "  -h, --help   show this help",
].join("\n");

/** `readme` with the text between the markers replaced by `table`; throws when the markers are not there once each, in order. */
export function withSettingsTable(readme: string, table: string = settingsTableMarkdown()): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start || readme.indexOf(START, start + 1) >= 0 || readme.indexOf(END, end + 1) >= 0) {
    throw new Error(`README.md must hold ${START} and then ${END}, once each, around the configuration table; put them back around the table.`);
  }
  return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
}

function main(argv: readonly string[]): number {
  if (wantsHelp(argv)) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const unknown = argv.find((a) => a !== "--check");
  if (unknown !== undefined) throw new CliUsageError(`unknown argument ${JSON.stringify(unknown)}`);
  const file = join(projectRoot(__dirname), "README.md");
  const readme = readFileSync(file, "utf8");
  const current = withSettingsTable(readme);
  if (current === readme) {
    process.stdout.write("settings-table: README.md's configuration table is up to date\n");
    return 0;
  }
  if (argv.includes("--check")) {
    process.stderr.write("settings-table: error: README.md's configuration table differs from the settings' declaration; run node tools/run.js tools/readme/settings-table.ts\n");
    return 1;
  }
  writeFileSync(file, current);
  process.stdout.write("settings-table: wrote README.md's configuration table\n");
  return 0;
}

if (require.main === module) {
  runCli("settings-table", () => main(process.argv.slice(2)), { helpCommand: "node tools/run.js tools/readme/settings-table.ts --help" });
}
