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
  return (app) => {
    const stacks = buildStacks(app, loadSettings(readContext(projectRoot)));
    return [stacks.zone, stacks.app];
  };
}
