import { describe, expect, it } from "vitest";
import { containsTrue, isSensitiveAt } from "../../../tools/plan-comment/sensitive";

describe("isSensitiveAt", () => {
  it("treats true at a node as covering everything under it", () => {
    expect(isSensitiveAt({ triggers: true }, ["triggers", "foo"])).toBe(true);
    expect(isSensitiveAt(true, ["anything"])).toBe(true);
  });

  it("follows nested objects and arrays", () => {
    const marks = { list: [false, { secret: true }], map: { key: true } };
    expect(isSensitiveAt(marks, ["list", 1, "secret"])).toBe(true);
    expect(isSensitiveAt(marks, ["list", 0])).toBe(false);
    expect(isSensitiveAt(marks, ["map", "key"])).toBe(true);
  });

  it("reports an attribute as sensitive when any part of it is", () => {
    expect(isSensitiveAt({ list: [false, { secret: true }] }, ["list"])).toBe(true);
  });

  it("treats absent or false markers as not sensitive", () => {
    expect(isSensitiveAt(undefined, ["x"])).toBe(false);
    expect(isSensitiveAt(false, ["x"])).toBe(false);
    expect(isSensitiveAt({}, ["x"])).toBe(false);
  });
});

describe("containsTrue", () => {
  it("finds a true leaf anywhere", () => {
    expect(containsTrue({ a: [false, { b: true }] })).toBe(true);
    expect(containsTrue({ a: [false, {}] })).toBe(false);
  });
});
