import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SettingsError } from "./errors";

/**
 * The environment variable through which the cdktf CLI hands `cdktf.json`'s context to the app.
 * It is cdktf's channel, not a source of settings of ours: the CLI overwrites it with cdktf.json's
 * context whenever that has one, so reading cdktf.json directly gives every entry point the same values.
 */
export const CONTEXT_ENV = "CDKTF_CONTEXT_JSON";

/** Our own overlay: a JSON object whose keys replace cdktf.json's, one by one, in every entry point. */
export const OVERLAY_ENV = "DNSSEC_CDKTF_CONTEXT";

/** Where a setting's value came from. */
export type SettingSource = "cdktf.json" | typeof OVERLAY_ENV;

/** The merged context, and for each key the source of its value. */
export interface ContextSources {
  readonly context: Record<string, unknown>;
  readonly sources: Readonly<Record<string, SettingSource>>;
  /** The keys taken from the overlay, in its order. */
  readonly overlaid: readonly string[];
  /** Notes for stderr (for example an ignored CDKTF_CONTEXT_JSON). */
  readonly warnings: readonly string[];
}

/**
 * The one rule of every entry point (`npm run synth`, `npm run settings`, `cdktf synth`/`deploy`):
 * the settings are the `context` of `<root>/cdktf.json`, with `DNSSEC_CDKTF_CONTEXT` merged on top,
 * key by key, when it is set.
 */
export function readContextSources(root: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): ContextSources {
  const base = readCdktfJsonContext(root);
  const warnings: string[] = [];
  const overlayText = env[OVERLAY_ENV];
  const overlay = overlayText === undefined || overlayText.trim() === "" ? {} : parseObject(overlayText, `the ${OVERLAY_ENV} environment variable`);
  const context = { ...base, ...overlay };
  const sources: Record<string, SettingSource> = {};
  for (const k of Object.keys(base)) sources[k] = "cdktf.json";
  for (const k of Object.keys(overlay)) sources[k] = OVERLAY_ENV;
  const ignored = ignoredCdktfContext(env[CONTEXT_ENV], base);
  if (ignored !== undefined) warnings.push(ignored);
  return { context, sources, overlaid: Object.keys(overlay), warnings };
}

/** The merged context only (see readContextSources). */
export function readContext(root: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  return readContextSources(root, env).context;
}

/** The context of `<root>/cdktf.json`. */
export function readCdktfJsonContext(root: string): Record<string, unknown> {
  const file = join(root, "cdktf.json");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new SettingsError(`cdktf.json was not found: looked for ${file}, the project's settings file next to package.json; restore it (for example git checkout cdktf.json).`);
    }
    throw new SettingsError(`cdktf.json could not be read: ${file} gave ${code ?? (e as Error).message}; make it a readable file.`);
  }
  const config = parseObject(text, "cdktf.json");
  const context = config.context ?? {};
  if (!isPlainObject(context)) {
    throw new SettingsError(`cdktf.json "context" must be an object of settings, got: ${JSON.stringify(context)}.`);
  }
  return context;
}

/** Keys that the cdktf CLI adds to CDKTF_CONTEXT_JSON itself; they are not settings. */
const CLI_KEYS = ["cdktfRelativeModules", "cdktfStaticModuleAssetHash", "cdktfJsonPath", "cdktfVersion"];

/** A warning when CDKTF_CONTEXT_JSON says something else than cdktf.json (it is never read for settings). */
function ignoredCdktfContext(text: string | undefined, base: Record<string, unknown>): string | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (isPlainObject(parsed)) {
    const own = Object.fromEntries(Object.entries(parsed).filter(([k]) => !CLI_KEYS.includes(k)));
    if (stableJson(own) === stableJson(base)) return undefined;
  }
  return `settings: warning: ${CONTEXT_ENV} differs from cdktf.json's context and is ignored (the cdktf CLI sets it from cdktf.json); put settings in cdktf.json, or overrides in ${OVERLAY_ENV}.`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * cdktf's App parses CDKTF_CONTEXT_JSON itself when it is created, and reports a malformed value
 * without naming it ("Unexpected end of JSON input" for a blank one). Call before creating an App:
 * a blank value is dropped (it means "not set"); a malformed one is refused with its name.
 */
export function prepareCdktfContextEnv(env: NodeJS.ProcessEnv = process.env): void {
  const text = env[CONTEXT_ENV];
  if (text === undefined) return;
  if (text.trim() === "") {
    delete env[CONTEXT_ENV];
    return;
  }
  parseObject(text, `the ${CONTEXT_ENV} environment variable (cdktf's own channel, not read for settings: unset it)`);
}

function parseObject(text: string, where: string): Record<string, unknown> {
  if (text.startsWith("\uFEFF")) {
    throw new SettingsError(`${where} starts with a UTF-8 byte-order mark, which JSON does not allow; save it as UTF-8 without BOM.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    // Node's reason quotes the text around the error, line breaks included: keep it on one line.
    const reason = (e as Error).message.replace(/\s*\n\s*/g, " ").trim();
    throw new SettingsError(`${where} is not valid JSON (${reason}); fix the syntax.`);
  }
  if (!isPlainObject(parsed)) {
    throw new SettingsError(`${where} must hold a JSON object, got: ${JSON.stringify(parsed)}.`);
  }
  return parsed;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
