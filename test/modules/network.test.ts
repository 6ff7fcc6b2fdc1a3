import { describe, expect, it } from "vitest";
import { Network, NetworkProps } from "../../modules/network";
import { dataSources, moduleStack, only, resources, synthApp, synthStack, TfJson } from "../helpers/synth";

const BASE: NetworkProps = {
  namePrefix: "demo",
  vpcCidr: "10.20.20.0/24",
  publicSubnetCidrs: ["10.20.20.96/27", "10.20.20.128/27"],
  privateSubnetCidrs: ["10.20.20.0/27", "10.20.20.32/27"],
};

function synthNetwork(overrides: Partial<NetworkProps> = {}): TfJson {
  const { stack } = moduleStack();
  new Network(stack, "network", { ...BASE, ...overrides });
  return synthStack(stack);
}

/** A bare stack names resources `<construct path>_<hash>`; this finds one by its construct id. */
function named(doc: TfJson, type: string, id: string): { name: string; body: Record<string, unknown> } {
  const pattern = new RegExp(`^network_${id}_[0-9A-F]{8}$`);
  const hits = Object.entries(resources(doc, type)).filter(([name]) => pattern.test(name));
  if (hits.length !== 1) throw new Error(`expected one ${type} with id ${id}, found ${hits.length}`);
  return { name: hits[0][0], body: hits[0][1] };
}

function ref(doc: TfJson, type: string, id: string, attribute: string): string {
  return `\${${type}.${named(doc, type, id).name}.${attribute}}`;
}

describe("Network", () => {
  const doc = synthNetwork();

  it("enables DNS support and DNS hostnames on the VPC, which Route 53 private resolution needs", () => {
    const vpc = only(doc, "aws_vpc");
    expect(vpc.cidr_block).toBe("10.20.20.0/24");
    expect(vpc.enable_dns_support).toBe(true);
    expect(vpc.enable_dns_hostnames).toBe(true);
  });

  it("creates one public and one private subnet per pair, in the VPC, with the given blocks", () => {
    expect(Object.keys(resources(doc, "aws_subnet"))).toHaveLength(4);
    const vpcId = ref(doc, "aws_vpc", "vpc", "id");
    BASE.publicSubnetCidrs.forEach((cidr, i) => {
      const subnet = named(doc, "aws_subnet", `public_subnet_${i + 1}`).body;
      expect(subnet.cidr_block).toBe(cidr);
      expect(subnet.vpc_id).toBe(vpcId);
    });
    BASE.privateSubnetCidrs.forEach((cidr, i) => {
      const subnet = named(doc, "aws_subnet", `private_subnet_${i + 1}`).body;
      expect(subnet.cidr_block).toBe(cidr);
      expect(subnet.vpc_id).toBe(vpcId);
    });
  });

  it("gives no public address on launch, even in public subnets", () => {
    for (const i of [1, 2]) {
      expect(named(doc, "aws_subnet", `public_subnet_${i}`).body.map_public_ip_on_launch).toBe(false);
      expect(named(doc, "aws_subnet", `private_subnet_${i}`).body.map_public_ip_on_launch).not.toBe(true);
    }
  });

  it("spreads each subnet pair over the region's available zones by index when no zones are given", () => {
    const zones = Object.entries(dataSources(doc, "aws_availability_zones"));
    expect(zones).toHaveLength(1);
    const [zonesName, zonesData] = zones[0];
    expect(zonesData.state).toBe("available");
    for (const i of [0, 1]) {
      const expected = `\${element(data.aws_availability_zones.${zonesName}.names, ${i})}`;
      expect(named(doc, "aws_subnet", `public_subnet_${i + 1}`).body.availability_zone).toBe(expected);
      expect(named(doc, "aws_subnet", `private_subnet_${i + 1}`).body.availability_zone).toBe(expected);
    }
  });

  it("places each subnet pair in the zone of the explicit list, and reads no zone data source then", () => {
    const explicit = synthNetwork({ availabilityZones: ["us-east-2b", "us-east-2c"] });
    expect(dataSources(explicit, "aws_availability_zones")).toEqual({});
    expect(named(explicit, "aws_subnet", "public_subnet_1").body.availability_zone).toBe("us-east-2b");
    expect(named(explicit, "aws_subnet", "private_subnet_1").body.availability_zone).toBe("us-east-2b");
    expect(named(explicit, "aws_subnet", "public_subnet_2").body.availability_zone).toBe("us-east-2c");
    expect(named(explicit, "aws_subnet", "private_subnet_2").body.availability_zone).toBe("us-east-2c");
  });

  it("routes the public route table's default route to the internet gateway and associates every public subnet with it", () => {
    const igw = named(doc, "aws_internet_gateway", "internet_gateway").body;
    expect(igw.vpc_id).toBe(ref(doc, "aws_vpc", "vpc", "id"));
    const route = named(doc, "aws_route", "public_default_route").body;
    expect(route).toMatchObject({
      destination_cidr_block: "0.0.0.0/0",
      gateway_id: ref(doc, "aws_internet_gateway", "internet_gateway", "id"),
      route_table_id: ref(doc, "aws_route_table", "public_route_table", "id"),
    });
    expect(route.nat_gateway_id).toBeUndefined();
    for (const i of [1, 2]) {
      expect(named(doc, "aws_route_table_association", `public_route_table_association_${i}`).body).toEqual({
        subnet_id: ref(doc, "aws_subnet", `public_subnet_${i}`, "id"),
        route_table_id: ref(doc, "aws_route_table", "public_route_table", "id"),
      });
    }
  });

  it("creates one NAT gateway with its own elastic IP in each zone's public subnet", () => {
    expect(Object.keys(resources(doc, "aws_nat_gateway"))).toHaveLength(2);
    expect(Object.keys(resources(doc, "aws_eip"))).toHaveLength(2);
    const igw = `aws_internet_gateway.${named(doc, "aws_internet_gateway", "internet_gateway").name}`;
    for (const i of [1, 2]) {
      const eip = named(doc, "aws_eip", `nat_eip_${i}`).body;
      expect(eip.domain).toBe("vpc");
      expect(eip.depends_on).toEqual([igw]);
      const nat = named(doc, "aws_nat_gateway", `nat_gateway_${i}`).body;
      expect(nat.subnet_id).toBe(ref(doc, "aws_subnet", `public_subnet_${i}`, "id"));
      expect(nat.allocation_id).toBe(ref(doc, "aws_eip", `nat_eip_${i}`, "id"));
      expect(nat.depends_on).toEqual([igw]);
    }
  });

  it("routes each private subnet through its own zone's NAT gateway with nat_gateway_id, not gateway_id", () => {
    for (const i of [1, 2]) {
      const route = named(doc, "aws_route", `private_default_route_${i}`).body;
      expect(route).toEqual({
        destination_cidr_block: "0.0.0.0/0",
        nat_gateway_id: ref(doc, "aws_nat_gateway", `nat_gateway_${i}`, "id"),
        route_table_id: ref(doc, "aws_route_table", `private_route_table_${i}`, "id"),
      });
      expect(named(doc, "aws_route_table_association", `private_route_table_association_${i}`).body).toEqual({
        subnet_id: ref(doc, "aws_subnet", `private_subnet_${i}`, "id"),
        route_table_id: ref(doc, "aws_route_table", `private_route_table_${i}`, "id"),
      });
    }
  });

  it("empties the default security group so nothing can use its allow-all rules by accident", () => {
    const sg = only(doc, "aws_default_security_group");
    expect(sg.vpc_id).toBe(ref(doc, "aws_vpc", "vpc", "id"));
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
  });

  it("logs ALL VPC traffic to a CloudWatch log group kept 365 days by default", () => {
    const flowLog = only(doc, "aws_flow_log");
    expect(flowLog).toMatchObject({
      vpc_id: ref(doc, "aws_vpc", "vpc", "id"),
      traffic_type: "ALL",
      log_destination_type: "cloud-watch-logs",
      log_destination: ref(doc, "aws_cloudwatch_log_group", "flow_log_group", "arn"),
      iam_role_arn: ref(doc, "aws_iam_role", "flow_log_role", "arn"),
    });
    const group = only(doc, "aws_cloudwatch_log_group");
    expect(group.name).toBe("/aws/vpc/demo/flow-logs");
    expect(group.retention_in_days).toBe(365);
    expect(only(synthNetwork({ flowLogRetentionDays: 30 }), "aws_cloudwatch_log_group").retention_in_days).toBe(30);
  });

  it("lets only the VPC Flow Logs service assume the flow-log role, which may write only to its log group", () => {
    const role = only(doc, "aws_iam_role");
    const documents = dataSources(doc, "aws_iam_policy_document");
    const trustName = Object.keys(documents).find((n) => role.assume_role_policy === `\${data.aws_iam_policy_document.${n}.json}`);
    expect(trustName).toBeDefined();
    const dataName = (type: string) => Object.keys(dataSources(doc, type))[0];
    const account = `\${data.aws_caller_identity.${dataName("aws_caller_identity")}.account_id}`;
    const partition = `\${data.aws_partition.${dataName("aws_partition")}.partition}`;
    // Confused-deputy protection: the service may assume the role only for this account's flow logs.
    // https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
    expect(documents[trustName!].statement).toEqual([
      {
        effect: "Allow",
        actions: ["sts:AssumeRole"],
        principals: [{ type: "Service", identifiers: ["vpc-flow-logs.amazonaws.com"] }],
        condition: [
          { test: "StringEquals", variable: "aws:SourceAccount", values: [account] },
          { test: "ArnLike", variable: "aws:SourceArn", values: [`arn:${partition}:ec2:*:${account}:vpc-flow-log/*`] },
        ],
      },
    ]);

    const rolePolicy = only(doc, "aws_iam_role_policy");
    expect(rolePolicy.role).toBe(ref(doc, "aws_iam_role", "flow_log_role", "id"));
    const writeName = Object.keys(documents).find((n) => rolePolicy.policy === `\${data.aws_iam_policy_document.${n}.json}`);
    expect(writeName).toBeDefined();
    const [write] = documents[writeName!].statement as Record<string, unknown>[];
    expect(write.effect).toBe("Allow");
    expect(write.actions).toEqual(expect.arrayContaining(["logs:CreateLogStream", "logs:PutLogEvents"]));
    expect(write.resources).toEqual([`${ref(doc, "aws_cloudwatch_log_group", "flow_log_group", "arn")}:*`]);
    // AWS's documented policy also lists the log groups; the call has no resource-level scope.
    const describe = (documents[writeName!].statement as Record<string, unknown>[]).find((st) => (st.actions as string[]).includes("logs:DescribeLogGroups"));
    expect(describe).toEqual({ effect: "Allow", actions: ["logs:DescribeLogGroups"], resources: ["*"] });
  });

  it("creates the flow log only once its role may write, so the first delivery does not fail", () => {
    const flowLog = only(doc, "aws_flow_log");
    expect(flowLog.depends_on).toEqual([`aws_iam_role_policy.${named(doc, "aws_iam_role_policy", "flow_log_role_policy").name}`]);
  });

  it("throws when the public and private subnet lists differ in length", () => {
    expect(() => synthNetwork({ privateSubnetCidrs: ["10.20.20.0/27"] })).toThrow(
      "Network needs the same number (at least 2) of public and private subnets, got 2 public and 1 private.",
    );
  });

  it("throws when there are fewer than two subnet pairs, which an ALB cannot use", () => {
    expect(() => synthNetwork({ publicSubnetCidrs: ["10.20.20.96/27"], privateSubnetCidrs: ["10.20.20.0/27"] })).toThrow(
      "Network needs the same number (at least 2) of public and private subnets, got 1 public and 1 private.",
    );
  });

  it("throws when a subnet lies outside the VPC block", () => {
    expect(() => synthNetwork({ privateSubnetCidrs: ["10.20.20.0/27", "10.20.21.0/27"] })).toThrow(
      'Network subnet "10.20.21.0/27" lies outside the VPC block "10.20.20.0/24"; choose a block inside it.',
    );
  });

  it("throws when a subnet is not a CIDR block", () => {
    expect(() => synthNetwork({ publicSubnetCidrs: ["10.20.20.96/27", "10.20.20.128"] })).toThrow(
      'Network subnet must be an IPv4 CIDR block such as 10.20.20.0/24, got: "10.20.20.128".',
    );
  });

  it("throws when the VPC block has host bits set, suggesting the network address", () => {
    expect(() => synthNetwork({ vpcCidr: "10.20.20.1/24" })).toThrow(
      'Network vpcCidr has host bits set, got: "10.20.20.1/24"; did you mean 10.20.20.0/24?',
    );
  });
});

describe("Network in the app", () => {
  const { app } = synthApp();

  it("builds the default three subnet pairs, each private subnet behind its own zone's NAT gateway", () => {
    const routes = resources(app, "aws_route");
    for (const n of [1, 2, 3]) {
      expect(resources(app, "aws_nat_gateway")[`network_nat_gateway_${n}`].subnet_id).toBe(`\${aws_subnet.network_public_subnet_${n}.id}`);
      expect(routes[`network_private_default_route_${n}`]).toMatchObject({
        nat_gateway_id: `\${aws_nat_gateway.network_nat_gateway_${n}.id}`,
        route_table_id: `\${aws_route_table.network_private_route_table_${n}.id}`,
      });
    }
    expect(Object.keys(resources(app, "aws_nat_gateway"))).toHaveLength(3);
  });

  it("uses the zones listed in the availabilityZones setting", () => {
    const zoned = synthApp({ availabilityZones: ["us-east-2a", "us-east-2b", "us-east-2c"] }).app;
    expect(resources(zoned, "aws_subnet").network_private_subnet_3.availability_zone).toBe("us-east-2c");
    expect(dataSources(zoned, "aws_availability_zones")).toEqual({});
  });
});

describe("Network availability zones", () => {
  it("throws when fewer zones than subnet pairs are given", () => {
    const { stack } = moduleStack();
    expect(
      () =>
        new Network(stack, "network", {
          namePrefix: "demo",
          vpcCidr: "10.0.0.0/24",
          publicSubnetCidrs: ["10.0.0.0/27", "10.0.0.32/27"],
          privateSubnetCidrs: ["10.0.0.64/27", "10.0.0.96/27"],
          availabilityZones: ["us-east-2a"],
        }),
    ).toThrow("Network availabilityZones lists 1 zones but there are 2 subnet pairs; list one zone per pair, or leave it out to use the region's zones.");
  });
});
