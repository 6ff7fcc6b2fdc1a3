import { describe, expect, it } from "vitest";
import { bodyShape, UnsupportedConfigurationError } from "../../../tools/synth/shape";
import { fixtureSynth, stackNamed } from "./fixtures/synth-fixture";

describe("bodyShape", () => {
  it("reads blocks, maps and attributes from cdktf's schema metadata", () => {
    const shape = bodyShape(
      {
        tags: { value: { A: "b" }, isBlock: false, type: "map", storageClassType: "stringMap" },
        name: { value: "n", isBlock: false, type: "simple", storageClassType: "string" },
        rule: { value: [{ inner: { value: 1, type: "simple", storageClassType: "number" } }], isBlock: true, type: "list", storageClassType: "RuleList" },
        statement: { value: { x: 1 }, isBlock: false, type: "simple", storageClassType: "Statement" },
        provider: "aws.us-east-1",
      },
      "resource.aws_x.y",
    );
    expect(shape.get("tags")).toEqual({ kind: "map" });
    expect(shape.get("name")).toEqual({ kind: "attribute", untyped: false });
    expect(shape.get("rule")).toEqual({ kind: "block", body: new Map([["inner", { kind: "attribute", untyped: false }]]) });
    expect(shape.get("statement")).toEqual({ kind: "attribute", untyped: true });
    expect(shape.get("provider")).toEqual({ kind: "attribute", untyped: false });
  });

  it("refuses dynamic blocks and provisioners", () => {
    expect(() => bodyShape({ dynamic: {} }, "resource.aws_x.y")).toThrow(UnsupportedConfigurationError);
    expect(() => bodyShape({ ingress: { dynamic: {} } }, "resource.aws_x.y")).toThrow(/dynamic block/);
  });
});

describe("stackShapes", () => {
  it("knows nested blocks of resources, data sources and aliased providers", async () => {
    const app = stackNamed(await fixtureSynth(), "app");
    const listener = app.shapes.get("resource.aws_lb_listener.redirect");
    const action = listener?.get("default_action");
    expect(action?.kind).toBe("block");
    expect(action?.kind === "block" && action.body.get("redirect")?.kind).toBe("block");
    const document = app.shapes.get("data.aws_iam_policy_document.policy-doc");
    expect(document?.get("statement")?.kind).toBe("block");
    expect(app.shapes.get("resource.aws_security_group.sg")?.get("tags")).toEqual({ kind: "map" });
    expect(app.shapes.has("provider.aws.us-east-1")).toBe(true);
    expect(app.shapes.has("data.terraform_remote_state.cross-stack-reference-input-zone")).toBe(true);
  });
});
