import { describe, expect, it } from "vitest";
import { parseVerifyArgs } from "../../../tools/verify/args";

describe("parseVerifyArgs", () => {
  it("defaults to human output, AWS on, root anchor and no nameserver", () => {
    expect(parseVerifyArgs(["example.com"])).toMatchObject({ domain: "example.com", aws: true, format: "human", nameserver: undefined, concurrency: 8, requireSecure: false });
  });
  it("reads repeated --check NAME/TYPE and --nameserver HOST:PORT", () => {
    const o = parseVerifyArgs(["example.com", "--check", "www.example.com/a", "--check", "example.com/MX", "--nameserver", "127.0.0.1:5300", "--no-aws"]);
    expect(o.checks).toEqual([{ name: "www.example.com", type: "A" }, { name: "example.com", type: "MX" }]);
    expect(o.nameserver).toEqual({ host: "127.0.0.1", port: 5300 });
    expect(o.aws).toBe(false);
  });
  it("rejects a nameserver that is not an IP address", () => expect(() => parseVerifyArgs(["a.com", "--nameserver", "ns1.example.com"])).toThrow(/--nameserver must be an IP address/));
  it("rejects a malformed --check", () => expect(() => parseVerifyArgs(["a.com", "--check", "www"])).toThrow(/--check must be NAME\/TYPE/));
  it("rejects --json with --markdown", () => expect(() => parseVerifyArgs(["a.com", "--json", "--markdown"])).toThrow(/one of --json and --markdown/));
  it("requires a domain unless --all-zones", () => expect(() => parseVerifyArgs([])).toThrow(/give the domain to check/));
  it("rejects --all-zones with --no-aws", () => expect(() => parseVerifyArgs(["--all-zones", "--no-aws"])).toThrow(/cannot be combined with --no-aws/));
  it("bounds --concurrency", () => expect(() => parseVerifyArgs(["--all-zones", "--concurrency", "0"])).toThrow(/--concurrency must be a whole number from 1 to 256, got: 0/));
});

describe("parseVerifyArgs --check types", () => {
  it("rejects an unknown record type", () => expect(() => parseVerifyArgs(["a.com", "--check", "www.a.com/BOGUS"])).toThrow(/--check type must be a DNS record type .* got: BOGUS/));
  it("accepts HTTPS, SVCB, URI and any type by number (RFC 3597 TYPE<n>)", () => {
    const o = parseVerifyArgs(["a.com", "--check", "a.com/HTTPS", "--check", "a.com/svcb", "--check", "a.com/URI", "--check", "a.com/TYPE65", "--check", "a.com/type1"]);
    expect(o.checks.map((c) => c.type)).toEqual(["UNKNOWN_65", "UNKNOWN_64", "UNKNOWN_256", "UNKNOWN_65", "A"]);
  });
  it("refuses ANY and RRSIG with a usage error instead of a false bogus", () => {
    expect(() => parseVerifyArgs(["a.com", "--check", "a.com/ANY"])).toThrow("--check cannot validate ANY: ANY is a query for every type; name one type, got: a.com/ANY");
    expect(() => parseVerifyArgs(["a.com", "--check", "a.com/rrsig"])).toThrow(/--check cannot validate rrsig: RRSIG records are validated with the RRset they cover/);
  });
  it("rejects a type number out of range", () => expect(() => parseVerifyArgs(["a.com", "--check", "a.com/TYPE70000"])).toThrow(/--check type must be a DNS record type/));
});

describe("parseVerifyArgs --allow-non-apex", () => {
  it("is off by default and set by the flag", () => {
    expect(parseVerifyArgs(["www.a.com"]).allowNonApex).toBe(false);
    expect(parseVerifyArgs(["www.a.com", "--allow-non-apex"]).allowNonApex).toBe(true);
  });
});
