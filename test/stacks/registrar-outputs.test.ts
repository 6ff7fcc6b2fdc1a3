import { describe, expect, it } from "vitest";
import { synthApp } from "../helpers/synth";

const outputs = (context: Record<string, unknown>) => synthApp(context).app.output!;

describe("the DS outputs for a person at the registrar or parent", () => {
  const registrable = outputs({ domainName: "example.org" });

  it("says the seed's ds_record is not the DS presentation format, and where registrars find it", () => {
    const description = registrable.ds_record.description!;
    expect(description).toContain("RFC 4034");
    expect(description).toContain("registrar_instructions");
    expect(description).toContain("ds_record_rr");
  });

  it("addresses the registrar of a registrable domain", () => {
    expect(String(registrable.registrar_instructions.value)).toContain("At the registrar of example.org, publish exactly these DS records");
  });

  it("sends a subdomain's DS to its parent zone, not to a registrar", () => {
    const text = String(outputs({ domainName: "app.example.co.uk" }).registrar_instructions.value);
    expect(text).toContain("In the parent zone example.co.uk of app.example.co.uk (wherever that zone is hosted), publish exactly these DS records");
    expect(text).not.toContain("At the registrar");
  });

  it("asks to wait until signing has run long enough before the DS goes out (go-live)", () => {
    expect(String(registrable.registrar_instructions.value)).toContain("only after signing has run for at least the DNSKEY TTL and the SOA minimum");
  });
});
