import { describe, expect, it } from "vitest";
import { errorCheck, exitCodeFor, fail, pass, verdictOf, warn } from "../../../tools/verify/report";

describe("verdictOf", () => {
  it("is error when no check vouches for the domain", () => expect(verdictOf([warn("x", "a.", "hint", null)])).toBe("error"));
  it("ranks bogus over error over insecure over secure", () => {
    const s = pass("a", "a.", "ok");
    const i = warn("b", "a.", "no DS", "add DS", "insecure");
    const e = errorCheck("c", "a.", "timeout", "retry");
    const b = fail("d", "a.", "bad sig", "re-sign");
    expect(verdictOf([s, i])).toBe("insecure");
    expect(verdictOf([s, i, e])).toBe("error");
    expect(verdictOf([s, i, e, b])).toBe("bogus");
  });
});

describe("exitCodeFor", () => {
  const route53Fail = fail("aws.ksk", "a.", "ACTION_NEEDED", "fix KMS", null);
  it("follows the verdict table by default", () => {
    expect(exitCodeFor("secure", [route53Fail], false)).toBe(0);
    expect(exitCodeFor("insecure", [], false)).toBe(1);
    expect(exitCodeFor("bogus", [], false)).toBe(2);
    expect(exitCodeFor("error", [], false)).toBe(3);
  });
  it("with --require-secure returns 4 for a secure chain with a failed check", () => {
    expect(exitCodeFor("secure", [route53Fail], true)).toBe(4);
    expect(exitCodeFor("secure", [pass("a", "a.", "ok")], true)).toBe(0);
    expect(exitCodeFor("insecure", [], true)).toBe(1);
  });
});
