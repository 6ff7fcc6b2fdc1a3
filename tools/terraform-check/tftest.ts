/**
 * Writes the `terraform test` files: mocks of both aws providers with realistic values, the
 * overrides a real provider would know at plan, a plan run and an apply run with assertions on
 * the DNSSEC facts, and the transition runs that carry one step's state into the next.
 */
import { ACCOUNT_ID, NAME_SERVERS, ZONE_ID, mockKmsKey, mockKsk, mockSharedKey, regionZones, sharedKeyResource, type ConfigFacts, type KskFact, type UnusableKeyState } from "./facts";
import { address, type Block, type StackModel } from "./stack-model";

/** The part of `terraform providers schema -json` the mocks use. */
export interface ResourceSchemas {
  readonly [type: string]: { readonly block: { readonly attributes?: Record<string, { readonly type: unknown; readonly computed?: boolean }> } };
}

/** HCL for a JSON-like value (numbers, strings, booleans, lists and objects). */
export function hclValue(value: unknown, indent = ""): string {
  if (typeof value === "string") return JSON.stringify(value).replace(/\$\{/g, "$$${").replace(/%\{/g, "%%{");
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => hclValue(v, indent)).join(", ")}]`;
  if (value && typeof value === "object") {
    const inner = `${indent}  `;
    const entries = Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)} = ${hclValue(v, inner)}`);
    return entries.length === 0 ? "{}" : `{\n${entries.join("\n")}\n${indent}}`;
  }
  throw new Error(`no HCL literal for ${String(value)}`);
}

// ARNs must look real: the provider's validators check every ARN a resource receives, mocked or not.
const ARN_SERVICE: [RegExp, string][] = [
  [/^aws_cloudwatch_log_/, "logs"],
  [/^aws_cloudwatch_/, "cloudwatch"],
  [/^aws_lb/, "elasticloadbalancing"],
  [/^aws_(vpc|subnet|instance|eip|nat_gateway|internet_gateway|route_table|security_group|default_security_group|flow_log)/, "ec2"],
  [/^aws_route53_resolver/, "route53resolver"],
  [/^aws_route53/, "route53"],
];
const GLOBAL_SERVICES = new Set(["iam", "route53", "s3"]);

function arnService(type: string): string {
  for (const [pattern, service] of ARN_SERVICE) if (pattern.test(type)) return service;
  return type.replace(/^aws_/, "").split("_")[0];
}

/** A well-formed ARN for a resource type, in the provider's region. */
export function mockArn(type: string, region: string): string {
  const service = arnService(type);
  const resource = type.replace(/^aws_/, "").replace(/_/g, "-");
  if (service === "s3") return `arn:aws:s3:::${ACCOUNT_ID}-terraform-check-${resource}`;
  if (type === "aws_cloudwatch_log_group") return `arn:aws:logs:${region}:${ACCOUNT_ID}:log-group:terraform-check`;
  if (type === "aws_sns_topic") return `arn:aws:sns:${region}:${ACCOUNT_ID}:terraform-check`;
  if (service === "iam") return `arn:aws:iam::${ACCOUNT_ID}:${resource}/terraform-check`;
  if (GLOBAL_SERVICES.has(service)) return `arn:aws:${service}:::${resource}/terraform-check`;
  return `arn:aws:${service}:${region}:${ACCOUNT_ID}:${resource}/terraform-check`;
}

/** A placeholder of the schema's type, for computed attributes the mock must fix at plan. */
function placeholder(type: unknown, name: string): unknown {
  if (type === "string") return `terraform-check-${name}`;
  if (type === "number") return 0;
  if (type === "bool") return false;
  if (Array.isArray(type) && (type[0] === "list" || type[0] === "set")) return [];
  if (Array.isArray(type) && type[0] === "map") return {};
  return null;
}

const POLICY_JSON = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "TerraformCheck", Effect: "Allow", Action: "sts:GetCallerIdentity", Resource: "*" }] });

function mockProvider(alias: string | undefined, region: string, model: StackModel, schemas: ResourceSchemas): string {
  const lines = [`mock_provider "aws" {`];
  if (alias) lines.push(`  alias = "${alias}"`);
  const dataDefaults: Record<string, Record<string, unknown>> = {
    aws_availability_zones: { names: regionZones(region), zone_ids: regionZones(region).map((_, i) => `${region.replace(/-/g, "").slice(0, 5)}-az${i + 1}`), id: region },
    aws_caller_identity: { account_id: ACCOUNT_ID, arn: `arn:aws:iam::${ACCOUNT_ID}:role/terraform-check`, user_id: "AROATERRAFORMCHECK", id: ACCOUNT_ID },
    aws_partition: { partition: "aws", dns_suffix: "amazonaws.com", reverse_dns_prefix: "com.amazonaws", id: "aws" },
    aws_iam_policy_document: { json: POLICY_JSON, minified_json: POLICY_JSON, id: "terraform-check" },
    aws_ami: { id: "ami-0123456789abcdef0", arn: `arn:aws:ec2:${region}::image/ami-0123456789abcdef0`, architecture: "x86_64" },
    aws_region: { name: region, id: region },
  };
  for (const [type, values] of Object.entries(dataDefaults)) {
    if (model.data.some((d) => d.type === type)) lines.push(`  mock_data "${type}" {`, `    defaults = ${hclValue(values, "    ")}`, "  }");
  }
  for (const type of [...new Set(model.resources.map((r) => r.type))].sort()) {
    const attributes = schemas[type]?.block.attributes ?? {};
    if (!attributes.arn?.computed) continue;
    lines.push(`  mock_resource "${type}" {`, `    defaults = ${hclValue({ arn: mockArn(type, region) }, "    ")}`, "  }");
  }
  lines.push("}");
  return lines.join("\n");
}

/** The zone stack's outputs as the app stack reads them from its remote state. */
function remoteStateOverrides(model: StackModel): string[] {
  const out: string[] = [];
  for (const [name, keys] of model.remoteStateOutputs) {
    const outputs: Record<string, unknown> = {};
    for (const key of keys) outputs[key] = key.endsWith("name_servers") ? NAME_SERVERS : key.endsWith("zone_id") ? ZONE_ID : `terraform-check-${key}`;
    out.push(`override_data {`, `  target = data.terraform_remote_state.${name}`, `  values = ${hclValue({ outputs }, "  ")}`, "}");
  }
  return out;
}

function literal(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  return typeof value === "string" && !value.includes("${") ? value : undefined;
}

/**
 * Overrides for values the real provider knows at plan (ACM computes domain_validation_options from
 * the names) and per-address values that let assertions tell two KSKs or two keys apart.
 */
function resourceOverrides(model: StackModel, facts: ConfigFacts, schemas: ResourceSchemas, indent: string): string[] {
  const out: string[] = [];
  const add = (target: string, values: Record<string, unknown>, duringPlan: boolean) => {
    out.push(`${indent}override_resource {`, `${indent}  target = ${target}`);
    if (duringPlan) out.push(`${indent}  override_during = plan`);
    out.push(`${indent}  values = ${hclValue(values, `${indent}  `)}`, `${indent}}`);
  };
  for (const block of model.resources) {
    if (block.type === "aws_acm_certificate") {
      const domain = literal(block.body, "domain_name") ?? facts.domainName;
      const sans = Array.isArray(block.body.subject_alternative_names) ? (block.body.subject_alternative_names as string[]) : [];
      const names = [...new Set([domain, ...sans])];
      const arn = `arn:aws:acm:${facts.region}:${ACCOUNT_ID}:certificate/0f0e0d0c-0b0a-4908-8706-050403020100`;
      // With override_during = plan every computed attribute must be fixed now, or the mock draws new
      // values at apply and Terraform reports an inconsistent final plan.
      const values: Record<string, unknown> = {};
      for (const [name, attribute] of Object.entries(schemas[block.type]?.block.attributes ?? {})) {
        if (attribute.computed && !(name in block.body)) values[name] = placeholder(attribute.type, name);
      }
      Object.assign(values, {
        arn,
        id: arn,
        domain_name: domain,
        status: "ISSUED",
        type: "AMAZON_ISSUED",
        key_algorithm: "RSA_2048",
        not_before: "2026-01-01T00:00:00Z",
        not_after: "2027-01-01T00:00:00Z",
        renewal_eligibility: "INELIGIBLE",
        subject_alternative_names: names,
        validation_method: "DNS",
        domain_validation_options: names.map((n) => ({
          domain_name: n,
          resource_record_name: `_0123456789abcdef.${n}.`,
          resource_record_type: "CNAME",
          resource_record_value: `_fedcba9876543210.acm-validations.aws.`,
        })),
      });
      add(address(block), values, true);
    }
    if (block.type === "aws_kms_key") {
      // A key of the keys stack has the ARN the zones read by its alias (mockSharedKey).
      const shared = facts.sharedKeys.find((k) => sharedKeyAddresses(k.kskName).key === address(block));
      const mocked = mockKmsKey(address(block), block.alias === "us_east_1" ? "us-east-1" : facts.region);
      add(address(block), shared ? sharedKeyResource(shared.alias) : mocked, false);
    }
    if (block.type === "aws_route53_key_signing_key") {
      const name = literal(block.body, "name") ?? block.name;
      add(address(block), mockKsk(name), false);
    }
  }
  return out;
}

/**
 * What the mock reads of each shared key the stack's KSKs sign with (override_data on its data
 * source): Enabled, ECC_NIST_P256, SIGN_VERIFY, or `unusable`'s state for that alias.
 */
function sharedKeyOverrides(model: StackModel, facts: ConfigFacts, indent: string, unusable?: { alias: string; state: UnusableKeyState }): string[] {
  return facts.ksks.flatMap((ksk) => {
    const target = kskAddresses(ksk.name).sharedKey;
    if (ksk.sharedKeyAlias === undefined || !hasData(model, target)) return [];
    const state = unusable?.alias === ksk.sharedKeyAlias ? unusable.state : "Enabled";
    return [`${indent}override_data {`, `${indent}  target = ${target}`, `${indent}  values = ${hclValue(mockSharedKey(ksk.sharedKeyAlias, state), `${indent}  `)}`, `${indent}}`];
  });
}

function has(model: StackModel, addr: string): boolean {
  return model.resources.some((r) => address(r) === addr);
}

/** Whether the stack has the data source `data.<type>.<name>`. */
function hasData(model: StackModel, addr: string): boolean {
  return model.data.some((d) => `data.${address(d)}` === addr);
}

function assertion(condition: string, message: string): string[] {
  return ["  assert {", `    condition     = ${condition}`, `    error_message = ${JSON.stringify(message)}`, "  }"];
}

/**
 * The addresses of a KSK's resources; the names are the app's contract (README "Rotating a KSK").
 * `sharedKey` is the read of its name's shared key, through `sharedKeyAlias` (modules/dnssec/key-signing-key.ts).
 */
export function kskAddresses(name: string): { ksk: string; key: string; sharedKey: string; sharedKeyAlias: string } {
  return {
    ksk: `aws_route53_key_signing_key.dnssec_${name}_signing_key`,
    key: `aws_kms_key.dnssec_${name}_kms_key`,
    sharedKey: `data.aws_kms_key.dnssec_${name}_shared_key`,
    sharedKeyAlias: `terraform_data.dnssec_${name}_shared_key_alias`,
  };
}

/** The addresses of one shared key in the `dnssec-keys` stack (stacks/keys-stack.ts: `shared_<ksk name>_<part>`). */
export function sharedKeyAddresses(kskName: string): { key: string; alias: string; keyPolicy: string; output: string } {
  return {
    key: `aws_kms_key.shared_${kskName}_kms_key`,
    alias: `aws_kms_alias.shared_${kskName}_alias`,
    keyPolicy: `aws_kms_key_policy.shared_${kskName}_key_policy`,
    output: `${kskName}_kms_key_arn`,
  };
}

/** Assertions on what the settings promise. `apply` adds those on values known only after apply. */
export function dnssecAssertions(model: StackModel, facts: ConfigFacts, apply: boolean): string[] {
  const out: string[] = [];
  const missing = (addr: string, why: string) => {
    throw new Error(`the configuration has no ${addr}, but ${why}`);
  };
  const signing = "aws_route53_hosted_zone_dnssec.dnssec_zone_signing";
  if (!has(model, signing)) missing(signing, "every KSK needs zone signing");
  out.push(...assertion(`${signing}.signing_status == "${facts.signingStatus}"`, `signing_status must be ${facts.signingStatus}`));
  out.push(...assertion(`${signing}.hosted_zone_id == "${facts.zoneId}"`, "signing must be on the zone stack's zone"));
  for (const ksk of facts.ksks) {
    const a = kskAddresses(ksk.name);
    if (!has(model, a.ksk)) missing(a.ksk, `keySigningKeys lists ${ksk.name}`);
    out.push(...assertion(`${a.ksk}.status == "${ksk.status}"`, `KSK ${ksk.name} must be ${ksk.status}`));
    out.push(...assertion(`${a.ksk}.hosted_zone_id == "${facts.zoneId}"`, `KSK ${ksk.name} must be in the zone stack's zone`));
    if (ksk.sharedKeyAlias !== undefined) {
      out.push(...sharedKeyAssertions(model, ksk, ksk.sharedKeyAlias, apply));
    } else if (ksk.kmsKeyArn) {
      if (has(model, a.key)) throw new Error(`KSK ${ksk.name} brings its own KMS key, but the configuration still creates ${a.key}`);
      out.push(...assertion(`${a.ksk}.key_management_service_arn == "${ksk.kmsKeyArn}"`, `KSK ${ksk.name} must sign with the configured kmsKeyArn`));
    } else {
      if (!has(model, a.key)) missing(a.key, `KSK ${ksk.name} has no kmsKeyArn`);
      out.push(...assertion(`${a.key}.customer_master_key_spec == "ECC_NIST_P256"`, `KSK ${ksk.name}'s key must be ECC_NIST_P256`));
      out.push(...assertion(`${a.key}.key_usage == "SIGN_VERIFY"`, `KSK ${ksk.name}'s key must be SIGN_VERIFY`));
      if (apply) {
        out.push(...assertion(`${a.ksk}.key_management_service_arn == "${mockKmsKey(a.key, "us-east-1").arn}"`, `KSK ${ksk.name} must sign with its own KMS key`));
      }
    }
    if (apply && model.outputs.includes(`ksk_${ksk.name}`)) {
      out.push(...assertion(`output.ksk_${ksk.name}.ds_published == ${ksk.published}`, `KSK ${ksk.name}: ds_published must be ${ksk.published}`));
      out.push(...assertion(`output.ksk_${ksk.name}.ds_record_rr == "${mockKsk(ksk.name).ds_record}"`, `KSK ${ksk.name}'s summary must carry its own DS`));
    }
  }
  const published = facts.ksks.filter((k) => k.published).map((k) => String(mockKsk(k.name).ds_record));
  if (apply && model.outputs.includes("ds_record_rr")) {
    out.push(...assertion(`output.ds_record_rr == ${hclValue(published.join("\n"))}`, `ds_record_rr must list exactly the DS of the published KSKs (${published.length})`));
  }
  const parentDs = "aws_route53_record.dnssec_parent_ds_ds_record";
  if (facts.parentDs === "route53-zone" && published.length > 0) {
    if (!has(model, parentDs)) missing(parentDs, "parentDs is route53-zone and a DS is published");
    out.push(...assertion(`${parentDs}.zone_id == "${facts.parentZoneId}" && ${parentDs}.type == "DS"`, "the DS must go to parentZoneId"));
    if (apply) out.push(...assertion(`${parentDs}.records == toset(${hclValue(published)})`, "the parent's DS must be the published KSKs' DS, no other"));
  } else if (has(model, parentDs)) {
    throw new Error(`the configuration creates ${parentDs}, but no DS may be published at a Route 53 parent (parentDs ${facts.parentDs}, dnssec ${facts.dnssec})`);
  }
  const delegation = "aws_route53_record.dnssec_parent_ds_ns_delegation";
  if (has(model, delegation)) {
    out.push(...assertion(`${delegation}.type == "NS" && ${delegation}.zone_id == "${facts.parentZoneId}"`, "the NS delegation must be in the parent zone"));
    out.push(...assertion(`${delegation}.records == toset(${hclValue(NAME_SERVERS)})`, "the delegation must list the zone's name servers"));
  } else if (facts.parentDs === "route53-zone" && facts.delegateFromParent && facts.dnssec === "on") {
    missing(delegation, "delegateFromParent is true");
  }
  for (const alarm of model.resources.filter((r) => r.type === "aws_cloudwatch_metric_alarm" && r.name.startsWith("dnssec_"))) {
    out.push(...assertion(`${address(alarm)}.dimensions == tomap({ HostedZoneId = "${facts.zoneId}" }) && ${address(alarm)}.namespace == "AWS/Route53"`, `${alarm.name} must watch the zone stack's zone`));
  }
  return out;
}

/**
 * A KSK that signs with its name's shared key: no key of its own in the stack, the key read by its
 * alias, and (at apply) the KSK on the key the mock reads there.
 */
function sharedKeyAssertions(model: StackModel, ksk: KskFact, alias: string, apply: boolean): string[] {
  const a = kskAddresses(ksk.name);
  if (has(model, a.key)) throw new Error(`KSK ${ksk.name} signs with the shared key ${alias} (sharedKmsKey), but the configuration still creates ${a.key}`);
  if (!hasData(model, a.sharedKey)) throw new Error(`the configuration has no ${a.sharedKey}, but KSK ${ksk.name} signs with the shared key ${alias} (sharedKmsKey)`);
  if (!has(model, a.sharedKeyAlias)) throw new Error(`the configuration has no ${a.sharedKeyAlias}, but KSK ${ksk.name} reads its shared key through it`);
  // The alias is known at plan; the read waits for the terraform_data's output, so at apply.
  const out = assertion(`${a.sharedKeyAlias}.input.name == "${alias}"`, `KSK ${ksk.name} must read the shared key ${alias}`);
  if (apply) {
    out.push(...assertion(`${a.sharedKey}.key_id == "${alias}"`, `KSK ${ksk.name}'s key must be read by the alias ${alias}`));
    out.push(...assertion(`${a.ksk}.key_management_service_arn == "${mockSharedKey(alias).arn}"`, `KSK ${ksk.name} must sign with the shared key ${alias}`));
  }
  return out;
}

/**
 * The `dnssec-keys` stack: exactly one key per shared KSK name (no other KMS key), each ECC_NIST_P256
 * SIGN_VERIFY, with its alias `<kmsAliasPrefix>-shared-<ksk>`, its key policy and its ARN output.
 */
export function keysAssertions(model: StackModel, facts: ConfigFacts, apply: boolean): string[] {
  const expected = facts.sharedKeys.map((k) => sharedKeyAddresses(k.kskName).key);
  const keys = model.resources.filter((r) => r.type === "aws_kms_key").map(address);
  const extra = keys.filter((k) => !expected.includes(k));
  if (extra.length > 0) throw new Error(`the keys stack creates ${extra.join(", ")}, but the shared KSK names are ${facts.sharedKeys.map((k) => k.kskName).join(", ") || "none"}`);
  const out: string[] = [];
  for (const { kskName, alias } of facts.sharedKeys) {
    const a = sharedKeyAddresses(kskName);
    for (const addr of [a.key, a.alias, a.keyPolicy]) if (!has(model, addr)) throw new Error(`the keys stack has no ${addr}, but KSK ${kskName} signs with a shared key`);
    if (!model.outputs.includes(a.output)) throw new Error(`the keys stack has no output ${a.output}, but KSK ${kskName} signs with a shared key`);
    out.push(...assertion(`${a.key}.customer_master_key_spec == "ECC_NIST_P256" && ${a.key}.key_usage == "SIGN_VERIFY"`, `the shared key of ${kskName} must be ECC_NIST_P256 SIGN_VERIFY`));
    out.push(...assertion(`${a.alias}.name == "${alias}"`, `the shared key of ${kskName} must have the alias ${alias}`));
    if (apply) {
      out.push(...assertion(`${a.alias}.target_key_id == ${a.key}.key_id`, `the alias ${alias} must point at the shared key of ${kskName}`));
      out.push(...assertion(`${a.keyPolicy}.key_id == ${a.key}.id`, `the key policy must be on the shared key of ${kskName}`));
      out.push(...assertion(`output.${a.output} == "${mockSharedKey(alias).arn}"`, `${a.output} must be the key the zones read by ${alias}`));
    }
  }
  return out;
}

function zoneAssertions(model: StackModel, facts: ConfigFacts): string[] {
  const zone = model.resources.find((r) => r.type === "aws_route53_zone");
  if (!zone) throw new Error("the zone stack has no aws_route53_zone");
  return assertion(`${address(zone)}.name == "${facts.domainName}"`, `the zone must be ${facts.domainName}`);
}

/**
 * The hosted zone a fleet stack holds: a resource (create, adopt) or a data source (reference), and
 * the adopted zone's name checks: data sources that read the adopted id, whose postcondition fails
 * the plan unless it is the public zone of that name (modules/hosted-zone-ref.ts).
 */
export function fleetZoneBlock(model: StackModel, facts: ConfigFacts): { block: Block; data: boolean; checks: readonly Block[] } {
  const named = (blocks: readonly Block[]) => blocks.filter((b) => b.type === "aws_route53_zone" && (literal(b.body, "name") ?? facts.domainName).replace(/\.$/, "") === facts.domainName);
  const resources = named(model.resources);
  const data = named(model.data);
  if (facts.ownership === "reference") {
    if (resources.length > 0) throw new Error(`the zone ${facts.domainName} is only referenced, but the stack declares ${address(resources[0])}`);
    const byId = model.data.filter((b) => b.type === "aws_route53_zone");
    if (byId.length !== 1) throw new Error(`a referenced zone is read by exactly one data "aws_route53_zone", found ${byId.length}`);
    return { block: byId[0], data: true, checks: [] };
  }
  if (resources.length !== 1) throw new Error(`the stack must declare the zone ${facts.domainName} once (ownership ${facts.ownership}), found ${resources.length}`);
  if (data.length > 0 && facts.ownership !== "adopt") throw new Error(`the stack declares the zone ${facts.domainName} and also reads it through data.${data[0].type}.${data[0].name}`);
  for (const check of data) {
    const id = literal(check.body, "zone_id");
    if (id !== facts.zoneId) throw new Error(`the adopted zone ${facts.domainName} is checked by data.${address(check)}, which reads ${id ?? "no literal zone_id"} instead of ${facts.zoneId}`);
  }
  return { block: resources[0], data: false, checks: data };
}

/** The public zone as the provider reads it: its name without the final dot, its id, its name servers. */
function zoneRead(facts: ConfigFacts): Record<string, unknown> {
  return {
    id: facts.zoneId,
    zone_id: facts.zoneId,
    name: facts.domainName,
    name_servers: NAME_SERVERS,
    primary_name_server: NAME_SERVERS[0],
    arn: `arn:aws:route53:::hostedzone/${facts.zoneId}`,
  };
}

/** What the mock says of a fleet zone: its id, as configured for an existing zone, and its name servers. */
function fleetZoneOverride(model: StackModel, facts: ConfigFacts, schemas: ResourceSchemas, indent: string): string[] {
  const { block, data, checks } = fleetZoneBlock(model, facts);
  const values: Record<string, unknown> = {};
  // The zone's id is known at plan, as it is for real (an imported zone is read at plan, and the
  // assertions on a created zone's KSK need it): every computed attribute is fixed now, or the mock
  // draws new ones at apply and Terraform reports an inconsistent final plan.
  if (!data) for (const [name, attribute] of Object.entries(schemas[block.type]?.block.attributes ?? {})) if (attribute.computed && !(name in block.body)) values[name] = placeholder(attribute.type, name);
  Object.assign(values, zoneRead(facts));
  const override = (kind: "override_data" | "override_resource", target: string, of: Record<string, unknown>, duringPlan: boolean) => [
    `${indent}${kind} {`,
    `${indent}  target = ${target}`,
    ...(duringPlan ? [`${indent}  override_during = plan`] : []),
    `${indent}  values = ${hclValue(of, `${indent}  `)}`,
    `${indent}}`,
  ];
  // An imported resource must be overridden: Terraform refuses to import from a mock provider
  // ("Cannot import resources from mock providers") and asks for exactly this override instead.
  return [
    ...override(data ? "override_data" : "override_resource", `${data ? "data." : ""}${address(block)}`, values, !data),
    // The adopted zone's name check reads the same zone; its postcondition holds on the public zone of that name.
    ...checks.flatMap((check) => override("override_data", `data.${address(check)}`, zoneRead(facts), false)),
  ];
}

/** The file name of mockGapsOverrideFile in a test's copy of a stack. */
export const MOCK_GAPS_FILE = "terraform_check_override.tf";

/**
 * An override file for what a mock provider cannot give: it keeps a non-computed attribute at its
 * configured value, where the real provider fills it in, and `override_data` does not reach such an
 * attribute (Terraform 1.11 ignores it). A data "aws_route53_zone" without `private_zone` reads null
 * there, while the provider sets the zone's own flag (its schema default is false), so the postcondition
 * of a zone read by id (`!self.private_zone`) would fail on null. The file sets the public zone's
 * false, in the test's copy only; undefined when the stack has no such data source.
 */
export function mockGapsOverrideFile(model: StackModel): string | undefined {
  const reads = model.data.filter((b) => b.type === "aws_route53_zone" && !("private_zone" in b.body));
  return reads.length === 0 ? undefined : reads.map((b) => `data "${b.type}" "${b.name}" {\n  private_zone = false\n}\n`).join("\n");
}

function fleetZoneAssertions(model: StackModel, facts: ConfigFacts, apply: boolean): string[] {
  const { block, data } = fleetZoneBlock(model, facts);
  const ref = `${data ? "data." : ""}${address(block)}`;
  const out = assertion(`${ref}.zone_id == "${facts.zoneId}"`, `the stack must hold the zone ${facts.zoneId}`);
  if (!data) out.push(...assertion(`${ref}.name == "${facts.domainName}" && ${ref}.force_destroy == false`, `the zone must be ${facts.domainName}, with force_destroy false`));
  if (apply && model.outputs.includes("zone_id")) out.push(...assertion(`output.zone_id == "${facts.zoneId}"`, "the zone_id output must be the stack's zone"));
  return out;
}

/** Everything that goes at the top of a test file: mocks for both providers, remote state. */
function header(model: StackModel, facts: ConfigFacts, schemas: ResourceSchemas): string[] {
  const aliases = new Set(model.resources.concat(model.data).map((b) => b.alias));
  const out = [mockProvider(undefined, facts.region, model, schemas)];
  if (aliases.has("us_east_1")) out.push(mockProvider("us_east_1", "us-east-1", model, schemas));
  out.push(...remoteStateOverrides(model));
  return out;
}

/** What a stack is, for its assertions: the primary pair, a zone of the fleet, the shared keys, or another stack. */
export type StackRole = "zone" | "app" | "fleet-zone" | "keys" | "other";

/**
 * A plan run and an apply run of one stack, with its assertions. `source` is the stack's folder when
 * the runs call it as a module of a shared suite; undefined when the stack is the test's root module,
 * which a stack with an `import` block must be ("Import blocks are only allowed in the root module").
 */
export function stackTestFile(kind: StackRole, model: StackModel, facts: ConfigFacts, schemas: ResourceSchemas, source: string | undefined, stateKey: string): string {
  const checks = (apply: boolean) =>
    kind === "app"
      ? dnssecAssertions(model, facts, apply)
      : kind === "zone"
        ? zoneAssertions(model, facts)
        : kind === "fleet-zone"
          ? [...fleetZoneAssertions(model, facts, apply), ...dnssecAssertions(model, facts, apply)]
          : kind === "keys"
            ? keysAssertions(model, facts, apply)
            : [];
  const run = (name: string, command: string, apply: boolean) => stackRun(kind, model, facts, schemas, source, stateKey, name, command, checks(apply));
  return [...header(model, facts, schemas), ...run("plan", "plan", false), ...run("apply", "apply", true), ""].join("\n");
}

/** One run block of a stack's test: its command, state, module, the mocks' overrides and `extra` (assertions, expect_failures). */
function stackRun(
  kind: StackRole,
  model: StackModel,
  facts: ConfigFacts,
  schemas: ResourceSchemas,
  source: string | undefined,
  stateKey: string,
  name: string,
  command: string,
  extra: string[],
  unusable?: { alias: string; state: UnusableKeyState },
): string[] {
  return [
    `run "${name}" {`,
    `  command   = ${command}`,
    `  state_key = "${stateKey}"`,
    ...(source === undefined ? [] : ["  module {", `    source = "${source}"`, "  }"]),
    ...resourceOverrides(model, facts, schemas, "  "),
    ...sharedKeyOverrides(model, facts, "  ", unusable),
    ...(kind === "fleet-zone" ? fleetZoneOverride(model, facts, schemas, "  ") : []),
    ...extra,
    "}",
  ];
}

/**
 * The key states a zone's plan must refuse, each as the run that plans on it. A stack that reads a
 * shared key gets one test file per state (keyStateTestFile).
 */
export const KEY_STATE_RUNS: readonly { readonly state: UnusableKeyState; readonly run: string }[] = [
  { state: "PendingDeletion", run: "key_state_pending_deletion" },
  { state: "Disabled", run: "key_state_disabled" },
];

/** The KSK whose shared key the key-state runs of a stack make unusable: its first one that reads a shared key. */
export function keyStateKsk(facts: ConfigFacts): (KskFact & { sharedKeyAlias: string }) | undefined {
  return facts.ksks.find((k): k is KskFact & { sharedKeyAlias: string } => k.sharedKeyAlias !== undefined);
}

/** The start of the postcondition's message the key-state run must fail with (modules/dnssec/key-signing-key.ts readSharedKey). */
export function keyStateMessage(ksk: KskFact & { sharedKeyAlias: string }, state: UnusableKeyState): string {
  return `Resource postcondition failed: The shared DNSSEC key ${ksk.sharedKeyAlias} of KSK ${ksk.name} is ${state}, spec ECC_NIST_P256, usage SIGN_VERIFY:`;
}

/** The run of a key-state file that must fail, with the postcondition's message. */
export function keyStateMessageRun(run: string): string {
  return `${run}_message`;
}

/**
 * The plan of a stack on a shared key in `state`, after an apply (so the alias is in the state and
 * the key is read at plan, as it is from the second plan of a KSK on). Two plan runs: one with
 * `expect_failures` on the key's data source, which passes only if its postcondition fails the plan,
 * then the same plan without it, which must fail with the postcondition's message (Terraform skips
 * every run after a failed one, so it is the last, and each state is a file of its own).
 */
export function keyStateTestFile(
  kind: StackRole,
  model: StackModel,
  facts: ConfigFacts,
  schemas: ResourceSchemas,
  source: string | undefined,
  stateKey: string,
  keyState: (typeof KEY_STATE_RUNS)[number],
): string {
  const ksk = keyStateKsk(facts);
  if (!ksk) throw new Error("the stack signs with no shared key, so no key state can fail its plan");
  const unusable = { alias: ksk.sharedKeyAlias, state: keyState.state };
  const target = kskAddresses(ksk.name).sharedKey;
  const run = (name: string, command: string, extra: string[], key?: typeof unusable) => stackRun(kind, model, facts, schemas, source, stateKey, name, command, extra, key);
  return [
    ...header(model, facts, schemas),
    ...run("apply", "apply", []),
    ...run(keyState.run, "plan", [`  expect_failures = [${target}]`], unusable),
    ...run(keyStateMessageRun(keyState.run), "plan", [], unusable),
    "",
  ].join("\n");
}

/** The output a transition's first step adds, in its scratch copy only, to hand its resource ids to the next step. */
export const IDS_OUTPUT = "terraform_check_ids";

function idExpression(block: Block): string {
  // Instances of a for_each/count resource: their keys and ids, as one string.
  return block.repeated ? `jsonencode({ for k, v in ${address(block)} : k => v.id })` : `${address(block)}.id`;
}

/** The output file for the first step of a transition. */
export function idsOutputFile(model: StackModel): string {
  const entries = model.resources.map((b) => `    ${JSON.stringify(address(b))} = ${idExpression(b)}`);
  return [`output "${IDS_OUTPUT}" {`, "  value = {", ...entries, "  }", "}", ""].join("\n");
}

/** Addresses that leave in a transition but lie outside the DNSSEC module: each one is a defect. */
export function removedOutsideDnssec(before: StackModel, after: StackModel): string[] {
  const kept = new Set(after.resources.map(address));
  return before.resources.map(address).filter((a) => !kept.has(a) && !/^\w+\.dnssec_/.test(a));
}

/**
 * Step `before` applied, then `after` planned on the same state: every address of both steps must
 * keep its id (a replaced resource has an unknown id in the plan, which fails the assertion).
 */
export function transitionTestFile(
  before: { model: StackModel; facts: ConfigFacts; source: string },
  after: { model: StackModel; facts: ConfigFacts; source: string },
  schemas: ResourceSchemas,
): string {
  const afterAddresses = new Map(after.model.resources.map((b) => [address(b), b]));
  const stay = before.model.resources.filter((b) => afterAddresses.has(address(b)));
  const run = (name: string, command: string, step: typeof before, extra: string[]) => [
    `run "${name}" {`,
    `  command   = ${command}`,
    `  state_key = "app"`,
    "  module {",
    `    source = "${step.source}"`,
    "  }",
    ...resourceOverrides(step.model, step.facts, schemas, "  "),
    ...sharedKeyOverrides(step.model, step.facts, "  "),
    ...extra,
    "}",
  ];
  const stays = stay.flatMap((b) =>
    assertion(`${idExpression(afterAddresses.get(address(b))!)} == run.before.${IDS_OUTPUT}[${JSON.stringify(address(b))}]`, `${address(b)} must stay, not be replaced`),
  );
  const both: StackModel = { ...before.model, resources: [...before.model.resources, ...after.model.resources], data: [...before.model.data, ...after.model.data] };
  return [
    ...header(both, before.facts, schemas),
    ...run("before", "apply", before, dnssecAssertions(before.model, before.facts, true)),
    ...run("after", "plan", after, [...dnssecAssertions(after.model, after.facts, false), ...stays]),
    "",
  ].join("\n");
}
