import { describe, expect, it } from "vitest";
import { bindSuiteMode } from "./bind-tools";
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
