/**
 * What the command-line tools (synth, settings, plan-comment, verify) share: the exit code of bad
 * usage, the `<name>: error:` and `<name>: warning:` lines on stderr (never stdout), one line per
 * message, and NO_COLOR. Kept tiny and free of dependencies so that `--help` starts fast.
 */

/**
 * Exit code of bad usage, the same in every tool (sysexits' EX_USAGE). It is not 2 because
 * verify's 1-4 are verdicts (2 = bogus).
 */
export const EXIT_USAGE = 64;

/** An unknown option, a missing value or a wrong number of arguments; the message is for the user. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliUsageError";
  }
}

/** The whole message on one line (a JSON.parse reason quotes text with its line breaks). */
export function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, " ").trim();
}

function messageOf(error: unknown): string {
  return oneLine(error instanceof Error ? error.message : String(error));
}

/** `<name>: error: <message>` as one line with its newline. */
export function errorLine(name: string, error: unknown): string {
  return `${name}: error: ${messageOf(error)}\n`;
}

/** `<name>: warning: <message>` as one line with its newline (warnings go to stderr). */
export function warningLine(name: string, message: string): string {
  return `${name}: warning: ${oneLine(message)}\n`;
}

/** Colour only on a terminal and never when NO_COLOR is set to anything but "" (https://no-color.org). */
export function colourEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === "");
}

/** Whether argv asks for help. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes("--help") || argv.includes("-h");
}

/**
 * Runs a tool's main and sets the exit code: bad usage prints the error and a pointer to --help
 * and exits EXIT_USAGE; `isUserError` errors print one line and exit `userErrorCode`; anything
 * else is a bug of ours: one line too, with the stack only when `<NAME>_DEBUG`/SYNTH_DEBUG is 1.
 */
export function runCli(
  name: string,
  main: () => number | Promise<number>,
  options: { readonly isUserError?: (error: unknown) => boolean; readonly userErrorCode?: number; readonly helpCommand?: string } = {},
): void {
  const fail = (error: unknown): void => {
    if (error instanceof CliUsageError) {
      process.stderr.write(errorLine(name, `${messageOf(error)}${options.helpCommand ? `; run ${options.helpCommand}` : ""}`));
      process.exitCode = EXIT_USAGE;
      return;
    }
    process.stderr.write(errorLine(name, error));
    if (!(options.isUserError?.(error) ?? false) && error instanceof Error && process.env.SYNTH_DEBUG === "1") process.stderr.write(`${error.stack}\n`);
    process.exitCode = options.userErrorCode ?? 1;
  };
  try {
    Promise.resolve(main()).then((code) => {
      process.exitCode = code;
    }, fail);
  } catch (error) {
    fail(error);
  }
}
