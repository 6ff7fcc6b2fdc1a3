/**
 * The settings of the project in `root`, the way every entry point loads them: cdktf.json's
 * context with DNSSEC_CDKTF_CONTEXT merged on top (see config/context.ts), reported on stderr,
 * validated, and any error naming the source of the bad value.
 */
import { readContextSources, type ContextSources } from "./context";
import { SettingsError } from "./errors";
import { loadSettings, type Settings } from "./settings";

/** Validates `sources`; a SettingsError's message then says where the offending setting came from. */
export function settingsFrom(sources: ContextSources): Settings {
  try {
    return loadSettings(sources.context);
  } catch (e) {
    if (!(e instanceof SettingsError)) throw e;
    throw new SettingsError(withSource(e.message, sources));
  }
}

/** Inserts "(from <source>)" after the first setting the message names. */
export function withSource(message: string, sources: ContextSources): string {
  const match = /[Ss]etting "([A-Za-z0-9]+)/.exec(message);
  if (match === null) return message;
  const source = sources.sources[match[1]!] ?? "the defaults";
  const end = message.indexOf('"', match.index + match[0].length);
  if (end < 0) return message;
  return `${message.slice(0, end + 1)} (from ${source})${message.slice(end + 1)}`;
}

/** The report lines for stderr: which settings came from the overlay, and any warning. */
export function sourceLines(sources: ContextSources): string[] {
  const lines = [...sources.warnings];
  if (sources.overlaid.length > 0) lines.push(`settings: ${sources.overlaid.join(", ")} from DNSSEC_CDKTF_CONTEXT`);
  return lines;
}

/** Reads, reports (through `report`, one line each) and validates the settings of the project in `root`. */
export function loadProjectSettings(root: string, env: NodeJS.ProcessEnv = process.env, report: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Settings {
  const sources = readContextSources(root, env);
  for (const line of sourceLines(sources)) report(line);
  return settingsFrom(sources);
}
