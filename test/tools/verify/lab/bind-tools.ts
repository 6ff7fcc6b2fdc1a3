import { describe, it } from "vitest";
import { INSTALL_HINT, missingBindPrograms } from "./programs";

export { findProgram, INSTALL_HINT, missingBindPrograms, runBind } from "./programs";

/** What to do with the BIND suites: run them, fail them (CI without BIND), or skip them (a workstation without BIND). */
export function bindSuiteMode(missing: readonly string[], ci: string | undefined): "run" | "fail" | "skip" {
  if (missing.length === 0) return "run";
  return ci !== undefined && ci !== "" && ci !== "false" && ci !== "0" ? "fail" : "skip";
}

/**
 * Runs `body` as a describe block when BIND is installed. Without BIND the
 * block fails under CI (so a broken .ci/run cannot pass silently) and is
 * skipped with the install hint on a workstation.
 */
export function describeWithBind(title: string, body: () => void): void {
  const missing = missingBindPrograms();
  const mode = bindSuiteMode(missing, process.env.CI);
  if (mode === "run") {
    describe(title, body);
  } else if (mode === "fail") {
    describe(title, () => {
      it("needs BIND 9", () => {
        throw new Error(`${INSTALL_HINT}; missing: ${missing.join(", ")}`);
      });
    });
  } else {
    describe.skip(`${title} (skipped: ${INSTALL_HINT})`, body);
  }
}

