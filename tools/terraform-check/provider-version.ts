/**
 * The one edit the harness makes to a synthesized stack: the app pins hashicorp/aws ~> 6.25.0
 * (what users run) and the offline mirror holds 5.100.0, so the scratch copy's
 * `required_providers` version constraint, and nothing else, is pinned to the mirrored version.
 */

/** What was rewritten, for the one line the harness prints. */
export interface VersionRewrite {
  readonly text: string;
  readonly from?: string;
  readonly to: string;
}

// `aws = { source = "hashicorp/aws" version = "..." }` inside `required_providers { ... }`, as hclwrite
// lays it out (one attribute a line, either order).
const AWS_ENTRY = /(required_providers\s*\{[^}]*?\baws\s*=\s*\{)([^}]*)\}/;
const VERSION_LINE = /(\bversion\s*=\s*)"([^"]*)"/;

/** Pins the aws entry of `required_providers` to `version`; throws when the stack has no such entry. */
export function pinProviderVersion(text: string, version: string, where: string): VersionRewrite {
  const entry = AWS_ENTRY.exec(text);
  if (!entry || !/source\s*=\s*"(registry\.terraform\.io\/)?hashicorp\/aws"/.test(entry[2])) {
    throw new Error(`${where} has no required_providers entry aws = { source = "hashicorp/aws" }`);
  }
  const body = entry[2];
  const current = VERSION_LINE.exec(body);
  const newBody = current ? body.replace(VERSION_LINE, `$1"${version}"`) : body;
  if (!current) throw new Error(`${where} does not pin a version for hashicorp/aws in required_providers`);
  const start = entry.index + entry[1].length;
  return { text: text.slice(0, start) + newBody + text.slice(start + body.length), from: current[2], to: version };
}
