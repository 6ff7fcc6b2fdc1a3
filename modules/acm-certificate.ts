import { Construct } from "constructs";
import { TerraformIterator, Token } from "cdktf";
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";

export interface AcmCertificateProps {
  /** The name on the certificate. */
  readonly domainName: string;
  /** The zone that holds the DNS validation records. */
  readonly zoneId: string;
  /**
   * Extra names on the certificate.
   * @default - none
   */
  readonly subjectAlternativeNames?: string[];
  /**
   * TTL of the validation records.
   * @default 60
   */
  readonly validationRecordTtl?: number;
}

/**
 * A DNS-validated ACM certificate. `validation` is what DNSSEC signing waits for, so the
 * validation records keep resolving while signing starts.
 */
export class DnsValidatedCertificate extends Construct {
  /** The certificate. */
  readonly certificate: AcmCertificate;
  /** The validation records, one per distinct validation name. */
  readonly validationRecords: Route53Record;
  /** Completes when ACM has issued the certificate. */
  readonly validation: AcmCertificateValidation;

  constructor(scope: Construct, id: string, props: AcmCertificateProps) {
    super(scope, id);
    this.certificate = new AcmCertificate(this, "certificate", {
      domainName: props.domainName,
      subjectAlternativeNames: props.subjectAlternativeNames,
      validationMethod: "DNS",
      lifecycle: { createBeforeDestroy: true },
    });
    // One record per validation option, keyed by the domain it validates.
    const options = TerraformIterator.fromComplexList(this.certificate.domainValidationOptions, "domain_name");
    this.validationRecords = new Route53Record(this, "validation_record", {
      forEach: options,
      zoneId: props.zoneId,
      name: options.getString("resource_record_name"),
      type: options.getString("resource_record_type"),
      records: [options.getString("resource_record_value")],
      ttl: props.validationRecordTtl ?? 60,
      allowOverwrite: true,
    });
    this.validation = new AcmCertificateValidation(this, "validation", {
      certificateArn: this.certificate.arn,
      validationRecordFqdns: Token.asList(TerraformIterator.fromResources(this.validationRecords).pluckProperty("fqdn")),
    });
  }
}
