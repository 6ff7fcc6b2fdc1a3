import { Construct } from "constructs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DataAwsAmi } from "@cdktf/provider-aws/lib/data-aws-ami";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";

export interface ComputeProps {
  /** Prefix of names and tags. */
  readonly namePrefix: string;
  /** The VPC of the instances. */
  readonly vpcId: string;
  /** One instance is placed in each of these private subnets. */
  readonly subnets: Subnet[];
  /** EC2 instance type, e.g. "t3.micro". */
  readonly instanceType: string;
  /**
   * AMI name patterns; the newest Amazon-owned match is used when an instance is created. A newer
   * match never replaces a running instance (`ignore_changes = [ami]`); roll it out one instance
   * at a time with `terraform apply -replace=...` (README "Updating the web servers").
   */
  readonly amiNames: readonly string[];
  /**
   * Path of the user-data script.
   * @default - modules/user-data/web-server.sh, which serves a static page on port 80
   */
  readonly userDataFile?: string;
}

/** The bundled user data: a static page served on port 80. */
export const DEFAULT_USER_DATA_FILE = join(__dirname, "user-data", "web-server.sh");

/**
 * Web servers in private subnets: no public address, IMDSv2 only, encrypted root volume. The
 * security group accepts nothing until the load balancer grants itself access (see LoadBalancer).
 */
export class Compute extends Construct {
  readonly instances: Instance[] = [];
  readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: ComputeProps) {
    const file = props.userDataFile ?? DEFAULT_USER_DATA_FILE;
    let userData: string;
    try {
      // Read at synth so the script travels inside the configuration: the committed HCL then
      // needs no file next to it.
      userData = readFileSync(file, "utf8");
    } catch {
      throw new Error(`Compute userDataFile ${JSON.stringify(file)} cannot be read; check the path.`);
    }
    if (props.amiNames.length === 0) throw new Error("Compute amiNames must list at least one AMI name pattern.");
    super(scope, id);

    const ami = new DataAwsAmi(this, "ami", {
      mostRecent: true,
      owners: ["amazon"],
      filter: [
        { name: "name", values: [...props.amiNames] },
        { name: "virtualization-type", values: ["hvm"] },
      ],
    });

    this.securityGroup = new SecurityGroup(this, "security_group", {
      name: `${props.namePrefix}-instances`,
      description: "Web servers: HTTP from the load balancer only; HTTPS out for updates",
      vpcId: props.vpcId,
      egress: [
        { description: "HTTPS to the internet through NAT, for package updates", fromPort: 443, toPort: 443, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"] },
        { description: "HTTP to the internet through NAT, for package mirrors", fromPort: 80, toPort: 80, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"] },
      ],
      tags: { Name: `${props.namePrefix}-instances` },
    });

    props.subnets.forEach((subnet, i) => {
      const n = i + 1;
      this.instances.push(
        new Instance(this, `instance_${n}`, {
          ami: ami.id,
          instanceType: props.instanceType,
          subnetId: subnet.id,
          vpcSecurityGroupIds: [this.securityGroup.id],
          associatePublicIpAddress: false,
          monitoring: true,
          ebsOptimized: true,
          // IMDSv2 only, one hop: a compromised process in a container cannot reach the credentials.
          metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
          rootBlockDevice: { encrypted: true, volumeType: "gp3", deleteOnTermination: true },
          userData,
          userDataReplaceOnChange: true,
          tags: { Name: `${props.namePrefix}-server-${n}` },
          // The AMI lookup finds the newest release on every plan, and a changed ami forces
          // replacement: without this, each Amazon Linux release would replace every web server
          // at once. New AMIs are rolled out one instance at a time with -replace (README
          // "Updating the web servers").
          lifecycle: { ignoreChanges: ["ami"] },
        }),
      );
    });
  }
}
