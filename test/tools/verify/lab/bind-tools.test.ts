import { describe, expect, it } from "vitest";
import { bindSuiteMode } from "./bind-tools";
import { parseDelv } from "./bind-lab";
import { INSTALL_HINT } from "./programs";

describe("bindSuiteMode", () => {
  it("runs the BIND suites when every program is installed", () => expect(bindSuiteMode([], "true")).toBe("run"));
  it("fails them under CI when BIND is missing", () => expect(bindSuiteMode(["named"], "true")).toBe("fail"));
  it("skips them on a workstation without BIND", () => {
    expect(bindSuiteMode(["named"], undefined)).toBe("skip");
    expect(bindSuiteMode(["named"], "false")).toBe("skip");
  });
  it("tells the reader which Debian packages to install", () => expect(INSTALL_HINT).toContain("bind9 bind9-utils bind9-dnsutils"));
});

describe("parseDelv reads delv's final verdict for the queried name", () => {
  it("reads a CNAME that validates but whose target fails as bogus", () => {
    const output = [
      "; fully validated",
      "alias.cname.lab.\t300\tIN\tCNAME\twww.tampered.lab.",
      "",
      ";; validating www.tampered.lab/TXT: no valid signature found",
      ";; RRSIG failed to verify resolving 'www.tampered.lab/TXT/IN': 127.0.0.1#41809",
      ";; resolution failed: RRSIG failed to verify",
    ].join("\n");
    expect(parseDelv(output)).toBe("bogus");
  });
  it("reads a CNAME into an unsigned zone as insecure", () => {
    expect(parseDelv("; fully validated\nins.cname.lab. 300 IN CNAME www.unsigned.lab.\n\n; unsigned answer\nwww.unsigned.lab. 300 IN A 127.0.0.2\n")).toBe("insecure");
  });
  it("reads a proven NXDOMAIN or NODATA as secure despite the negative-cache note", () => {
    expect(parseDelv("; negative response, fully validated\n; nosuch.lab. 0 IN \\-ANY ;-$NXDOMAIN\n\n;; resolution failed: ncache nxdomain\n")).toBe("secure");
    expect(parseDelv("; negative response, fully validated\n\n;; resolution failed: ncache nxrrset\n")).toBe("secure");
  });
  it("reads a timeout as an error and a broken chain as bogus", () => {
    expect(parseDelv(";; resolution failed: timed out\n")).toBe("error");
    expect(parseDelv(";; broken trust chain resolving 'x/SOA/IN'\n;; resolution failed: broken trust chain\n")).toBe("bogus");
  });
});
