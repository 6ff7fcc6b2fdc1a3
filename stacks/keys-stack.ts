import { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { sharedKeyAlias } from "../config/shared-key";
import { SharedSigningKey } from "../modules/shared-signing-key";
import { BaseStack, BaseStackProps } from "./base-stack";

export interface KeysStackProps extends BaseStackProps {
  /** The KSK names that get a shared key (config/shared-key.ts sharedKeyNames), at least one. */
  readonly kskNames: readonly string[];
  /** The project's alias prefix; each key's alias is `<prefix>-shared-<ksk name>`. */
  readonly kmsAliasPrefix: string;
  /** KMS deletion window of the keys, 7-30 days. */
  readonly kmsDeletionWindowDays: number;
}

/**
 * The `dnssec-keys` stack of `sharedKmsKey`: one KMS key per KSK name, which the KSKs of that name
 * sign with in every zone of the fleet. It reads no other stack and no zone reads its state: a zone
 * finds its key by alias. It is applied before the zone stacks (stackEntries), since a KSK's key
 * must exist when Route 53 creates the KSK.
 *
 * Resource names are `shared_<ksk name>_<part>` (e.g. `aws_kms_key.shared_ksk_1_kms_key`): a key
 * depends on its KSK name alone, so a name that joins or leaves the fleet moves no other key.
 */
export class KeysStack extends BaseStack {
  /** The keys by KSK name. */
  readonly keys: Record<string, SharedSigningKey> = {};

  constructor(scope: Construct, id: string, props: KeysStackProps) {
    if (props.kskNames.length === 0) {
      throw new Error(`KeysStack ${id}: kskNames is empty; a keys stack without keys has nothing to share, so build it only when sharedKmsKey gives it a KSK name.`);
    }
    super(scope, id, props);
    const usEast1 = this.regionalProvider("us-east-1", props.tags);
    const identity = new DataAwsCallerIdentity(this, "account", { provider: usEast1 });
    const partition = new DataAwsPartition(this, "partition", { provider: usEast1 });
    // One construct around the keys: KSK names then never meet the stack's own ids ("aws", "account").
    const shared = new Construct(this, "shared");
    for (const name of props.kskNames) {
      const aliasName = sharedKeyAlias(props.kmsAliasPrefix, name);
      const key = (this.keys[name] = new SharedSigningKey(shared, {
        kskName: name,
        aliasName,
        accountId: identity.accountId,
        partition: partition.partition,
        provider: usEast1,
        deletionWindowDays: props.kmsDeletionWindowDays,
      }));
      new TerraformOutput(this, `${name}_kms_key_arn`, {
        value: key.kmsKey.arn,
        // A description is a literal in Terraform: the alias as a string, not the resource's attribute.
        description: `The key every zone's KSK ${name} signs with (alias ${aliasName}).`,
      });
    }
  }
}
