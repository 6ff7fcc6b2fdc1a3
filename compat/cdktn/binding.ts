/**
 * Which hashicorp/aws release the installed AWS provider binding was generated from, read from the
 * binding itself (the generator metadata every prebuilt provider class carries), so the README's
 * "version drift" table is checked against the packages and never copied by hand.
 *
 * The same file runs on both libraries: from the project root it loads @cdktf/provider-aws; staged
 * into compat/cdktn/build/ (check.sh) the tsconfig paths of compat/cdktn load @cdktn/provider-aws.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";

/** The hashicorp/aws version the binding wraps, e.g. `6.25.0`. */
export function wrappedAwsProviderVersion(): string {
  // A provider needs a stack to exist in, and the App creates its output folder: a scratch one.
  const outdir = mkdtempSync(join(tmpdir(), "binding-probe-"));
  let version: string | undefined;
  try {
    const stack = new TerraformStack(new App({ outdir }), "probe");
    version = new AwsProvider(stack, "aws").terraformGeneratorMetadata?.providerVersion;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
  if (!version) throw new Error("the AWS provider binding carries no generator metadata (providerVersion)");
  return version;
}

if (require.main === module) process.stdout.write(`${wrappedAwsProviderVersion()}\n`);
