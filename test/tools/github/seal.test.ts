import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const SEAL = join(__dirname, "..", "..", "..", "tools", "github", "seal.sh");
const seal = (args: string[], key: string | undefined) =>
  spawnSync("bash", [SEAL, ...args], { encoding: "utf8", env: { PATH: process.env.PATH, ...(key === undefined ? {} : { PLAN_ARTIFACT_KEY: key }) } });

describe("seal.sh (real gpg)", () => {
  it("encrypts a plan file, removing the clear text, and decrypts it with the same key", () => {
    const dir = mkdtempSync(join(tmpdir(), "seal-"));
    const file = join(dir, "zone.json");
    const secret = '{"prior_state":{"password":"hunter2"}}';
    writeFileSync(file, secret);
    expect(seal(["encrypt", file], "k-1").status).toBe(0);
    expect(existsSync(file)).toBe(false);
    expect(readFileSync(`${file}.gpg`).toString("latin1")).not.toContain("hunter2");
    expect(seal(["decrypt", `${file}.gpg`], "k-1").status).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(secret);
  });

  it("refuses a wrong key or a tampered file, and an empty key, in one line", () => {
    const dir = mkdtempSync(join(tmpdir(), "seal-"));
    const file = join(dir, "app.tfplan");
    writeFileSync(file, "plan bytes ".repeat(100));
    seal(["encrypt", file], "k-1");
    const wrong = seal(["decrypt", `${file}.gpg`], "k-2");
    expect(wrong.status).toBe(1);
    expect(wrong.stderr.trim()).toBe(`::error::seal: cannot decrypt ${file}.gpg: wrong PLAN_ARTIFACT_KEY or a damaged artifact; plan again in a new run.`);
    const bytes = readFileSync(`${file}.gpg`);
    bytes[bytes.length - 5] ^= 0xff;
    writeFileSync(`${file}.gpg`, bytes);
    expect(seal(["decrypt", `${file}.gpg`], "k-1").status).toBe(1);
    const empty = seal(["encrypt", file], "");
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain("PLAN_ARTIFACT_KEY is empty");
  });
});
