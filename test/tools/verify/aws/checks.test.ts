import { describe, expect, it } from "vitest";
import { checkDsPublished, checkHostedZone, checkKsk, checkServeSignature, parseDsRecord, route53Checks } from "../../../../tools/verify/aws/checks";
import type { Route53Evidence, Route53Ksk } from "../../../../tools/verify/aws/route53";

const DS_TEXT = "12345 13 2 0A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F9";
const ds = parseDsRecord(DS_TEXT)!;
const ksk = (status: string, statusMessage?: string): Route53Ksk => ({ name: "ksk_main", status, statusMessage, flag: 257, keyTag: 12345, dsRecord: DS_TEXT });

describe("checkServeSignature", () => {
  it("passes SIGNING", () => expect(checkServeSignature("a.", "SIGNING", undefined).status).toBe("pass"));
  it("fails NOT_SIGNING with the enable step", () => expect(checkServeSignature("a.", "NOT_SIGNING", undefined)).toMatchObject({ status: "fail", fix: expect.stringMatching(/EnableHostedZoneDNSSEC/) }));
  it("fails INTERNAL_FAILURE with AWS's remedy and the status message", () => {
    const c = checkServeSignature("a.", "INTERNAL_FAILURE", "KMS throttled");
    expect(c.summary).toContain("KMS throttled");
    expect(c.fix).toMatch(/disabling and re-enabling DNSSEC signing/);
  });
});

describe("checkKsk", () => {
  it("passes an ACTIVE KSK", () => expect(checkKsk("a.", ksk("ACTIVE")).status).toBe("pass"));
  it("fails ACTION_NEEDED with the KMS key-policy remedy", () => {
    const c = checkKsk("a.", ksk("ACTION_NEEDED", "KMS key is disabled"));
    expect(c).toMatchObject({ status: "fail", verdict: null });
    expect(c.fix).toMatch(/dnssec-route53\.amazonaws\.com/);
  });
  it("fails INTERNAL_FAILURE", () => expect(checkKsk("a.", ksk("INTERNAL_FAILURE")).status).toBe("fail"));
  it("warns on INACTIVE", () => expect(checkKsk("a.", ksk("INACTIVE")).status).toBe("warn"));
});

describe("checkDsPublished", () => {
  it("passes when the parent publishes the Route 53 DS", () => expect(checkDsPublished("a.", ksk("ACTIVE"), [ds]).status).toBe("pass"));
  it("warns with the DS to add when the parent has none yet", () => {
    expect(checkDsPublished("a.", ksk("ACTIVE"), [])).toMatchObject({ status: "warn", fix: `add this DS at the registrar: ${DS_TEXT}` });
  });
  it("fails when the parent publishes a different DS", () => {
    const other = { ...ds, digest: Buffer.alloc(32, 7) };
    expect(checkDsPublished("a.", ksk("ACTIVE"), [other])).toMatchObject({ status: "fail", fix: expect.stringContaining(DS_TEXT) });
  });
  it("warns when the parent's DS set is unknown", () => expect(checkDsPublished("a.", ksk("ACTIVE"), undefined).status).toBe("warn"));
});

describe("route53Checks", () => {
  it("makes an API failure an error that affects the verdict", () => {
    const ev: Route53Evidence = { ok: false, kind: "api-error", error: "Route 53 GetDNSSEC failed: AccessDenied" };
    expect(checkHostedZone("a.", ev)).toMatchObject({ status: "error", verdict: "error" });
  });
  it("checks the DS only for active KSKs", () => {
    const ev: Route53Evidence = { ok: true, zone: { id: "Z1", name: "a." }, serveSignature: "SIGNING", statusMessage: undefined, ksks: [ksk("ACTIVE"), { ...ksk("INACTIVE"), name: "old" }] };
    expect(route53Checks("a.", ev, [ds]).map((c) => `${c.id}:${c.status}`)).toEqual(["aws.zone:pass", "aws.signing:pass", "aws.ksk:pass", "aws.ds.published:pass", "aws.ksk:warn"]);
  });
  it("fails a zone with no KSK", () => {
    const ev: Route53Evidence = { ok: true, zone: { id: "Z1", name: "a." }, serveSignature: "NOT_SIGNING", statusMessage: undefined, ksks: [] };
    expect(route53Checks("a.", ev, undefined).filter((c) => c.status === "fail").map((c) => c.id)).toEqual(["aws.signing", "aws.ksk"]);
  });
});
