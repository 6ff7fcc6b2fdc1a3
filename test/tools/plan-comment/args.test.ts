import { describe, expect, it } from "vitest";
import { UsageError, parseArgs, runUrlFromEnv } from "../../../tools/plan-comment/args";

function usageError(argv: string[]): string {
  try {
    parseArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error("expected a UsageError");
}

describe("parseArgs", () => {
  it("reads stack=plan pairs and flags", () => {
    expect(parseArgs(["zone=zone.json", "app=out/app.json", "--fail-on-danger", "--run-url", "https://github.com/a/b/actions/runs/1"])).toEqual({
      inputs: [
        { stack: "zone", file: "zone.json" },
        { stack: "app", file: "out/app.json" },
      ],
      failOnDanger: true,
      runUrl: "https://github.com/a/b/actions/runs/1",
      help: false,
    });
  });

  it("keeps = signs inside the file path", () => {
    expect(parseArgs(["zone=dir=x/plan.json"]).inputs[0]).toEqual({ stack: "zone", file: "dir=x/plan.json" });
  });

  it("refuses no plans, unknown options, bad pairs and duplicate stacks", () => {
    expect(usageError([])).toContain("no plan given");
    expect(usageError(["--frobnicate", "a=b"])).toContain("unknown option --frobnicate");
    expect(usageError(["plan.json"])).toContain('"plan.json" is not <stack>=<plan.json>');
    expect(usageError(["zone="])).toContain("is not <stack>=<plan.json>");
    expect(usageError(["a=1.json", "a=2.json"])).toContain('stack "a" is given twice');
  });

  it("reads --dangers-out FILE, in both spellings, and refuses it without a file", () => {
    expect(parseArgs(["zone=z.json", "--dangers-out", "out/dangers.txt"]).dangersOut).toBe("out/dangers.txt");
    expect(parseArgs(["zone=z.json", "--dangers-out=d.txt"]).dangersOut).toBe("d.txt");
    expect(parseArgs(["zone=z.json"]).dangersOut).toBeUndefined();
    expect(usageError(["zone=z.json", "--dangers-out"])).toBe("--dangers-out needs a file to write, got: (nothing); e.g. --dangers-out dangers.txt.");
    expect(usageError(["zone=z.json", "--dangers-out", "--fail-on-danger"])).toContain("--dangers-out needs a file to write, got: --fail-on-danger");
  });

  it("refuses a run URL that could break the Markdown", () => {
    expect(usageError(["a=b", "--run-url", "javascript:alert(1)"])).toContain("--run-url needs an http(s) URL");
    expect(usageError(["a=b", "--run-url=https://x/(y)"])).toContain("--run-url");
    expect(usageError(["a=b", "--run-url"])).toContain("(nothing)");
  });

  it("reads --failed <stack> in argument order, for a stack whose plan job wrote no plan", () => {
    expect(parseArgs(["zone=zone.json", "--failed", "zone-shop.example.org", "--failed=app"]).inputs).toEqual([
      { stack: "zone", file: "zone.json" },
      { stack: "zone-shop.example.org", failed: true },
      { stack: "app", failed: true },
    ]);
    expect(parseArgs(["--failed", "app"]).inputs).toEqual([{ stack: "app", failed: true }]);
  });

  it("refuses --failed without a stack name, and a stack both planned and failed", () => {
    expect(usageError(["--failed"])).toBe(
      '--failed needs a stack name of letters, digits, ".", "_" or "-", got: (nothing); e.g. --failed zone-shop.example.org.',
    );
    expect(usageError(["--failed", "a b"])).toContain("got: a b");
    expect(usageError(["app=app.json", "--failed", "app"])).toBe(`stack "app" is given twice; pass each stack's plan, or --failed, once.`);
  });

  it("allows --help alone", () => {
    expect(parseArgs(["--help"]).help).toBe(true);
  });
});

describe("runUrlFromEnv", () => {
  it("builds the run link from GitHub Actions variables", () => {
    expect(
      runUrlFromEnv({ GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "acme/dns", GITHUB_RUN_ID: "99", GITHUB_RUN_ATTEMPT: "2" }),
    ).toBe("https://github.com/acme/dns/actions/runs/99/attempts/2");
  });

  it("returns nothing outside Actions", () => {
    expect(runUrlFromEnv({})).toBeUndefined();
  });
});
