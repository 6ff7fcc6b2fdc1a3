import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { dsFromKey, dsMatchesKey, formatDs } from "../../../../tools/verify/dnssec/ds-digest";
import { keyTag } from "../../../../tools/verify/dnssec/keytag";
import { parseTrustAnchors } from "../../../../tools/verify/dnssec/trust-anchor";
import { describeWithBind, runBind } from "../lab/bind-tools";

describeWithBind("DS digests and key tags agree with BIND", () => {
  const dir = mkdtempSync(join(tmpdir(), "verify-ds-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const [alg, name] of [
    [13, "ECDSAP256SHA256"],
    [14, "ECDSAP384SHA384"],
    [15, "ED25519"],
    [8, "RSASHA256"],
  ] as const) {
    it(`matches dnssec-keygen's tag and dnssec-dsfromkey's SHA-256 and SHA-384 digests for algorithm ${alg}`, () => {
      const base = runBind("dnssec-keygen", ["-K", dir, "-a", name, "-f", "KSK", "-n", "ZONE", "example.test"]).trim();
      const tagFromFile = Number(/\+(\d+)$/.exec(base)?.[1]);
      const keyFile = join(dir, `${base}.key`);
      const anchor = parseTrustAnchors(readFileSync(keyFile, "utf8"), keyFile);
      const key = anchor.dnskeys[0];
      expect(keyTag(key)).toBe(tagFromFile);
      for (const [digestType, flag] of [[2, "-2"], [4, "-a"]] as const) {
        const args = flag === "-a" ? ["-a", "SHA-384", keyFile] : [flag, keyFile];
        const bindLine = runBind("dnssec-dsfromkey", args).trim();
        const ours = dsFromKey("example.test.", key, digestType);
        expect(ours).toBeDefined();
        expect(bindLine.split(/\s+/).slice(3).join(" ")).toBe(formatDs(ours!));
        const bindDs = parseTrustAnchors(bindLine, "dsfromkey").ds[0];
        expect(dsMatchesKey("example.test.", bindDs, key)).toBe(true);
      }
    });
  }
});

it("rejects a DS whose digest differs in one octet", () => {
  const anchor = parseTrustAnchors(
    "example.test. IN DNSKEY 257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==",
    "inline",
  );
  const key = anchor.dnskeys[0];
  const ds = dsFromKey("example.test.", key, 2)!;
  expect(dsMatchesKey("example.test.", ds, key)).toBe(true);
  const bad = { ...ds, digest: Buffer.from(ds.digest) };
  bad.digest[0] ^= 1;
  expect(dsMatchesKey("example.test.", bad, key)).toBe(false);
  expect(dsMatchesKey("other.test.", ds, key)).toBe(false);
});

it("returns no digest for an unknown digest type", () => {
  const key = { flags: 257, algorithm: 13, key: Buffer.alloc(64, 1) };
  expect(dsFromKey("example.test.", key, 99)).toBeUndefined();
});
