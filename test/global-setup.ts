/**
 * Once per `npm test`: every temporary folder of the run (tests and the programs they start) goes
 * into one fresh folder under $TMPDIR, removed at the end, so a run leaves nothing behind. And a
 * workstation without BIND is told once why the lab tests are skipped.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bindSuiteMode, INSTALL_HINT, missingBindPrograms } from "./tools/verify/lab/bind-tools";

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), "dnssec-cdktf-test-"));
  // Workers and the programs the tests spawn inherit it; os.tmpdir() reads it.
  process.env.TMPDIR = dir;
  const missing = missingBindPrograms();
  if (bindSuiteMode(missing, process.env.CI) === "skip") {
    process.stderr.write(`\nnote: the BIND lab tests are skipped. ${INSTALL_HINT}; missing: ${missing.join(", ")}\n\n`);
  }
  return () => {
    rmSync(dir, { recursive: true, force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  };
}
