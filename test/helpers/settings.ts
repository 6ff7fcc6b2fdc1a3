import { expect } from "vitest";
import { SettingsError } from "../../config/errors";
import { loadSettings } from "../../config/settings";

/** The one-line message loadSettings raises for this context; fails the test when it accepts it. */
export function settingsProblem(context: Record<string, unknown>): string {
  try {
    loadSettings(context);
  } catch (e) {
    expect(e).toBeInstanceOf(SettingsError);
    expect((e as Error).message).not.toContain("\n");
    return (e as Error).message;
  }
  throw new Error("expected loadSettings to refuse the context");
}
