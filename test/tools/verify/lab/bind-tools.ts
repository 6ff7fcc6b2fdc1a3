import { describe, it } from "vitest";
import { INSTALL_HINT, missingBindPrograms } from "./programs";

export { findProgram, INSTALL_HINT, missingBindPrograms, runBind } from "./programs";

/**
 * Runs `body` as a describe block when BIND is installed. Without BIND the
 * block fails under CI (so a broken .ci/run cannot pass silently) and is
 * skipped with the install hint on a workstation.
 */
export function describeWithBind(title: string, body: () => void): void {
  const missing = missingBindPrograms();
  if (missing.length === 0) {
    describe(title, body);
  } else if (process.env.CI) {
    describe(title, () => {
      it("needs BIND 9", () => {
        throw new Error(`${INSTALL_HINT}; missing: ${missing.join(", ")}`);
      });
    });
  } else {
    describe.skip(`${title} (skipped: ${INSTALL_HINT})`, body);
  }
}

