import { describe, expect, it } from "vitest";
import { attributeIsSensitive, changedAttributeNames, formatPath } from "../../../tools/plan-comment/attributes";
import { buildPlan } from "./plan-builder";

describe("changedAttributeNames", () => {
  it("lists the top-level attributes whose values differ, sorted", () => {
    const [change] = buildPlan([
      {
        type: "aws_route53_zone",
        actions: ["update"],
        before: { name: "example.com", tags: { a: "1" }, comment: "x" },
        after: { name: "example.com", tags: { a: "2" }, comment: "y" },
      },
    ]).resources;
    expect(changedAttributeNames(change!)).toEqual(["comment", "tags"]);
  });

  it("counts attributes known only after apply as changed", () => {
    const [change] = buildPlan([
      { type: "aws_kms_key", actions: ["update"], before: { policy: "a", tags_all: {} }, after: { tags_all: {} }, afterUnknown: { policy: true, tags_all: {} } },
    ]).resources;
    expect(changedAttributeNames(change!)).toEqual(["policy"]);
  });
});

describe("attributeIsSensitive", () => {
  it("honours either side's markers", () => {
    const [change] = buildPlan([
      { type: "aws_ssm_parameter", actions: ["update"], before: { value: "a" }, after: { value: "b" }, afterSensitive: { value: true } },
    ]).resources;
    expect(attributeIsSensitive(change!, ["value"])).toBe(true);
    expect(attributeIsSensitive(change!, ["name"])).toBe(false);
  });
});

describe("formatPath", () => {
  it("writes paths the way Terraform does", () => {
    expect(formatPath(["name"])).toBe("name");
    expect(formatPath(["signing_attributes", 0, "public_key"])).toBe("signing_attributes[0].public_key");
    expect(formatPath(["tags", "cost centre"])).toBe('tags["cost centre"]');
  });
});
