import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { prepareCdktfContextEnv, readContext, readContextSources } from "../../config/context";
import { loadProjectSettings } from "../../config/project";
import { loadSettings } from "../../config/settings";

function projectWith(cdktfJson: string): string {
  const dir = mkdtempSync(join(tmpdir(), "ctx-"));
  writeFileSync(join(dir, "cdktf.json"), cdktfJson);
  return dir;
}

describe("readContext: cdktf.json is the source, DNSSEC_CDKTF_CONTEXT is merged on top key by key", () => {
  it("reads cdktf.json's context", () => {
    const dir = projectWith(JSON.stringify({ app: "x", context: { domainName: "example.org" } }));
    expect(readContext(dir, {})).toEqual({ domainName: "example.org" });
  });

  it("merges DNSSEC_CDKTF_CONTEXT over cdktf.json key by key and says where each value came from", () => {
    const dir = projectWith(JSON.stringify({ context: { domainName: "example.org", region: "eu-west-1" } }));
    const sources = readContextSources(dir, { DNSSEC_CDKTF_CONTEXT: '{"domainName":"example.net"}' });
    expect(sources.context).toEqual({ domainName: "example.net", region: "eu-west-1" });
    expect(sources.sources).toEqual({ domainName: "DNSSEC_CDKTF_CONTEXT", region: "cdktf.json" });
  });

  it("reports the overlaid keys on stderr", () => {
    const dir = projectWith(JSON.stringify({ context: { domainName: "example.org" } }));
    const lines: string[] = [];
    const settings = loadProjectSettings(dir, { DNSSEC_CDKTF_CONTEXT: '{"domainName":"example.net","region":"eu-west-1"}' }, (l) => lines.push(l));
    expect(settings.domainName).toBe("example.net");
    expect(lines).toEqual(["settings: domainName, region from DNSSEC_CDKTF_CONTEXT"]);
  });

  it("ignores CDKTF_CONTEXT_JSON, cdktf's own channel, and warns only when it differs from cdktf.json", () => {
    const dir = projectWith(JSON.stringify({ context: { domainName: "example.org" } }));
    const asTheCliSetsIt = readContextSources(dir, { CDKTF_CONTEXT_JSON: '{"domainName":"example.org","cdktfRelativeModules":[]}' });
    expect(asTheCliSetsIt.context).toEqual({ domainName: "example.org" });
    expect(asTheCliSetsIt.warnings).toEqual([]);
    const bySomeoneElse = readContextSources(dir, { CDKTF_CONTEXT_JSON: '{"domainName":"example.net"}' });
    expect(bySomeoneElse.context).toEqual({ domainName: "example.org" });
    expect(bySomeoneElse.warnings).toEqual([
      "settings: warning: CDKTF_CONTEXT_JSON differs from cdktf.json's context and is ignored (the cdktf CLI sets it from cdktf.json); put settings in cdktf.json, or overrides in DNSSEC_CDKTF_CONTEXT.",
    ]);
  });

  // Any valid settings may be in the project's cdktf.json (a user puts their own there), so this
  // asserts validity, never particular values.
  it("reads the project's own cdktf.json context as valid settings", () => {
    expect(() => loadSettings(readContext(join(__dirname, "..", ".."), {}))).not.toThrow();
  });

  it("names the source of a bad value", () => {
    const dir = projectWith(JSON.stringify({ context: { region: "eu-west-1", dsTtl: 5 } }));
    expect(() => loadProjectSettings(dir, {}, () => {})).toThrow(/^Setting "dsTtl" \(from cdktf\.json\) must be/);
    expect(() => loadProjectSettings(dir, { DNSSEC_CDKTF_CONTEXT: '{"region":"mars-1"}' }, () => {})).toThrow(
      'Setting "region" (from DNSSEC_CDKTF_CONTEXT) must be an AWS region, got: "mars-1"; for example "us-east-2".',
    );
    expect(() => loadProjectSettings(dir, { DNSSEC_CDKTF_CONTEXT: '{"keySigningKeys":[{"name":"a"}]}' }, () => {})).toThrow(
      /^Setting "keySigningKeys\[0\]\.name" \(from DNSSEC_CDKTF_CONTEXT\) must be 3-128/,
    );
    expect(() => loadProjectSettings(dir, { DNSSEC_CDKTF_CONTEXT: '{"regoin":"x"}' }, () => {})).toThrow(/^Unknown setting "regoin" \(from DNSSEC_CDKTF_CONTEXT\) in the context/);
  });

  it("explains malformed JSON in the overlay variable, in one line with the whole reason", () => {
    const dir = projectWith("{}");
    expect(() => readContext(dir, { DNSSEC_CDKTF_CONTEXT: "{nope" })).toThrow(/^the DNSSEC_CDKTF_CONTEXT environment variable is not valid JSON \(.*\); fix the syntax\.$/);
  });

  it("prints the whole JSON.parse reason of a YAML cdktf.json on one line", () => {
    const dir = projectWith('language: typescript\napp: "node main.js"\ncontext:\n  domainName: example.org\n');
    let message = "";
    try {
      readContext(dir, {});
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^cdktf\.json is not valid JSON \(Unexpected token .*\); fix the syntax\.$/);
    expect(message).not.toContain("\n");
  });

  it("names a UTF-8 byte-order mark at the start of cdktf.json", () => {
    expect(() => readContext(projectWith('\uFEFF{"context":{}}'), {})).toThrow("cdktf.json starts with a UTF-8 byte-order mark, which JSON does not allow; save it as UTF-8 without BOM.");
  });

  it("treats a blank overlay as not set", () => {
    const dir = projectWith(JSON.stringify({ context: { domainName: "example.org" } }));
    expect(readContext(dir, { DNSSEC_CDKTF_CONTEXT: "  \n" })).toEqual({ domainName: "example.org" });
  });

  it("explains a context that is not an object", () => {
    expect(() => readContext(projectWith('{"context": [1]}'), {})).toThrow('cdktf.json "context" must be an object of settings, got: [1].');
  });

  it("explains a missing cdktf.json: what was looked for, and where", () => {
    const dir = mkdtempSync(join(tmpdir(), "ctx-"));
    expect(() => readContext(dir, {})).toThrow(
      `cdktf.json was not found: looked for ${join(dir, "cdktf.json")}, the project's settings file next to package.json; restore it (for example git checkout cdktf.json).`,
    );
  });
});

describe("prepareCdktfContextEnv (before cdktf's App parses the variable itself)", () => {
  it("drops a CDKTF_CONTEXT_JSON of only whitespace", () => {
    const env: NodeJS.ProcessEnv = { CDKTF_CONTEXT_JSON: " \n\t" };
    prepareCdktfContextEnv(env);
    expect(env).toEqual({});
  });

  it("refuses a malformed CDKTF_CONTEXT_JSON naming it", () => {
    expect(() => prepareCdktfContextEnv({ CDKTF_CONTEXT_JSON: "{nope" })).toThrow(/^the CDKTF_CONTEXT_JSON environment variable \(cdktf's own channel, not read for settings: unset it\) is not valid JSON \(/);
  });
});
