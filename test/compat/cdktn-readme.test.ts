/**
 * The README's "Moving to CDK Terrain (cdktn)" section is a recipe that compat/cdktn/check.sh
 * proves; these tests keep its text in line with what the check installs, maps and accepts.
 * They read compat/cdktn's package.json, lockfile and tsconfig only: the compat install itself
 * is not needed (check.sh, run by .ci/run, checks the version the cdktn binding wraps).
 */
import { accessSync, constants, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { wrappedAwsProviderVersion } from "../../compat/cdktn/binding";
import { KNOWN_DIFFERENCES } from "../../compat/cdktn/differences";
import { readRecipe } from "../../compat/cdktn/recipe";
import { AWS_PROVIDER_VERSION } from "../../stacks/base-stack";

const ROOT = join(__dirname, "..", "..");
const COMPAT = join(ROOT, "compat", "cdktn");

interface PackageJson {
  readonly dependencies: Record<string, string>;
  readonly devDependencies: Record<string, string>;
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

const project = readJson<PackageJson>(join(ROOT, "package.json"));
const compat = readJson<PackageJson>(join(COMPAT, "package.json"));
const versions = (pkg: PackageJson): Record<string, string> => ({ ...pkg.dependencies, ...pkg.devDependencies });
const recipe = readRecipe(readFileSync(join(ROOT, "README.md"), "utf8"));

/** Tools the check runs our code with; not part of the move, so they stay at the project's versions. */
const SHARED_TOOLS = ["tsx", "typescript", "@types/node", "hcl2-parser"];

describe("README: Moving to CDK Terrain", () => {
  it("lists each package change with the project's version before and compat/cdktn's after", () => {
    expect(recipe.packages.length).toBeGreaterThan(0);
    for (const change of recipe.packages) {
      expect(versions(project)[change.from], `${change.from} in package.json`).toBe(change.fromVersion);
      expect(versions(compat)[change.to], `${change.to} in compat/cdktn/package.json`).toBe(change.toVersion);
    }
  });

  it("leaves no package of compat/cdktn out of the table, except the tools shared with the project at its versions", () => {
    const listed = new Set(recipe.packages.map((change) => change.to));
    for (const [name, version] of Object.entries(versions(compat))) {
      if (listed.has(name)) continue;
      expect(SHARED_TOOLS, `${name} is in compat/cdktn/package.json but not in the README's table`).toContain(name);
      expect(version, `${name} must be at the project's version`).toBe(versions(project)[name]);
    }
  });

  it("pins exact versions in compat/cdktn, with a lockfile that matches package.json", () => {
    for (const [name, version] of Object.entries(versions(compat))) expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
    const lock = readJson<{ packages: Record<string, Partial<PackageJson> & { version?: string; peerDependencies?: Record<string, string> }> }>(
      join(COMPAT, "package-lock.json"),
    );
    expect(lock.packages[""]?.dependencies).toEqual(compat.dependencies);
    expect(lock.packages[""]?.devDependencies).toEqual(compat.devDependencies);
    for (const name of Object.keys(versions(compat))) {
      expect(lock.packages[`node_modules/${name}`]?.version, `${name} in the lockfile`).toBe(versions(compat)[name]);
    }
  });

  it("quotes the constructs range that cdktn and its AWS binding require, as the lockfile records it", () => {
    const lock = readJson<{ packages: Record<string, { peerDependencies?: Record<string, string> }> }>(join(COMPAT, "package-lock.json"));
    for (const name of ["cdktn", "@cdktn/provider-aws"]) {
      const range = lock.packages[`node_modules/${name}`]?.peerDependencies?.constructs ?? "";
      expect(range, name).not.toBe("");
      expect(recipe.text).toContain(`\`${range}\``);
    }
  });

  it("has one import change per tsconfig paths entry of compat/cdktn, and the entries point at the packages it installs", () => {
    const tsconfig = readJson<{ compilerOptions: { paths: Record<string, string[]> } }>(join(COMPAT, "tsconfig.json"));
    const mapped = new Map<string, string>();
    for (const [from, [target = ""]] of Object.entries(tsconfig.compilerOptions.paths)) {
      expect(target, from).toMatch(/^\.\/node_modules\//);
      mapped.set(from.replace("*", "<path>"), target.replace(/^\.\/node_modules\//, "").replace("*", "<path>"));
    }
    expect(recipe.imports).toEqual(mapped);
    const installed = new Set(Object.keys(versions(compat)));
    for (const to of mapped.values()) {
      const name = to.startsWith("@") ? to.split("/").slice(0, 2).join("/") : to.split("/")[0];
      expect(installed, `${to} is not installed by compat/cdktn`).toContain(name);
    }
  });

  it("covers every cdktf import of the sources the check builds", () => {
    const patterns = [...recipe.imports.keys()].map(
      (from) => new RegExp(`^${from.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&").replace("<path>", ".+")}$`),
    );
    const files: string[] = [];
    const visit = (dir: string): void => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) visit(path);
        else if (path.endsWith(".ts")) files.push(path);
      }
    };
    for (const dir of ["config", "stacks", "modules", join("tools", "synth")]) visit(join(ROOT, dir));
    files.push(join(ROOT, "main.ts"), join(COMPAT, "binding.ts"));
    const specifiers = new Set<string>();
    for (const file of files) {
      for (const match of readFileSync(file, "utf8").matchAll(/from "((?:cdktf|@cdktf\/)[^"]*)"/g)) specifiers.add(match[1] as string);
    }
    expect(specifiers.size).toBeGreaterThan(10);
    for (const specifier of specifiers) {
      expect(patterns.some((pattern) => pattern.test(specifier)), `${specifier} has no row in the import table`).toBe(true);
    }
  });

  it("lists exactly the differences compat/cdktn/differences.ts accepts", () => {
    expect(recipe.differences).toEqual(KNOWN_DIFFERENCES.map((difference) => difference.id));
  });

  it("names the AWS provider release each binding wraps, read from the binding for CDKTF's", () => {
    const cdktf = recipe.wraps.get("@cdktf/provider-aws");
    expect(cdktf?.version).toBe(versions(project)["@cdktf/provider-aws"]);
    expect(cdktf?.wraps).toBe(wrappedAwsProviderVersion());
    // The wrapped version of the cdktn binding needs its install: check.sh compares it (--cdktn-wraps).
    expect(recipe.wraps.get("@cdktn/provider-aws")?.version).toBe(versions(compat)["@cdktn/provider-aws"]);
    expect(recipe.wraps.get("@cdktn/provider-aws")?.wraps).toMatch(/^\d+\.\d+\.\d+$/);
    expect(recipe.text).toContain(`\`${AWS_PROVIDER_VERSION}\``);
  });

  it("gives the command that proves the move, which exists, is executable and runs in CI", () => {
    expect(recipe.commands).toEqual(["compat/cdktn/check.sh"]);
    accessSync(join(ROOT, "compat", "cdktn", "check.sh"), constants.X_OK);
    expect(readFileSync(join(ROOT, ".ci", "run"), "utf8")).toMatch(/^compat\/cdktn\/check\.sh$/m);
    expect(readFileSync(join(COMPAT, ".gitignore"), "utf8").split("\n")).toEqual(expect.arrayContaining(["node_modules/", "build/", "out/"]));
  });
});
