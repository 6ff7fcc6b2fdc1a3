import { describe, expect, it } from "vitest";
import { TF_HEADER } from "../../../tools/synth/hcl-files";
import { lintHcl } from "../../../tools/synth/lint";

const CLEAN = [
  "terraform {",
  '  required_version = ">= 1.10.0"',
  "  required_providers {",
  '    aws = { source = "hashicorp/aws", version = "~> 6.25.0" }',
  "  }",
  "}",
  'resource "aws_instance" "a" {',
  '  ami       = data.aws_ami.a.id',
  '  name      = "web-${var.env}"',
  "  user_data = <<EOT",
  '#!/bin/bash',
  'echo "${var.x}" # not an HCL comment',
  "EOT",
  "}",
  "",
].join("\n");

describe("lintHcl", () => {
  it("accepts clean HCL, including # inside strings and heredocs", () => {
    expect(lintHcl(CLEAN, "main.tf")).toEqual([]);
  });

  it("accepts the generated-file header on the first line only", () => {
    expect(lintHcl(`${TF_HEADER}\n\n${CLEAN}`, "main.tf")).toEqual([]);
    expect(lintHcl(`${CLEAN}${TF_HEADER}\n`, "main.tf").map((f) => f.message)).toEqual([
      `comment ${JSON.stringify(TF_HEADER)}; the generated HCL carries no comments`,
    ]);
  });

  it("flags comments", () => {
    expect(lintHcl(`# Warning: unexpected type\n${CLEAN}`, "main.tf")).toEqual([
      { path: "main.tf:1", message: 'comment "# Warning: unexpected type"; the generated HCL carries no comments' },
    ]);
  });

  it("flags interpolation-only strings", () => {
    const findings = lintHcl(CLEAN.replace("data.aws_ami.a.id", '"${data.aws_ami.a.id}"'), "main.tf");
    expect(findings).toEqual([{ path: "main.tf:8", message: 'interpolation-only string "${data.aws_ami.a.id}"; write the expression bare' }]);
  });

  it("flags absolute machine paths, a local backend and a missing version pin", () => {
    const local = CLEAN.replace('  required_version = ">= 1.10.0"\n', '  backend "local" {\n    path = "/home/me/app/terraform.tfstate"\n  }\n');
    expect(lintHcl(local, "main.tf").map((f) => f.message)).toEqual([
      "absolute path of a machine; use a path relative to the folder",
      "terraform.required_version is missing",
      "local backend; the stacks keep their state in S3",
    ]);
  });

  it("requires the hashicorp/aws source", () => {
    expect(lintHcl(CLEAN.replace("hashicorp/aws", "aws"), "main.tf").map((f) => f.message)).toEqual([
      'required_providers.aws must have source = "hashicorp/aws"',
    ]);
  });
});
