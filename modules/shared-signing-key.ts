import { Construct } from "constructs";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { KmsKeyPolicy } from "@cdktf/provider-aws/lib/kms-key-policy";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { requireProviderRegion } from "./provider-region";
import { deletionWindowProblem, kmsAliasProblem, kskNameProblem } from "./rules";
import { accountAdministration, route53DnssecStatements } from "./kms-policy";

export interface SharedSigningKeyProps {
  /** The KSK name whose KSKs sign with this key, in every zone that shares it. Also the construct id. */
  readonly kskName: string;
  /** The alias the zones find the key by; it never changes while the KSK name does not. */
  readonly aliasName: string;
  /** The account id: Route 53 may use the key only on behalf of this account. */
  readonly accountId: string;
  /** The partition, e.g. "aws". */
  readonly partition: string;
  /** The us-east-1 provider: Route 53 only accepts DNSSEC keys from us-east-1. */
  readonly provider: AwsProvider;
  /**
   * KMS deletion window in days, 7-30.
   * @default 30 - losing this key takes every zone that shares it offline, so keep the longest window
   */
  readonly deletionWindowDays?: number;
}

/**
 * One asymmetric KMS key that the KSKs of one name sign with in several zones, with its alias and
 * key policy. The zones are not named in the policy: it is applied before them, the ids of the
 * zones the app creates are not known yet, and listing them would change this shared key's policy
 * each time a zone joins. The account (`aws:SourceAccount`) and the form of a hosted zone ARN
 * (`ArnLike aws:SourceArn arn:<partition>:route53:::hostedzone/*`) scope it instead, as AWS's
 * example does.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/access-control-managing-permissions.html#KMS-key-policy-for-DNSSEC
 */
export class SharedSigningKey extends Construct {
  /** The asymmetric ECC_NIST_P256 SIGN_VERIFY key in us-east-1. */
  readonly kmsKey: KmsKey;
  /** The key policy as its own resource, the same document as the key's own (see KeySigningKey). */
  readonly keyPolicy: KmsKeyPolicy;
  /** The alias the zones read the key by. */
  readonly alias: KmsAlias;
  /** The KSK name. */
  readonly kskName: string;

  constructor(scope: Construct, props: SharedSigningKeyProps) {
    const owner = `SharedSigningKey ${JSON.stringify(props.kskName)}`;
    const nameProblem = kskNameProblem(`${owner}: kskName`, props.kskName);
    if (nameProblem) throw new Error(nameProblem);
    const deletionWindowDays = props.deletionWindowDays ?? 30;
    const windowProblem = deletionWindowProblem(`${owner}: deletionWindowDays`, deletionWindowDays);
    if (windowProblem) throw new Error(windowProblem);
    const aliasProblem = kmsAliasProblem(`${owner}: aliasName`, props.aliasName);
    if (aliasProblem) throw new Error(aliasProblem);
    requireProviderRegion(owner, "provider", props.provider, "us-east-1", "Route 53 accepts DNSSEC KMS keys only from us-east-1");
    super(scope, props.kskName);
    this.kskName = props.kskName;

    const policy = new DataAwsIamPolicyDocument(this, "policy_document", {
      provider: props.provider,
      statement: [
        accountAdministration(props.partition, props.accountId),
        ...route53DnssecStatements([
          { test: "StringEquals", variable: "aws:SourceAccount", values: [props.accountId] },
          { test: "ArnLike", variable: "aws:SourceArn", values: [`arn:${props.partition}:route53:::hostedzone/*`] },
        ]),
      ],
    });
    // https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec-cmk-requirements.html
    this.kmsKey = new KmsKey(this, "kms_key", {
      provider: props.provider,
      description: `Route 53 DNSSEC key-signing key ${props.kskName}, shared by the zones of the fleet`,
      customerMasterKeySpec: "ECC_NIST_P256",
      keyUsage: "SIGN_VERIFY",
      deletionWindowInDays: deletionWindowDays,
      // In CreateKey, as for a per-zone key: the key never exists without the Route 53 grant.
      policy: policy.json,
    });
    this.alias = new KmsAlias(this, "alias", {
      provider: props.provider,
      name: props.aliasName,
      targetKeyId: this.kmsKey.keyId,
    });
    this.keyPolicy = new KmsKeyPolicy(this, "key_policy", {
      provider: props.provider,
      keyId: this.kmsKey.id,
      policy: policy.json,
    });
  }
}
