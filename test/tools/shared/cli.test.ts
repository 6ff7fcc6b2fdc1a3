/** The four command-line tools behave as one family: --help, the usage exit code, the error prefix, NO_COLOR. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { colourEnabled, errorLine, EXIT_USAGE, oneLine, warningLine } from "../../../tools/shared/cli";

const ROOT = join(__dirname, "..", "..", "..");

const TOOLS = [
  { name: "synth", entry: "tools/synth/cli.ts", usage: /^usage: npm run synth/ },
  { name: "settings", entry: "tools/settings/cli.ts", usage: /^usage: npm run -s settings -- <setting>/ },
  { name: "plan-comment", entry: "tools/plan-comment/cli.ts", usage: /^usage: npm run plan-comment --/ },
  { name: "dnssec-verify", entry: "tools/verify/cli.ts", usage: /^Usage: npm run verify -- <domain> \[options\]/ },
];

function run(entry: string, args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", entry, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CDKTF_CONTEXT_JSON: "", DNSSEC_CDKTF_CONTEXT: "" },
  });
}

describe.each(TOOLS)("$name", ({ name, entry, usage }) => {
  it("prints its usage for --help and exits 0", () => {
    const result = run(entry, ["--help"]);
    expect(result.stdout).toMatch(usage);
    expect(result.status).toBe(0);
  });

  it(`refuses an unknown option with one "${name}: error:" line and exit code 64`, () => {
    const result = run(entry, ["--no-such-option"]);
    expect(result.status).toBe(EXIT_USAGE);
    expect(result.stderr).toMatch(new RegExp(`^${name}: error: [^\\n]*--no-such-option[^\\n]*\\n$`));
    expect(result.stdout).toBe("");
  });
});

describe("settings", () => {
  it("refuses extra arguments", () => {
    const result = run("tools/settings/cli.ts", ["domainName", "region"]);
    expect(result.status).toBe(EXIT_USAGE);
    expect(result.stderr).toBe("settings: error: give one setting name, got 2 arguments: domainName region; run npm run settings -- --help\n");
  });

  it("refuses an unknown setting name as bad usage, with a suggestion", () => {
    const result = run("tools/settings/cli.ts", ["domainNmae"]);
    expect(result.status).toBe(EXIT_USAGE);
    expect(result.stderr).toBe('settings: error: give one setting name, such as domainName; "domainNmae" is not one (did you mean "domainName"?); run npm run settings -- --help\n');
  });
});

describe("the shared module", () => {
  it("puts a whole message on one line after the tool's name", () => {
    expect(errorLine("synth", new Error("cdktf.json is not valid JSON (Unexpected token\n  near x)"))).toBe("synth: error: cdktf.json is not valid JSON (Unexpected token near x)\n");
    expect(warningLine("synth", "lower the TTL")).toBe("synth: warning: lower the TTL\n");
    expect(oneLine(" a\n b ")).toBe("a b");
  });

  it("honours NO_COLOR and colours only a terminal", () => {
    expect(colourEnabled({ isTTY: true }, {})).toBe(true);
    expect(colourEnabled({ isTTY: true }, { NO_COLOR: "1" })).toBe(false);
    expect(colourEnabled({ isTTY: true }, { NO_COLOR: "" })).toBe(true);
    expect(colourEnabled({ isTTY: false }, {})).toBe(false);
  });
});
