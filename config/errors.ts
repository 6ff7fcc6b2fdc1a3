/**
 * A mistake in the user's settings. Its message is one sentence for the user (setting, value, rule
 * and fix); entry points print it without a stack trace and exit non-zero.
 */
export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SettingsError";
  }
}
