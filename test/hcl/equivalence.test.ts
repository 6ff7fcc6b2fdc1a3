/**
 * The proof that every committed HCL file is the same configuration as the
 * JSON synth of its stack (see tools/synth/equivalence.ts for the rules).
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkEquivalence } from "../../tools/synth/equivalence";
import { MAIN_FILE } from "../../tools/synth/hcl-files";
import { loadProjectSettings } from "../../config/project";
import { stackEntries } from "../../stacks/stack-ids";
import { appSynth, committedTfFiles, type AppSynth } from "./committed";

let synth: AppSynth;

beforeAll(async () => {
  synth = await appSynth();
});

describe("the committed HCL", () => {
  it("has one main.tf per stack of the settings (zone, app, one per entry of zones), and no other .tf file", () => {
    const ids = stackEntries(loadProjectSettings(join(__dirname, "..", ".."), {})).map((e) => e.id);
    expect(synth.stacks.map((stack) => stack.name)).toEqual(ids);
    expect(committedTfFiles(synth).map(([path]) => path).sort()).toEqual(ids.map((id) => `${id}/${MAIN_FILE}`).sort());
  });

  it("of every stack is equivalent to the stack's JSON synth", () => {
    for (const stack of synth.stacks) {
      const path = `${stack.name}/${MAIN_FILE}`;
      const hcl = synth.committed.get(path);
      expect(hcl, `terraform/${path} is missing; run npm run synth`).toBeDefined();
      const findings = checkEquivalence(hcl as string, stack.config, stack.shapes, `terraform/${path}`);
      expect(findings, `terraform/${path} differs from the JSON synth`).toEqual([]);
    }
  });

  it("covers the app's cross-stack wiring: remote state of the zone in the app stack", () => {
    const app = synth.committed.get(`app/${MAIN_FILE}`) ?? "";
    expect(app).toMatch(/data "terraform_remote_state" "[\w-]+" \{\n {2}backend = "s3"/);
    expect(app).toMatch(/data\.terraform_remote_state\.[\w-]+\.outputs\.[\w-]+/);
  });

  it("uses the aliased us-east-1 provider and depends_on as bare references", () => {
    const app = synth.committed.get(`app/${MAIN_FILE}`) ?? "";
    expect(app).toMatch(/\n {2}provider += aws\.us_east_1\n/);
    expect(app).toMatch(/\n {2}depends_on += \[[a-z]/);
    expect(app).not.toMatch(/(provider|depends_on)\s*=\s*\[?\s*"/);
  });

  it("writes WAF rules as rule_json, not as any-typed rule attributes", () => {
    const app = synth.committed.get(`app/${MAIN_FILE}`) ?? "";
    const webAcl = /\nresource "aws_wafv2_web_acl" "[\w-]+" \{\n[\s\S]*?\n\}\n/.exec(app)?.[0] ?? "";
    expect(webAcl).toMatch(/\n {2}rule_json += "\[/);
    expect(webAcl).not.toMatch(/\n {2}rule (=|\{)/);
  });
});
