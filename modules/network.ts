import { Construct } from "constructs";
import { Fn } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsAvailabilityZones } from "@cdktf/provider-aws/lib/data-aws-availability-zones";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { cidrContains, parseCidr } from "./rules";

export interface NetworkProps {
  /** Prefix of the Name tags. */
  readonly namePrefix: string;
  /** The VPC's IPv4 block. */
  readonly vpcCidr: string;
  /** One public subnet per availability zone; the ALB and NAT gateways live here. */
  readonly publicSubnetCidrs: readonly string[];
  /** One private subnet per availability zone, same count as the public ones; instances live here. */
  readonly privateSubnetCidrs: readonly string[];
  /**
   * Availability zones, one per subnet pair.
   * @default - the region's available zones, in order
   */
  readonly availabilityZones?: readonly string[];
  /**
   * Retention of the flow-log group in days.
   * @default 365
   */
  readonly flowLogRetentionDays?: number;
}

/**
 * VPC with public and private subnets across zones, an internet gateway, one NAT gateway per zone
 * (so one zone's outage does not cut the others' egress), and VPC flow logs.
 */
export class Network extends Construct {
  readonly vpc: Vpc;
  readonly publicSubnets: Subnet[] = [];
  readonly privateSubnets: Subnet[] = [];
  readonly flowLog: FlowLog;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    if (props.publicSubnetCidrs.length !== props.privateSubnetCidrs.length || props.publicSubnetCidrs.length < 2) {
      throw new Error(
        `Network needs the same number (at least 2) of public and private subnets, got ${props.publicSubnetCidrs.length} public and ${props.privateSubnetCidrs.length} private.`,
      );
    }
    if (props.availabilityZones !== undefined && props.availabilityZones.length < props.publicSubnetCidrs.length) {
      throw new Error(
        `Network availabilityZones lists ${props.availabilityZones.length} zones but there are ${props.publicSubnetCidrs.length} subnet pairs; list one zone per pair, or leave it out to use the region's zones.`,
      );
    }
    const vpcBlock = parseCidr("Network vpcCidr", props.vpcCidr);
    if (typeof vpcBlock === "string") throw new Error(vpcBlock);
    for (const cidr of [...props.publicSubnetCidrs, ...props.privateSubnetCidrs]) {
      const block = parseCidr("Network subnet", cidr);
      if (typeof block === "string") throw new Error(block);
      if (!cidrContains(vpcBlock, block)) throw new Error(`Network subnet "${cidr}" lies outside the VPC block "${props.vpcCidr}"; choose a block inside it.`);
    }
    super(scope, id);

    const zones = props.availabilityZones;
    const available = zones === undefined ? new DataAwsAvailabilityZones(this, "zones", { state: "available" }) : undefined;
    const zoneAt = (i: number): string => (zones !== undefined ? zones[i] : Fn.element(available!.names, i));
    const tags = (name: string) => ({ Name: `${props.namePrefix}-${name}` });

    this.vpc = new Vpc(this, "vpc", {
      cidrBlock: props.vpcCidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: tags("vpc"),
    });
    // The default security group allows all traffic between its members; empty it so nothing can
    // use it by accident (CIS AWS 5.4).
    new DefaultSecurityGroup(this, "default_security_group", { vpcId: this.vpc.id, tags: tags("default-deny") });

    const igw = new InternetGateway(this, "internet_gateway", { vpcId: this.vpc.id, tags: tags("igw") });
    const publicRoutes = new RouteTable(this, "public_route_table", { vpcId: this.vpc.id, tags: tags("public") });
    new Route(this, "public_default_route", {
      routeTableId: publicRoutes.id,
      destinationCidrBlock: "0.0.0.0/0",
      gatewayId: igw.id,
    });

    props.publicSubnetCidrs.forEach((cidr, i) => {
      const n = i + 1;
      const subnet = new Subnet(this, `public_subnet_${n}`, {
        vpcId: this.vpc.id,
        cidrBlock: cidr,
        availabilityZone: zoneAt(i),
        // Instances get no public address even here; only the ALB and NAT gateways face the internet.
        mapPublicIpOnLaunch: false,
        tags: tags(`public-${n}`),
      });
      this.publicSubnets.push(subnet);
      new RouteTableAssociation(this, `public_route_table_association_${n}`, { subnetId: subnet.id, routeTableId: publicRoutes.id });
    });

    props.privateSubnetCidrs.forEach((cidr, i) => {
      const n = i + 1;
      const subnet = new Subnet(this, `private_subnet_${n}`, {
        vpcId: this.vpc.id,
        cidrBlock: cidr,
        availabilityZone: zoneAt(i),
        tags: tags(`private-${n}`),
      });
      this.privateSubnets.push(subnet);
      const eip = new Eip(this, `nat_eip_${n}`, { domain: "vpc", tags: tags(`nat-${n}`), dependsOn: [igw] });
      const nat = new NatGateway(this, `nat_gateway_${n}`, {
        subnetId: this.publicSubnets[i].id,
        allocationId: eip.id,
        tags: tags(`nat-${n}`),
        dependsOn: [igw],
      });
      const routes = new RouteTable(this, `private_route_table_${n}`, { vpcId: this.vpc.id, tags: tags(`private-${n}`) });
      // The seed routed through `gateway_id`; a NAT gateway belongs in `nat_gateway_id`.
      new Route(this, `private_default_route_${n}`, {
        routeTableId: routes.id,
        destinationCidrBlock: "0.0.0.0/0",
        natGatewayId: nat.id,
      });
      new RouteTableAssociation(this, `private_route_table_association_${n}`, { subnetId: subnet.id, routeTableId: routes.id });
    });

    const logGroup = new CloudwatchLogGroup(this, "flow_log_group", {
      name: `/aws/vpc/${props.namePrefix}/flow-logs`,
      retentionInDays: props.flowLogRetentionDays ?? 365,
    });
    // The role and its policy follow AWS's documented flow-log role, scoped to this account and
    // this log group where the API allows it.
    // https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
    const identity = new DataAwsCallerIdentity(this, "account");
    const partition = new DataAwsPartition(this, "partition");
    const assume = new DataAwsIamPolicyDocument(this, "flow_log_assume_role", {
      statement: [
        {
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["vpc-flow-logs.amazonaws.com"] }],
          actions: ["sts:AssumeRole"],
          // Confused-deputy protection: only this account's flow logs may use the role.
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: [identity.accountId] },
            { test: "ArnLike", variable: "aws:SourceArn", values: [`arn:${partition.partition}:ec2:*:${identity.accountId}:vpc-flow-log/*`] },
          ],
        },
      ],
    });
    const role = new IamRole(this, "flow_log_role", {
      name: `${props.namePrefix}-vpc-flow-logs`,
      assumeRolePolicy: assume.json,
    });
    const write = new DataAwsIamPolicyDocument(this, "flow_log_write", {
      statement: [
        {
          effect: "Allow",
          actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          resources: [`${logGroup.arn}:*`],
        },
        {
          // Listing log groups has no resource-level permissions.
          effect: "Allow",
          actions: ["logs:DescribeLogGroups"],
          resources: ["*"],
        },
      ],
    });
    const rolePolicy = new IamRolePolicy(this, "flow_log_role_policy", { role: role.id, policy: write.json });
    this.flowLog = new FlowLog(this, "flow_log", {
      vpcId: this.vpc.id,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
      // The flow log only needs the role's ARN, so Terraform would create it alongside the role
      // policy; without the policy in place its first deliveries fail.
      dependsOn: [rolePolicy],
    });
  }
}
