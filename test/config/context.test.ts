import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readContext } from "../../config/context";
import { loadSettings } from "../../config/settings";

function projectWith(cdktfJson: string): string {
  const dir = mkdtempSync(join(tmpdir(), "ctx-"));
  writeFileSync(join(dir, "cdktf.json"), cdktfJson);
  return dir;
}

describe("readContext", () => {
  it("reads cdktf.json's context when CDKTF_CONTEXT_JSON is not set", () => {
    const dir = projectWith(JSON.stringify({ app: "x", context: { domainName: "example.org" } }));
    expect(readContext(dir, {})).toEqual({ domainName: "example.org" });
  });

  it("prefers CDKTF_CONTEXT_JSON, as the cdktf CLI passes it", () => {
    const dir = projectWith(JSON.stringify({ context: { domainName: "example.org" } }));
    expect(readContext(dir, { CDKTF_CONTEXT_JSON: '{"domainName":"example.net"}' })).toEqual({ domainName: "example.net" });
  });

  // Any valid settings may be in the project's cdktf.json (a user puts their own there), so this
  // asserts validity, never particular values.
  it("reads the project's own cdktf.json context as valid settings", () => {
    expect(() => loadSettings(readContext(join(__dirname, "..", ".."), {}))).not.toThrow();
  });

  it("explains malformed JSON in the environment variable", () => {
    expect(() => readContext(projectWith("{}"), { CDKTF_CONTEXT_JSON: "{nope" })).toThrow(/^the CDKTF_CONTEXT_JSON environment variable is not valid JSON \(.*\); fix the syntax\.$/);
  });

  it("explains a context that is not an object", () => {
    expect(() => readContext(projectWith('{"context": [1]}'), {})).toThrow('cdktf.json "context" must be an object of settings, got: [1].');
  });

  it("explains a missing cdktf.json", () => {
    const dir = mkdtempSync(join(tmpdir(), "ctx-"));
    expect(() => readContext(dir, {})).toThrow(`cdktf.json was not found in ${dir}; run the command from the project root.`);
  });
});
