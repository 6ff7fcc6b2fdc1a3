import { describe, expect, it } from "vitest";
import { AcmCertificateProps, DnsValidatedCertificate } from "../../modules/acm-certificate";
import { moduleStack, only, resources, synthStack, TfJson } from "../helpers/synth";

function synthCertificate(overrides: Partial<AcmCertificateProps> = {}): TfJson {
  const { stack } = moduleStack();
  new DnsValidatedCertificate(stack, "certificate", { domainName: "example.com", zoneId: "Z123", ...overrides });
  return synthStack(stack);
}

function nameOf(doc: TfJson, type: string): string {
  const names = Object.keys(resources(doc, type));
  expect(names).toHaveLength(1);
  return names[0];
}

describe("DnsValidatedCertificate", () => {
  const doc = synthCertificate();
  const certificate = `aws_acm_certificate.${nameOf(doc, "aws_acm_certificate")}`;
  const records = `aws_route53_record.${nameOf(doc, "aws_route53_record")}`;

  it("requests a DNS-validated certificate for the domain", () => {
    const cert = only(doc, "aws_acm_certificate");
    expect(cert.domain_name).toBe("example.com");
    expect(cert.validation_method).toBe("DNS");
    expect(cert.subject_alternative_names).toBeUndefined();
    expect(cert.provider).toBeUndefined();
  });

  it("puts the alternative names it is given on the certificate", () => {
    const cert = only(synthCertificate({ subjectAlternativeNames: ["www.example.com"] }), "aws_acm_certificate");
    expect(cert.subject_alternative_names).toEqual(["www.example.com"]);
  });

  it("creates the replacement certificate before destroying the one the listener uses", () => {
    expect(only(doc, "aws_acm_certificate").lifecycle).toEqual({ create_before_destroy: true });
  });

  it("creates one validation record per domain validation option, keyed by domain name", () => {
    const record = only(doc, "aws_route53_record");
    expect(record.for_each).toBe(`\${{ for key, val in tolist(${certificate}.domain_validation_options): val.domain_name => val }}`);
    expect(record).toMatchObject({
      zone_id: "Z123",
      name: "${each.value.resource_record_name}",
      type: "${each.value.resource_record_type}",
      records: ["${each.value.resource_record_value}"],
      ttl: 60,
      allow_overwrite: true,
    });
  });

  it("uses the validation record TTL it is given", () => {
    expect(only(synthCertificate({ validationRecordTtl: 300 }), "aws_route53_record").ttl).toBe(300);
  });

  it("waits for validation through the fqdns of the validation records", () => {
    const validation = only(doc, "aws_acm_certificate_validation");
    expect(validation.certificate_arn).toBe(`\${${certificate}.arn}`);
    expect(validation.validation_record_fqdns).toBe(`\${[ for key, val in ${records}: val.fqdn]}`);
  });
});
