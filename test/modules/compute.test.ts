import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Compute, ComputeProps, DEFAULT_USER_DATA_FILE } from "../../modules/compute";
import { dataSources, moduleStack, only, resources, synthApp, synthStack, TfJson } from "../helpers/synth";

type Overrides = Partial<Omit<ComputeProps, "subnets">>;

function synthCompute(overrides: Overrides = {}): TfJson {
  const { stack } = moduleStack();
  const subnets = ["10.0.1.0/24", "10.0.2.0/24"].map((cidrBlock, i) => new Subnet(stack, `private_${i + 1}`, { vpcId: "vpc-123", cidrBlock }));
  new Compute(stack, "compute", {
    namePrefix: "demo",
    vpcId: "vpc-123",
    subnets,
    instanceType: "t3.micro",
    amiNames: ["al2023-ami-2023.*-x86_64"],
    ...overrides,
  });
  return synthStack(stack);
}

/** Top-level constructs of a bare stack keep their id as the Terraform name. */
function subnetId(doc: TfJson, id: string): string {
  expect(resources(doc, "aws_subnet")[id]).toBeDefined();
  return `\${aws_subnet.${id}.id}`;
}

const scratch = mkdtempSync(join(tmpdir(), "compute-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("Compute", () => {
  const doc = synthCompute();
  const instances = Object.values(resources(doc, "aws_instance"));

  it("never replaces the web servers for a newer AMI: each instance ignores changes of ami", () => {
    // A new Amazon Linux release would otherwise plan a destroy-then-create of every instance at
    // once, behind a load balancer left with no healthy target (README "Updating the web servers").
    expect(instances).toHaveLength(2);
    for (const instance of instances) expect(instance.lifecycle).toEqual({ ignore_changes: ["ami"] });
  });

  it("looks up the newest Amazon-owned HVM AMI matching the name patterns", () => {
    const amis = Object.entries(dataSources(doc, "aws_ami"));
    expect(amis).toHaveLength(1);
    const [amiName, ami] = amis[0];
    expect(ami.owners).toEqual(["amazon"]);
    expect(ami.most_recent).toBe(true);
    expect(ami.filter).toEqual(
      expect.arrayContaining([
        { name: "name", values: ["al2023-ami-2023.*-x86_64"] },
        { name: "virtualization-type", values: ["hvm"] },
      ]),
    );
    for (const instance of instances) expect(instance.ami).toBe(`\${data.aws_ami.${amiName}.id}`);
  });

  it("places one instance in each private subnet it is given", () => {
    expect(instances.map((i) => i.subnet_id).sort()).toEqual([subnetId(doc, "private_1"), subnetId(doc, "private_2")].sort());
    for (const instance of instances) expect(instance.instance_type).toBe("t3.micro");
  });

  it("gives no instance a public IP address", () => {
    for (const instance of instances) expect(instance.associate_public_ip_address).toBe(false);
  });

  it("requires IMDSv2 with a hop limit of 1 on every instance", () => {
    for (const instance of instances) {
      expect(instance.metadata_options).toMatchObject({ http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 });
    }
  });

  it("encrypts every instance's root volume", () => {
    for (const instance of instances) expect(instance.root_block_device).toMatchObject({ encrypted: true });
  });

  it("attaches the module's own security group, which allows no ingress by itself", () => {
    const groups = Object.entries(resources(doc, "aws_security_group"));
    expect(groups).toHaveLength(1);
    const [groupName, group] = groups[0];
    expect(group.vpc_id).toBe("vpc-123");
    expect(group.ingress).toBeUndefined();
    for (const instance of instances) expect(instance.vpc_security_group_ids).toEqual([`\${aws_security_group.${groupName}.id}`]);
  });

  it("uses the bundled web-server script as user data, verbatim, by default", () => {
    const script = readFileSync(DEFAULT_USER_DATA_FILE, "utf8");
    expect(script.length).toBeGreaterThan(0);
    for (const instance of instances) expect(instance.user_data).toBe(script);
  });

  it("uses the content of a custom user-data file and replaces instances when it changes", () => {
    const file = join(scratch, "custom.sh");
    writeFileSync(file, "#!/bin/sh\necho custom\n");
    const custom = Object.values(resources(synthCompute({ userDataFile: file }), "aws_instance"));
    expect(custom).toHaveLength(2);
    for (const instance of custom) {
      expect(instance.user_data).toBe("#!/bin/sh\necho custom\n");
      expect(instance.user_data_replace_on_change).toBe(true);
    }
  });

  it("throws naming the file when the user-data file cannot be read", () => {
    const missing = join(scratch, "missing.sh");
    expect(() => synthCompute({ userDataFile: missing })).toThrow(`Compute userDataFile ${JSON.stringify(missing)} cannot be read; check the path.`);
  });

  it("throws when no AMI name pattern is given", () => {
    expect(() => synthCompute({ amiNames: [] })).toThrow("Compute amiNames must list at least one AMI name pattern.");
  });
});

describe("Compute settings passthrough", () => {
  it("uses the instance type it is given", () => {
    const doc = synthCompute({ instanceType: "t3.small" });
    const types = Object.values(resources(doc, "aws_instance")).map((i) => i.instance_type);
    expect(types).toEqual(["t3.small", "t3.small"]);
    expect(only(doc, "aws_security_group").name).toBe("demo-instances");
  });
});

describe("Compute in the app", () => {
  it("places one web server in each of the network's private subnets", () => {
    const { app } = synthApp();
    const subnets = Object.values(resources(app, "aws_instance")).map((i) => i.subnet_id);
    expect(subnets).toEqual([1, 2, 3].map((n) => `\${aws_subnet.network_private_subnet_${n}.id}`));
  });
});
