/**
 * The project's own stacks, built exactly as `main.ts` builds them for
 * `cdktf synth` and `cdktf deploy`: the same settings reader, the same
 * settings validation, the same stack builder.
 */
import { prepareCdktfContextEnv } from "../../config/context";
import { loadProjectSettings } from "../../config/project";
import { buildStacks } from "../../stacks/build";
import type { StackBuilder } from "./synthesize";

/** A builder for every stack of the app in apply order (stackEntries), reading settings from `projectRoot`. */
export function projectStacks(projectRoot: string, report?: (line: string) => void): StackBuilder {
  // Settings are read and validated now, before the caller creates an App: cdktf's App parses
  // CDKTF_CONTEXT_JSON itself and would report a malformed value without naming it.
  prepareCdktfContextEnv();
  const settings = loadProjectSettings(projectRoot, process.env, report);
  return (app) => {
    return buildStacks(app, settings).all;
  };
}
