/**
 * `npm run -s settings -- <key>`: prints one validated setting, defaults applied, the way the app
 * sees it (cdktf.json's context, DNSSEC_CDKTF_CONTEXT merged on top). Workflows use it, e.g. for the domain to verify.
 * Strings print as they are, anything else as JSON. Bad settings or keys: one line, exit 1.
 */
import { SettingsError } from "../../config/errors";
import { loadProjectSettings } from "../../config/project";
import { projectRoot } from "../../config/root";
import { SETTING_KEYS, type Settings } from "../../config/settings";
import { closest } from "../../modules/rules";

const PROJECT_ROOT = projectRoot(__dirname);

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

if (require.main === module) {
  try {
    const result = showSetting(loadProjectSettings(PROJECT_ROOT), process.argv[2]);
    if (result.ok) process.stdout.write(`${result.text}\n`);
    else {
      process.stderr.write(`settings: ${result.message}\n`);
      process.exitCode = 1;
    }
  } catch (e) {
    if (!(e instanceof SettingsError)) throw e;
    process.stderr.write(`settings: error: ${e.message}\n`);
    process.exitCode = 1;
  }
}
