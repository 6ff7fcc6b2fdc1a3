import { describe, expect, it } from "vitest";
import {
  cidrContains,
  cidrsOverlap,
  closest,
  deletionWindowProblem,
  domainNameProblem,
  editDistance,
  emailProblem,
  Ipv4Cidr,
  kmsAliasProblem,
  kskNameProblem,
  normaliseDomainName,
  parseCidr,
} from "../../modules/rules";

/** Parses a block the test knows to be valid. */
function block(text: string): Ipv4Cidr {
  const parsed = parseCidr("test", text);
  if (typeof parsed === "string") throw new Error(parsed);
  return parsed;
}

describe("kskNameProblem", () => {
  it("accepts 3-128 letters, digits and underscores", () => {
    for (const name of ["ksk", "ksk_1", "KSK_2025", "a".repeat(128)]) expect(kskNameProblem("KSK name", name)).toBeUndefined();
  });

  it("rejects a dash, naming the label, the value and an example", () => {
    expect(kskNameProblem("KSK name", "ksk-1")).toBe(
      'KSK name must be 3-128 characters of letters, digits and underscores (Route 53\'s rule for key-signing key names), got: "ksk-1"; for example "ksk_2025".',
    );
  });

  it("rejects names shorter than 3 or longer than 128 characters", () => {
    expect(kskNameProblem("KSK name", "ks")).toContain('got: "ks"');
    expect(kskNameProblem("KSK name", "a".repeat(129))).toContain("must be 3-128 characters");
    expect(kskNameProblem("KSK name", "")).toContain('got: ""');
  });
});

describe("deletionWindowProblem", () => {
  it("accepts whole days from 7 to 30", () => {
    for (const days of [7, 15, 30]) expect(deletionWindowProblem("window", days)).toBeUndefined();
  });

  it("rejects days outside KMS's limits or fractions, with the exact message", () => {
    expect(deletionWindowProblem("window", 6)).toBe(
      "window must be a whole number of days between 7 and 30 (KMS's limits), got: 6; use 30 unless you have a reason not to.",
    );
    expect(deletionWindowProblem("window", 31)).toContain("got: 31;");
    expect(deletionWindowProblem("window", 7.5)).toContain("got: 7.5;");
  });
});

describe("kmsAliasProblem", () => {
  it("accepts alias/ followed by letters, digits, slashes, underscores and hyphens", () => {
    for (const alias of ["alias/example-dnssec", "alias/team/app_1", `alias/${"a".repeat(250)}`]) expect(kmsAliasProblem("alias", alias)).toBeUndefined();
  });

  it("rejects a name without the alias/ prefix, with the exact message", () => {
    expect(kmsAliasProblem("alias", "example")).toBe(
      'alias must start with "alias/" followed by letters, digits, "/", "_" or "-" (at most 256 characters), got: "example"; for example "alias/example-dnssec".',
    );
  });

  it("rejects other characters and names longer than 256 characters", () => {
    expect(kmsAliasProblem("alias", "alias/a.b")).toContain('got: "alias/a.b"');
    expect(kmsAliasProblem("alias", "alias/")).toContain('got: "alias/"');
    expect(kmsAliasProblem("alias", `alias/${"a".repeat(251)}`)).toContain("at most 256 characters");
  });

  it("rejects the prefix AWS reserves, in any case", () => {
    expect(kmsAliasProblem("alias", "alias/aws/mine")).toBe(
      'alias must not start with "alias/aws/", which AWS reserves for its own keys, got: "alias/aws/mine"; choose another prefix.',
    );
    expect(kmsAliasProblem("alias", "alias/AWS/mine")).toContain("AWS reserves");
  });
});

describe("domainNameProblem", () => {
  const hint = '; use a name such as "example.com" (a trailing dot is optional).';

  it("accepts names with and without a trailing dot, and mixed case", () => {
    for (const name of ["example.com", "example.com.", "Sub-1.Example.co.uk", "xn--bcher-kva.example"]) expect(domainNameProblem("domain", name)).toBeUndefined();
  });

  it("rejects an empty name", () => {
    expect(domainNameProblem("domain", "")).toBe(`domain must not be empty, got: ""${hint}`);
    expect(domainNameProblem("domain", ".")).toBe(`domain must not be empty, got: "."${hint}`);
  });

  it("rejects a name longer than 253 characters, and accepts exactly 253", () => {
    const label = "a".repeat(63);
    const at253 = [label, label, label, "a".repeat(61)].join(".");
    expect(at253).toHaveLength(253);
    expect(domainNameProblem("domain", at253)).toBeUndefined();
    expect(domainNameProblem("domain", `${at253}.`)).toBeUndefined();
    const at254 = `a${at253}`;
    expect(domainNameProblem("domain", at254)).toBe(`domain must be at most 253 characters (it has 254), got: ${JSON.stringify(at254)}${hint}`);
  });

  it("rejects a single label", () => {
    expect(domainNameProblem("domain", "com")).toBe(`domain must have at least two labels, such as example.com, got: "com"${hint}`);
  });

  it("rejects empty labels", () => {
    const rule = "must not contain an empty label (two dots in a row, or a leading dot)";
    expect(domainNameProblem("domain", "a..com")).toBe(`domain ${rule}, got: "a..com"${hint}`);
    expect(domainNameProblem("domain", ".example.com")).toBe(`domain ${rule}, got: ".example.com"${hint}`);
  });

  it("rejects a label longer than 63 characters", () => {
    const name = `${"a".repeat(64)}.com`;
    expect(domainNameProblem("domain", name)).toBe(`domain has a label of 64 characters; each label must be at most 63, got: ${JSON.stringify(name)}${hint}`);
    expect(domainNameProblem("domain", `${"a".repeat(63)}.com`)).toBeUndefined();
  });

  it("rejects characters other than letters, digits and hyphens", () => {
    expect(domainNameProblem("domain", "my_app.example.com")).toBe(
      `domain has the label "my_app"; labels may only hold letters, digits and hyphens, got: "my_app.example.com"${hint}`,
    );
    expect(domainNameProblem("domain", "*.example.com")).toContain('has the label "*"');
  });

  it("rejects a label that starts or ends with a hyphen", () => {
    expect(domainNameProblem("domain", "-app.example.com")).toBe(
      `domain has the label "-app"; a label must not start or end with a hyphen, got: "-app.example.com"${hint}`,
    );
    expect(domainNameProblem("domain", "app-.example.com")).toContain('has the label "app-"');
  });

  it("rejects an all-numeric top-level label", () => {
    expect(domainNameProblem("domain", "10.0.0.1")).toBe(`domain must not end in an all-numeric label, got: "10.0.0.1"${hint}`);
  });
});

describe("normaliseDomainName", () => {
  it("lower-cases the name and drops one trailing dot", () => {
    expect(normaliseDomainName("Example.COM.")).toBe("example.com");
    expect(normaliseDomainName("example.com")).toBe("example.com");
  });
});

describe("emailProblem", () => {
  it("accepts ordinary addresses", () => {
    for (const email of ["ops@example.com", "first.last+dnssec@sub.example.co.uk"]) expect(emailProblem("email", email)).toBeUndefined();
  });

  it("rejects what is not an address, with the exact message", () => {
    expect(emailProblem("email", "ops")).toBe('email must be an e-mail address such as "ops@example.com", got: "ops".');
    for (const email of ["ops@example", "a b@example.com", "a@@example.com", "@example.com", "ops@example.com."]) {
      expect(emailProblem("email", email)).toBe(`email must be an e-mail address such as "ops@example.com", got: ${JSON.stringify(email)}.`);
    }
  });

  it("rejects an address longer than 254 characters", () => {
    const long = `${"a".repeat(243)}@example.com`;
    expect(long).toHaveLength(255);
    expect(emailProblem("email", long)).toContain("must be an e-mail address");
  });
});

describe("parseCidr", () => {
  it("parses a block into its base address and prefix length", () => {
    expect(parseCidr("vpc", "10.20.20.0/24")).toEqual({ text: "10.20.20.0/24", base: 0x0a141400, prefix: 24 });
    expect(parseCidr("vpc", "0.0.0.0/0")).toEqual({ text: "0.0.0.0/0", base: 0, prefix: 0 });
    expect(parseCidr("vpc", "255.255.255.255/32")).toEqual({ text: "255.255.255.255/32", base: 0xffffffff, prefix: 32 });
  });

  it("rejects text that is not an IPv4 CIDR block", () => {
    for (const value of ["10.20.20.0", "10.20.20/24", "10.20.20.0/", "fd00::/8", " 10.0.0.0/8"]) {
      expect(parseCidr("vpc", value)).toBe(`vpc must be an IPv4 CIDR block such as 10.20.20.0/24, got: ${JSON.stringify(value)}.`);
    }
  });

  it("rejects an octet above 255", () => {
    expect(parseCidr("vpc", "10.256.0.0/16")).toBe('vpc has an octet above 255, got: "10.256.0.0/16"; fix the address.');
  });

  it("rejects a prefix length above 32", () => {
    expect(parseCidr("vpc", "10.0.0.0/33")).toBe('vpc has a prefix length above 32, got: "10.0.0.0/33"; fix the prefix.');
  });

  it("rejects host bits set and suggests the network address", () => {
    expect(parseCidr("vpc", "10.20.20.1/24")).toBe('vpc has host bits set, got: "10.20.20.1/24"; did you mean 10.20.20.0/24?');
    expect(parseCidr("subnet", "10.20.20.100/27")).toBe('subnet has host bits set, got: "10.20.20.100/27"; did you mean 10.20.20.96/27?');
    expect(parseCidr("all", "192.168.1.1/0")).toBe('all has host bits set, got: "192.168.1.1/0"; did you mean 0.0.0.0/0?');
  });
});

describe("cidrContains", () => {
  it("is true for a block inside another, and for the block itself", () => {
    expect(cidrContains(block("10.20.20.0/24"), block("10.20.20.96/27"))).toBe(true);
    expect(cidrContains(block("10.20.20.0/24"), block("10.20.20.224/27"))).toBe(true);
    expect(cidrContains(block("10.20.20.0/24"), block("10.20.20.0/24"))).toBe(true);
    expect(cidrContains(block("0.0.0.0/0"), block("255.255.255.255/32"))).toBe(true);
  });

  it("is false for a block outside, partly outside, or larger", () => {
    expect(cidrContains(block("10.20.20.0/24"), block("10.20.21.0/27"))).toBe(false);
    expect(cidrContains(block("10.20.20.0/24"), block("10.20.20.0/23"))).toBe(false);
    expect(cidrContains(block("10.20.20.128/25"), block("10.20.20.0/24"))).toBe(false);
  });
});

describe("cidrsOverlap", () => {
  it("is true when the blocks share an address, in either order", () => {
    expect(cidrsOverlap(block("10.20.20.0/27"), block("10.20.20.0/27"))).toBe(true);
    expect(cidrsOverlap(block("10.20.20.0/24"), block("10.20.20.64/27"))).toBe(true);
    expect(cidrsOverlap(block("10.20.20.64/27"), block("10.20.20.0/24"))).toBe(true);
  });

  it("is false for adjacent and distant blocks", () => {
    expect(cidrsOverlap(block("10.20.20.0/27"), block("10.20.20.32/27"))).toBe(false);
    expect(cidrsOverlap(block("10.20.20.32/27"), block("10.20.20.0/27"))).toBe(false);
    expect(cidrsOverlap(block("10.0.0.0/16"), block("192.168.0.0/16"))).toBe(false);
  });

  it("handles blocks at the top of the address space without overflow", () => {
    expect(cidrsOverlap(block("255.255.255.0/24"), block("255.255.255.255/32"))).toBe(true);
    expect(cidrContains(block("128.0.0.0/1"), block("255.255.255.0/24"))).toBe(true);
  });
});

describe("editDistance", () => {
  it("counts insertions, deletions and substitutions, ignoring case", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("domainName", "domainname")).toBe(0);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("vpcCidr", "vpcCidrs")).toBe(1);
  });
});

describe("closest", () => {
  const keys = ["domainName", "vpcCidr", "publicSubnetCidrs", "privateSubnetCidrs", "region"];

  it("suggests the nearest candidate for a likely typo", () => {
    expect(closest("domainNme", keys)).toBe("domainName");
    expect(closest("regoin", keys)).toBe("region");
    expect(closest("privateSubnetCidr", keys)).toBe("privateSubnetCidrs");
  });

  it("suggests nothing when no candidate is close", () => {
    expect(closest("instanceProfile", keys)).toBeUndefined();
    expect(closest("x", [])).toBeUndefined();
  });

  it("allows at least two edits, and a third of the length for long names", () => {
    expect(closest("vpcCi", ["vpcCidr"])).toBe("vpcCidr");
    expect(closest("vpc", ["vpcCidr"])).toBeUndefined();
    // 12 characters allow 4 edits.
    expect(closest("publicSubnet", ["publicSubnetCidrs"])).toBeUndefined();
    expect(closest("publicSubnetCi", ["publicSubnetCidrs"])).toBe("publicSubnetCidrs");
  });
});
