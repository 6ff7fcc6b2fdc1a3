import { describe, expect, it } from "vitest";
import { synthApp } from "../helpers/synth";

describe("ZoneStack", () => {
  const { zone } = synthApp();

  it("holds only the hosted zone", () => {
    expect(Object.keys(zone.resource ?? {})).toEqual(["aws_route53_zone"]);
    expect(zone.resource!.aws_route53_zone.hosted_zone_zone).toMatchObject({ name: "example.com", force_destroy: false });
  });

  it("outputs the name servers for the registrar", () => {
    expect(zone.output!.name_servers.value).toBe("${aws_route53_zone.hosted_zone_zone.name_servers}");
  });

  it("uses an S3 backend with its own key, native locking and encryption", () => {
    expect((zone.terraform as { backend: unknown }).backend).toEqual({
      s3: { bucket: "dnssec-cdktf-example-tfstate", key: "dnssec-cdktf/zone.tfstate", region: "us-east-2", encrypt: true, use_lockfile: true },
    });
  });

  it("requires hashicorp/aws at the version of the generated bindings", () => {
    expect(zone.terraform).toMatchObject({
      required_version: ">= 1.11.0",
      required_providers: { aws: { source: "hashicorp/aws", version: "~> 6.25.0" } },
    });
  });

  it("configures no static credentials on any provider", () => {
    for (const provider of zone.provider!.aws) {
      expect(Object.keys(provider)).not.toEqual(expect.arrayContaining(["access_key"]));
      expect(provider).not.toHaveProperty("secret_key");
      expect(provider).not.toHaveProperty("access_key");
    }
  });

  it("manages the SOA negative TTL when asked", () => {
    const soa = synthApp({ soaNegativeTtl: 300 }).zone.resource!.aws_route53_record.hosted_zone_soa;
    expect(soa).toMatchObject({ type: "SOA", allow_overwrite: true, records: ["${aws_route53_zone.hosted_zone_zone.primary_name_server}. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 300"] });
  });

  it("takes its state settings from the context", () => {
    const custom = synthApp({ stateBucket: "acme-tfstate", stateKeyPrefix: "dns/prod", stateRegion: "eu-west-1" }).zone;
    expect((custom.terraform as { backend: { s3: unknown } }).backend.s3).toMatchObject({ bucket: "acme-tfstate", key: "dns/prod/zone.tfstate", region: "eu-west-1" });
  });
});
