import { describe, expect, it } from "vitest";
import { Redactor, SECRET_NAME_PARTS, collectSensitiveStrings, looksSecretName, looksSecretValue } from "../../../tools/plan-comment/redact";
import { JsonObject } from "../../../tools/plan-comment/json";
import { fixture } from "./plan-builder";

describe("redaction", () => {
  it.each(["password", "master_password", "db-passwd", "api_token", "client_secret", "private_key", "access_key", "Credentials"])(
    "treats an attribute named %s as secret",
    (name) => expect(looksSecretName(name)).toBe(true),
  );

  it.each(["secret_arn", "kms_key_id", "token_name", "public_key", "dnskey_record", "name", "key_management_service_arn"])(
    "keeps an attribute named %s readable",
    (name) => expect(looksSecretName(name)).toBe(false),
  );

  it("keeps the secret-name list in one place", () => {
    expect(SECRET_NAME_PARTS).toContain("password");
    expect(SECRET_NAME_PARTS).toContain("token");
    expect(new Set(SECRET_NAME_PARTS).size).toBe(SECRET_NAME_PARTS.length);
  });

  it("recognises PEM private keys and AWS secret-key shapes", () => {
    expect(looksSecretValue("-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----")).toBe(true);
    expect(looksSecretValue("-----BEGIN OPENSSH PRIVATE KEY-----")).toBe(true);
    expect(looksSecretValue("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")).toBe(true);
    expect(looksSecretValue("key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY;")).toBe(true);
  });

  it("leaves public keys, certificates, digests and commit hashes alone", () => {
    expect(looksSecretValue("-----BEGIN CERTIFICATE-----")).toBe(false);
    expect(looksSecretValue("9A1C6E0B3F8D2C4E7A5B9D1F3E6C8A0B2D4F6E8A1C3E5B7D9F0A2C4E6B8D0F1A")).toBe(false);
    expect(looksSecretValue("0123456789abcdef0123456789abcdef01234567")).toBe(false);
    expect(looksSecretValue("q0v3nZrXh6F9WlZl4m1wK7y8dL3Qp2sT5uV6wX7yZ8a9B0c1D2e3F4g5H6i7J8k9L0m1N2o3P4q5R6s7T8u9Vw==")).toBe(false);
    expect(looksSecretValue("arn:aws:kms:us-east-1:111122223333:key/0f4a3c1e-6d2b-4b8a-9c7e-2a1b3c4d5e6f")).toBe(false);
  });

  it("redacts a value the plan marks sensitive anywhere, wherever else it appears", () => {
    const red = new Redactor(["SECRET-db-password-1"]);
    expect(red.hides("SECRET-db-password-1")).toBe(true);
    expect(red.hides("postgres://app:SECRET-db-password-1@db")).toBe(true);
    expect(red.hides("postgres")).toBe(false);
  });

  it("collects the prior output copy Terraform leaves unmarked, through its marked input", () => {
    const plan = fixture("values/secrets.json");
    const db = plan.resources.find((r) => r.address === "aws_db_instance.db")!;
    // Terraform marks input.password but leaves the same value in clear under output.password.
    expect(JSON.stringify(db.beforeSensitive)).not.toContain('"output":{"password":true');
    expect(JSON.stringify(db.before)).toContain('"output":{');
    expect(plan.redactor.hides("SECRET-db-password-1")).toBe(true);
    expect(plan.redactor.hides("SECRET-db-password-2")).toBe(true);
  });

  it("collects sensitive variables, sensitive outputs and state sensitive_values", () => {
    const raw: JsonObject = {
      variables: { pw: { value: "from-variable" } },
      configuration: { root_module: { variables: { pw: { sensitive: true } }, outputs: { o: { sensitive: true } } } },
      output_changes: { o: { actions: ["create"], before: null, after: "from-output" } },
      prior_state: { values: { root_module: { resources: [{ values: { a: "from-state" }, sensitive_values: { a: true } }] } } },
    };
    expect([...collectSensitiveStrings(raw)].sort()).toEqual(["from-output", "from-state", "from-variable"]);
  });
});
