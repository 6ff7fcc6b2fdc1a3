import { describe, expect, it } from "vitest";
import { isRegistrableDomain, registrableDomainOf, route53DomainsProblem } from "../../modules/registrable-domain";
import { synthApp } from "../helpers/synth";

describe("registrable domains", () => {
  it.each(["example.com", "example.org.", "Example.NET", "example.co.uk", "example.com.au", "example.io"])("%s is registrable", (name) => {
    expect(isRegistrableDomain(name)).toBe(true);
  });

  it.each(["app.example.com", "a.b.example.org", "app.example.co.uk", "com", "co.uk"])("%s is not", (name) => {
    expect(isRegistrableDomain(name)).toBe(false);
  });

  it("finds the registrable domain of a subdomain", () => {
    expect(registrableDomainOf("app.example.co.uk")).toBe("example.co.uk");
    expect(registrableDomainOf("a.b.example.com")).toBe("example.com");
    expect(registrableDomainOf("co.uk")).toBeUndefined();
  });

  it("states the problem in one sentence that points a subdomain to route53-zone", () => {
    expect(route53DomainsProblem('Setting "parentDs"', "example.com")).toBeUndefined();
    expect(route53DomainsProblem('Setting "parentDs"', "app.example.com")).toBe(
      'Setting "parentDs" is "route53-domains" but the domain "app.example.com" is not a registrable domain (exactly one label under a public suffix such as "com" or "co.uk"); Route 53 Domains holds DS records only for domains registered with it, so publish a subdomain\'s DS in its parent zone (example.com) with "route53-zone" and parentZoneId, or use "manual".',
    );
  });
});

describe("parentDs route53-domains", () => {
  it("is refused for a subdomain at synth", () => {
    expect(() => synthApp({ domainName: "app.example.com", parentDs: "route53-domains" })).toThrow(
      /^Setting "parentDs" is "route53-domains" but the domain "app.example.com" is not a registrable domain/,
    );
  });

  it("is accepted for a registrable domain, also under a second-level suffix", () => {
    expect(() => synthApp({ domainName: "example.co.uk", parentDs: "route53-domains" })).not.toThrow();
  });
});
