import { Construct } from "constructs";
import { DataResource, ITerraformDependable, Op, TerraformSelf, Token } from "cdktf";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DataAwsKmsKey } from "@cdktf/provider-aws/lib/data-aws-kms-key";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { KmsKeyPolicy } from "@cdktf/provider-aws/lib/kms-key-policy";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53KeySigningKey } from "@cdktf/provider-aws/lib/route53-key-signing-key";
import { deletionWindowProblem, dnssecKmsKeyArnProblem, kmsAliasProblem, kskNameProblem } from "../rules";
import { accountAdministration, route53DnssecStatements } from "../kms-policy";

export interface KeySigningKeyProps {
  /** The Route 53 KSK name: 3-128 letters, digits and underscores. Also the construct id, so it must never change. */
  readonly name: string;
  /** The hosted zone the KSK signs. */
  readonly hostedZoneId: string;
  /** The hosted zone's ARN, used to scope the key policy to this zone (confused-deputy protection). */
  readonly hostedZoneArn: string;
  /** The account id, used to scope the key policy to this account. */
  readonly accountId: string;
  /** The partition, e.g. "aws". */
  readonly partition: string;
  /** The us-east-1 provider: Route 53 only accepts DNSSEC keys from us-east-1. */
  readonly provider: AwsProvider;
  /**
   * Whether Route 53 signs with this key.
   * @default true
   */
  readonly active?: boolean;
  /**
   * KMS deletion window in days, 7-30.
   * @default 30 - losing this key takes the domain offline, so keep the longest window
   */
  readonly deletionWindowDays?: number;
  /**
   * The alias of the KMS key.
   * @default - none
   */
  readonly aliasName?: string;
  /**
   * An existing asymmetric ECC_NIST_P256 SIGN_VERIFY key in us-east-1 to sign with, instead of a new
   * one. Its key policy is then yours to keep right (see the README); no key, alias or policy is created.
   * @default - a new key with its own alias and key policy
   */
  readonly kmsKeyArn?: string;
  /**
   * The alias of a key shared by the zones of the fleet, made by the `dnssec-keys` stack
   * (SharedSigningKey), to sign with instead of a new key. Only read here; no key, alias or policy
   * is created. Not together with kmsKeyArn.
   * @default - a new key with its own alias and key policy
   */
  readonly sharedKeyAlias?: string;
  /**
   * Resources the KSK must wait for besides its key policy.
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * One key-signing key with its own asymmetric KMS key, alias and key policy. Every resource id below
 * is derived from the KSK name alone, so adding a second KSK never touches the first.
 */
export class KeySigningKey extends Construct {
  /** The asymmetric ECC_NIST_P256 SIGN_VERIFY key in us-east-1, unless an existing key was given. */
  readonly kmsKey?: KmsKey;
  /** The shared key as read by its alias, when the KSK signs with one (sharedKeyAlias). */
  readonly sharedKey?: DataAwsKmsKey;
  /**
   * The key policy as its own resource, as in the seed; the key is also created with the same
   * document, so it never exists without the Route 53 grant. Both always hold one document.
   */
  readonly keyPolicy?: KmsKeyPolicy;
  /** The ARN of the key the KSK signs with. */
  readonly kmsKeyArn: string;
  /** The key's alias, when one was asked for. */
  readonly alias?: KmsAlias;
  /** The Route 53 KSK itself; its attributes (ds_record, key_tag, ...) feed the outputs. */
  readonly resource: Route53KeySigningKey;
  /** The KSK name. */
  readonly kskName: string;

  constructor(scope: Construct, props: KeySigningKeyProps) {
    const owner = `KeySigningKey ${JSON.stringify(props.name)}`;
    const nameProblem = kskNameProblem("KeySigningKey name", props.name);
    if (nameProblem) throw new Error(nameProblem);
    const deletionWindowDays = props.deletionWindowDays ?? 30;
    const windowProblem = deletionWindowProblem(`${owner}: deletionWindowDays`, deletionWindowDays);
    if (windowProblem) throw new Error(windowProblem);
    if (props.aliasName !== undefined) {
      const aliasProblem = kmsAliasProblem(`${owner}: aliasName`, props.aliasName);
      if (aliasProblem) throw new Error(aliasProblem);
    }
    if (props.kmsKeyArn !== undefined) {
      const arnProblem = dnssecKmsKeyArnProblem(`${owner}: kmsKeyArn`, props.kmsKeyArn);
      if (arnProblem) throw new Error(arnProblem);
    }
    if (props.sharedKeyAlias !== undefined) {
      if (props.kmsKeyArn !== undefined) {
        throw new Error(`${owner}: kmsKeyArn and sharedKeyAlias are both set; a KSK signs with one key, so give one of them.`);
      }
      const aliasProblem = kmsAliasProblem(`${owner}: sharedKeyAlias`, props.sharedKeyAlias);
      if (aliasProblem) throw new Error(aliasProblem);
    }
    super(scope, props.name);
    this.kskName = props.name;

    if (props.sharedKeyAlias !== undefined) {
      this.sharedKey = this.readSharedKey(props, props.sharedKeyAlias);
      this.kmsKeyArn = this.sharedKey.arn;
      this.resource = this.signingKey(props, this.sharedKey.arn, props.dependsOn ?? []);
      return;
    }

    if (props.kmsKeyArn !== undefined) {
      this.kmsKeyArn = props.kmsKeyArn;
      this.resource = this.signingKey(props, props.kmsKeyArn, props.dependsOn ?? []);
      return;
    }

    // The Route 53 service may only use the key on behalf of this account and this zone.
    // https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/access-control-managing-permissions.html#KMS-key-policy-for-DNSSEC
    const serviceScope = [
      { test: "StringEquals", variable: "aws:SourceAccount", values: [props.accountId] },
      { test: "ArnEquals", variable: "aws:SourceArn", values: [props.hostedZoneArn] },
    ];
    const policy = new DataAwsIamPolicyDocument(this, "policy_document", {
      provider: props.provider,
      statement: [
        accountAdministration(props.partition, props.accountId),
        ...route53DnssecStatements(serviceScope),
      ],
    });
    // Route 53 signs with an asymmetric P-256 key that must live in us-east-1.
    // https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec-cmk-requirements.html
    this.kmsKey = new KmsKey(this, "kms_key", {
      provider: props.provider,
      description: `Route 53 DNSSEC key-signing key ${props.name}`,
      customerMasterKeySpec: "ECC_NIST_P256",
      keyUsage: "SIGN_VERIFY",
      deletionWindowInDays: deletionWindowDays,
      // The policy goes into CreateKey: KMS is eventually consistent, and a key that first exists
      // with the default policy and gets the Route 53 grant a moment later is how a KSK's first
      // apply fails with InvalidKMSArn (terraform-provider-aws #29778). The provider's create
      // returns only once the policy reads back five times in a row, and the KSK needs the key's
      // ARN, so it starts after that. If Route 53 still sees the key late, re-run the apply
      // (README "Apply errors that a second apply fixes").
      // https://docs.aws.amazon.com/Route53/latest/APIReference/API_CreateKeySigningKey.html#API_CreateKeySigningKey_Errors
      policy: policy.json,
    });

    if (props.aliasName !== undefined) {
      this.alias = new KmsAlias(this, "alias", {
        provider: props.provider,
        name: props.aliasName,
        targetKeyId: this.kmsKey.keyId,
      });
    }
    this.keyPolicy = new KmsKeyPolicy(this, "key_policy", {
      provider: props.provider,
      keyId: this.kmsKey.id,
      policy: policy.json,
    });
    this.kmsKeyArn = this.kmsKey.arn;
    // The KSK must wait for the key policy, or Route 53 cannot read the public key and the KSK ends
    // in ACTION_NEEDED.
    this.resource = this.signingKey(props, this.kmsKey.arn, [this.keyPolicy, ...(props.dependsOn ?? [])]);
  }

  /**
   * The shared key, read by its alias from the key the `dnssec-keys` stack made. The alias passes
   * through a `terraform_data` first: while that is being created (the first plan of this KSK) its
   * output is unknown, so Terraform reads the key at apply, after the `dnssec-keys` stack, instead of
   * failing the plan of a pull request that adds the KSK name before its key exists. From then on
   * the key is read at plan, and the postcondition stops the plan of every zone on a key that can
   * no longer sign (disabled, pending deletion) or that Route 53 would refuse.
   * https://developer.hashicorp.com/terraform/language/resources/terraform-data
   */
  private readSharedKey(props: KeySigningKeyProps, aliasName: string): DataAwsKmsKey {
    const alias = new DataResource(this, "shared_key_alias", { input: { name: aliasName } });
    return new DataAwsKmsKey(this, "shared_key", {
      provider: props.provider,
      keyId: alias.getStringAttribute("output.name"),
      lifecycle: {
        postcondition: [
          {
            condition: Op.and(
              Op.eq(TerraformSelf.getString("key_state"), "Enabled"),
              Op.and(Op.eq(TerraformSelf.getString("customer_master_key_spec"), "ECC_NIST_P256"), Op.eq(TerraformSelf.getString("key_usage"), "SIGN_VERIFY")),
            ),
            errorMessage: `The shared DNSSEC key ${aliasName} of KSK ${props.name} is \${self.key_state}, spec \${self.customer_master_key_spec}, usage \${self.key_usage}: Route 53 signs only with an Enabled ECC_NIST_P256 SIGN_VERIFY key, and every zone on this key stops validating once its signatures expire; re-enable the key or cancel its deletion in KMS, then plan again (README section One KMS key for many zones).`,
          },
        ],
      },
    });
  }

  /** The Route 53 KSK itself (a global service, on the default provider). */
  private signingKey(props: KeySigningKeyProps, kmsKeyArn: string, dependsOn: ITerraformDependable[]): Route53KeySigningKey {
    return new Route53KeySigningKey(this, "signing_key", {
      hostedZoneId: props.hostedZoneId,
      keyManagementServiceArn: kmsKeyArn,
      name: props.name,
      status: props.active === false ? "INACTIVE" : "ACTIVE",
      dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
      lifecycle: {
        // Route 53 cannot move a KSK to another key, and the provider neither replaces the KSK for
        // a new key_management_service_arn nor applies it (its update only changes status, then
        // reads the old key back): the plan would repeat the change forever. This check turns
        // that into an apply error that says what to do; the plan guard flags it before
        // (DNSSEC-KSK-KEY-CHANGED). It holds after every create, so it never blocks a new KSK.
        postcondition: [
          {
            condition: Op.eq(TerraformSelf.getString("key_management_service_arn"), kmsKeyArn),
            errorMessage: `KSK ${props.name} still signs with \${self.key_management_service_arn}: Route 53 cannot move a KSK to another KMS key. Restore its key (kmsKeyArn), or rotate to a KSK with a new name that uses the new key (README section Rotating a KSK).`,
          },
        ],
      },
    });
  }

  /** The DS in the form the seed prints and registrars ask for: key tag, algorithm, digest type, digest. */
  get dsRecordFields(): string {
    const k = this.resource;
    return `${Token.asString(k.keyTag)} ${k.signingAlgorithmMnemonic} ${k.digestAlgorithmMnemonic} ${k.digestValue}`;
  }
}
