import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SettingsError } from "./errors";

/** The environment variable through which the cdktf CLI hands `cdktf.json`'s context to the app. */
export const CONTEXT_ENV = "CDKTF_CONTEXT_JSON";

/**
 * Reads the app's settings the way every entry point must: `CDKTF_CONTEXT_JSON` when it is set
 * (that is what `cdktf synth`/`cdktf deploy` pass), otherwise the `context` object of `cdktf.json`.
 * One reader means `npm run synth`, `cdktf synth` and the tests all see the same values.
 */
export function readContext(cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  const fromEnv = env[CONTEXT_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== "") {
    return parseObject(fromEnv, `the ${CONTEXT_ENV} environment variable`);
  }
  const file = join(cwd, "cdktf.json");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new SettingsError(`cdktf.json was not found in ${cwd}; run the command from the project root.`);
  }
  const config = parseObject(text, "cdktf.json");
  const context = config.context ?? {};
  if (!isPlainObject(context)) {
    throw new SettingsError(`cdktf.json "context" must be an object of settings, got: ${JSON.stringify(context)}.`);
  }
  return context;
}

function parseObject(text: string, where: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new SettingsError(`${where} is not valid JSON (${(e as Error).message}); fix the syntax.`);
  }
  if (!isPlainObject(parsed)) {
    throw new SettingsError(`${where} must hold a JSON object, got: ${JSON.stringify(parsed)}.`);
  }
  return parsed;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
