import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSettings } from "../../../config/settings";
import { showSetting } from "../../../tools/settings/cli";

const ROOT = join(__dirname, "..", "..", "..");

describe("showSetting", () => {
  const settings = loadSettings({ domainName: "Example.ORG." });

  it("prints a string setting as it is, normalised", () => {
    expect(showSetting(settings, "domainName")).toEqual({ ok: true, text: "example.org" });
  });

  it("prints other settings as JSON, defaults applied", () => {
    expect(showSetting(settings, "kmsDeletionWindowDays")).toEqual({ ok: true, text: "30" });
    expect(showSetting(settings, "alarmEmail")).toEqual({ ok: true, text: "null" });
  });

  it("refuses an unknown name with a suggestion", () => {
    expect(showSetting(settings, "domainNmae")).toEqual({
      ok: false,
      message: 'give one setting name, such as domainName; "domainNmae" is not one (did you mean "domainName"?).',
    });
  });
});

describe("npm run settings", () => {
  it("prints the domain the app would use, DNSSEC_CDKTF_CONTEXT merged over cdktf.json and reported on stderr", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "tools/settings/cli.ts", "domainName"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CDKTF_CONTEXT_JSON: "", DNSSEC_CDKTF_CONTEXT: '{"domainName":"example.net"}' },
    });
    expect(result.stdout).toBe("example.net\n");
    expect(result.stderr).toBe("settings: domainName from DNSSEC_CDKTF_CONTEXT\n");
    expect(result.status).toBe(0);
  });

  it("ignores CDKTF_CONTEXT_JSON, as main.ts does under the cdktf CLI", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "tools/settings/cli.ts", "domainName"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, DNSSEC_CDKTF_CONTEXT: "", CDKTF_CONTEXT_JSON: '{"domainName":"ignored.example.net"}' },
    });
    expect(result.stdout).not.toContain("ignored.example.net");
    expect(result.stderr).toMatch(/^settings: warning: CDKTF_CONTEXT_JSON differs from cdktf\.json's context and is ignored/);
    expect(result.status).toBe(0);
  });

  it("reports a bad setting in one line", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "tools/settings/cli.ts", "domainName"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CDKTF_CONTEXT_JSON: "", DNSSEC_CDKTF_CONTEXT: '{"region":"mars-1"}' },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'settings: region from DNSSEC_CDKTF_CONTEXT\nsettings: error: Setting "region" (from DNSSEC_CDKTF_CONTEXT) must be an AWS region, got: "mars-1"; for example "us-east-2".\n',
    );
  });
});
