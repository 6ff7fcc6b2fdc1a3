/**
 * The project's own stacks, built exactly as `main.ts` builds them for
 * `cdktf synth` and `cdktf deploy`: the same context reader, the same
 * settings validation, the same stack builder.
 */
import { readContext } from "../../config/context";
import { loadSettings } from "../../config/settings";
import { buildStacks } from "../../stacks/build";
import type { StackBuilder } from "./synthesize";

/** A builder for the app's stacks in apply order (zone first), reading settings from `projectRoot`. */
export function projectStacks(projectRoot: string): StackBuilder {
  // Settings are read and validated now, before the caller creates an App: cdktf's App parses
  // CDKTF_CONTEXT_JSON itself and would report a malformed value without naming it.
  const settings = loadSettings(readContext(projectRoot));
  return (app) => {
    const stacks = buildStacks(app, settings);
    return [stacks.zone, stacks.app];
  };
}
