import { Construct, Node } from "constructs";
import { S3Backend, TerraformElement, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";

/** The AWS provider release our bindings were generated from (@cdktf/provider-aws 21.22.1). */
export const AWS_PROVIDER_VERSION = "~> 6.25.0";
/**
 * S3 native locking (`use_lockfile`) is experimental in Terraform 1.10 and generally available from
 * 1.11, so a state shared by a team needs 1.11.
 * https://developer.hashicorp.com/terraform/language/backend/s3#state-locking
 */
export const REQUIRED_TERRAFORM_VERSION = ">= 1.11.0";

export interface BaseStackProps {
  /** The region of the default provider. */
  readonly region: string;
  /** S3 bucket of the state. */
  readonly stateBucket: string;
  /** Key prefix of the state; the stack's state is `<prefix>/<stack id>.tfstate`. */
  readonly stateKeyPrefix: string;
  /** Region of the state bucket. */
  readonly stateRegion: string;
  /** Tags on every resource that supports them, through the providers' default_tags. */
  readonly tags: Record<string, string>;
}

/**
 * What every stack of the app shares: an S3 backend with native locking and encryption, the
 * hashicorp/aws provider requirement, the default provider, and readable resource names.
 *
 * Resource names are the construct path below the stack joined with "_" (e.g.
 * `dnssec_ksk_1_signing_key`) instead of cdktf's hashed ids, so plans, the checked-in HCL and the
 * plan guard read like hand-written Terraform. Two paths that would collide fail the synth.
 */
export abstract class BaseStack extends TerraformStack {
  /** The provider of the stack's own region. */
  readonly provider: AwsProvider;
  private readonly allocated = new Map<string, string>();

  constructor(scope: Construct, id: string, props: BaseStackProps) {
    super(scope, id);
    // Credentials come from the standard AWS chain (environment, SSO, OIDC role); never from settings.
    this.provider = new AwsProvider(this, "aws", { region: props.region, defaultTags: [{ tags: props.tags }] });
    const backend = new S3Backend(this, {
      bucket: props.stateBucket,
      key: `${props.stateKeyPrefix}/${id}.tfstate`,
      region: props.stateRegion,
      encrypt: true,
    });
    // S3 native state locking; cdktf 0.21's S3Backend predates the option.
    backend.addOverride("use_lockfile", true);
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
    this.addOverride("terraform.required_providers.aws.source", "hashicorp/aws");
    this.addOverride("terraform.required_providers.aws.version", AWS_PROVIDER_VERSION);
  }

  /** A provider for another region, under an alias such as `us_east_1`. */
  protected regionalProvider(region: string, tags: Record<string, string>): AwsProvider {
    const alias = region.replace(/-/g, "_");
    return new AwsProvider(this, `aws_${alias}`, { region, alias, defaultTags: [{ tags }] });
  }

  allocateLogicalId(element: TerraformElement | Node): string {
    const node = TerraformElement.isTerraformElement(element) ? element.node : element;
    const scopes = node.scopes;
    const components = scopes.slice(scopes.indexOf(this) + 1).map((c) => c.node.id);
    if (components.length === 0) return "";
    const name = components
      .join("_")
      .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, "_")
      .replace(/_+/g, "_")
      .replace(/^_|_$/g, "");
    const id = /^[a-z_]/.test(name) ? name : `r_${name}`;
    const path = node.path;
    const previous = this.allocated.get(id);
    if (previous !== undefined && previous !== path) {
      throw new Error(`Two constructs would get the Terraform name "${id}": ${previous} and ${path}; rename one construct id.`);
    }
    this.allocated.set(id, path);
    return id;
  }
}
