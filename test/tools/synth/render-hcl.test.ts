import { beforeAll, describe, expect, it } from "vitest";
import { GENERATED_MARKER, TF_HEADER } from "../../../tools/synth/hcl-files";
import { renderStack } from "../../../tools/synth/render-hcl";
import type { JsonObject } from "../../../tools/synth/json";
import { UnsupportedConfigurationError, type BodyShape } from "../../../tools/synth/shape";
import { fixtureSynth, type FixtureSynth } from "./fixtures/synth-fixture";

let synth: FixtureSynth;
let app: string;
let zone: string;

beforeAll(async () => {
  synth = await fixtureSynth();
  // The rendered HCL, after the header line that marks the file as generated.
  const body = (path: string) => (synth.files.get(path) as string).replace(`${TF_HEADER}\n\n`, "");
  app = body("app/main.tf");
  zone = body("zone/main.tf");
});

const shapes = (entries: [string, BodyShape][]) => new Map(entries);

describe("renderStack on the fixture stacks", () => {
  it("writes one main.tf per stack and a .gitignore for Terraform's working files", () => {
    expect([...synth.files.keys()]).toEqual([".gitignore", "zone/main.tf", "app/main.tf"]);
    expect(synth.files.get(".gitignore")).toContain(".terraform/");
    for (const content of synth.files.values()) expect(content.startsWith(GENERATED_MARKER)).toBe(true);
  });

  it("writes the terraform block with required_version, hashicorp/aws and the S3 backend", () => {
    expect(app).toMatch(/^terraform \{\n {2}required_version = ">= 1\.10\.0"\n {2}required_providers \{\n {4}aws = \{\n {6}source {2}= "hashicorp\/aws"/);
    expect(app).toContain('  backend "s3" {\n    bucket       = "fixture-state"');
    expect(app).toContain("    use_lockfile = true");
  });

  it("writes provider references bare, with the alias as a string", () => {
    expect(app).toContain('provider "aws" {\n  alias  = "us-east-1"\n  region = "us-east-1"\n}');
    expect(app).toContain("  provider                 = aws.us-east-1\n");
    expect(app).not.toMatch(/provider\s*=\s*"/);
  });

  it("writes depends_on as a list of bare references", () => {
    expect(app).toContain("depends_on                 = [aws_kms_key_policy.key-policy]");
  });

  it("unwraps interpolation-only strings and keeps real templates quoted", () => {
    expect(app).toContain("key_id   = aws_kms_key.ksk-key.id");
    expect(app).toContain('name = join("-", [local.prefix, "sg"])');
    expect(app).toContain('description              = "${local.prefix} key"');
    expect(app).not.toMatch(/= "\$\{[^"]*\}"\n/);
  });

  it("writes repeated and single nested blocks as blocks, maps as attributes", () => {
    expect(app.match(/\n {2}ingress \{\n/g)).toHaveLength(2);
    expect(app).toContain("    redirect {\n      port        = \"443\"");
    expect(app).toContain("  tags = {\n    Owner = var.owner\n  }");
    expect(zone).toContain('  tags = {\n    Name      = "example.com"\n    with-dash = "x"\n  }');
    expect(app).toContain("  default_action {\n    allow {}\n  }");
  });

  it("keeps rule_json as one JSON string, with no camelCase key outside it", () => {
    expect(app).toContain('rule_json = "[{\\"Name\\":\\"common\\"');
    const outsideStrings = app.replace(/"(?:[^"\\]|\\.)*"/g, '""');
    expect(outsideStrings).not.toMatch(/\b[a-z]+[A-Z]\w*\s*[={]/);
  });

  it("writes lifecycle, variables, locals, remote state and sensitive outputs", () => {
    expect(app).toContain("  lifecycle {\n    prevent_destroy = true\n  }");
    expect(app).toContain('variable "owner" {\n  default     = "platform"\n  description = "Team that owns the resources"\n  type        = string\n}');
    expect(app).toContain('locals {\n  prefix = "dnssec-${var.owner}"\n}');
    expect(app).toContain('data "terraform_remote_state" "cross-stack-reference-input-zone" {\n  backend = "s3"');
    expect(app).toContain("  workspace = terraform.workspace");
    expect(app).toContain('output "bucket" {\n  sensitive = true\n  value     = aws_s3_bucket.logs.bucket\n}');
  });

  it("escapes quotes, backslashes and line breaks exactly", () => {
    expect(zone).toContain('comment = "Zone \\"quoted\\" with a back\\\\slash and $${literal}"');
    expect(app).toContain('value = "${aws_kms_key.ksk-key.key_id} in ${upper(local.prefix)} with \\"quotes\\"\\nand a newline"');
  });

  it("carries no comment and no machine path", () => {
    for (const text of [app, zone]) {
      expect(text).not.toMatch(/^\s*(#|\/\/)/m);
      expect(text).not.toContain(process.cwd());
    }
  });
});

describe("renderStack refuses what HCL cannot say unambiguously", () => {
  it("throws for an object in an attribute the provider types as any", () => {
    const config = { resource: { aws_x: { y: { statement: { managedRuleGroupStatement: { name: "n" } } } } } };
    const shape: BodyShape = new Map([["statement", { kind: "attribute", untyped: true }]]);
    expect(() => renderStack(config, shapes([["resource.aws_x.y", shape]]))).toThrow(/typed "any".*rule_json/);
  });

  it("throws for an empty list of blocks", () => {
    const config = { resource: { aws_x: { y: { ingress: [] } } } };
    const shape: BodyShape = new Map([["ingress", { kind: "block", body: new Map() }]]);
    expect(() => renderStack(config, shapes([["resource.aws_x.y", shape]]))).toThrow(UnsupportedConfigurationError);
  });

  it("throws for a top-level section it does not render", () => {
    expect(() => renderStack({ module: { m: { source: "./m" } } }, new Map())).toThrow(/"module"/);
  });
});

describe("renderStack output order", () => {
  it("does not depend on the order of keys in the JSON", () => {
    const shape: BodyShape = new Map([["b", { kind: "block", body: new Map() }]]);
    const forward = { resource: { aws_x: { y: { a: 1, z: 2, b: { c: 3 } } } } };
    const backward = { resource: { aws_x: { y: { b: { c: 3 }, z: 2, a: 1 } } } };
    const map = shapes([["resource.aws_x.y", shape]]);
    expect(renderStack(backward, map)).toBe(renderStack(forward, map));
  });
});

describe("renderStack import blocks", () => {
  const config: JsonObject = {
    import: [
      { to: "aws_route53_zone.b", id: "Z2" },
      { to: "aws_route53_zone.a", id: "Z1", provider: "aws.us_east_1" },
    ],
    resource: { aws_route53_zone: { a: { name: "a.example" }, b: { name: "b.example" } } },
  };

  it("writes each import with a bare target and provider and a quoted id, before the resources, sorted by target", () => {
    const hcl = renderStack(config, new Map());
    expect(hcl).toContain('import {\n  id       = "Z1"\n  provider = aws.us_east_1\n  to       = aws_route53_zone.a\n}\n\nimport {\n  id = "Z2"\n  to = aws_route53_zone.b\n}'.replace(/ +=/g, " ="));
    expect(hcl.indexOf("import {")).toBeLessThan(hcl.indexOf('resource "aws_route53_zone"'));
  });

  it("throws for an import without a target", () => {
    expect(() => renderStack({ import: [{ id: "Z1" }] }, new Map())).toThrow(/target address/);
  });
});
