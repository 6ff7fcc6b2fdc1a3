/**
 * The guard on removing a fleet zone: a zone whose committed folder (`terraform/zone-<domain>/`)
 * shows it signing may not leave the settings. Its stack would no longer be planned, so nothing
 * would withdraw the DS before signing stopped, and a later destroy would delete the KSKs' keys
 * under a zone that validators still expect to be signed. The disable path comes first.
 */
import { ZONE_STACK_PREFIX } from "../../stacks/stack-ids";
import { MAIN_FILE, type FileTree } from "./hcl-files";
import { isJsonObject, type JsonValue } from "./json";

/** One removed zone that still signs. */
export interface SignedRemoval {
  readonly folder: string;
  readonly domainName: string;
}

/** Whether a committed main.tf signs: an aws_route53_hosted_zone_dnssec with signing_status "SIGNING". */
export async function showsSigning(mainTf: string, where: string): Promise<boolean> {
  // Parsed, not matched by pattern: an override or a reformat must not hide a signing zone.
  const { parseHcl } = await import("./parse-hcl");
  const resources = parseHcl(mainTf, where).resource;
  const signing: JsonValue | undefined = isJsonObject(resources) ? resources.aws_route53_hosted_zone_dnssec : undefined;
  if (!isJsonObject(signing)) return false;
  return Object.values(signing).some((bodies) =>
    (Array.isArray(bodies) ? bodies : [bodies]).some((body) => isJsonObject(body) && body.signing_status !== "NOT_SIGNING"),
  );
}

/** The fleet zones whose folder is in `committed` but not in `fresh`, and which still sign. */
export async function signedRemovals(committed: FileTree, fresh: FileTree): Promise<SignedRemoval[]> {
  const removals: SignedRemoval[] = [];
  for (const [path, content] of committed) {
    const [folder, file] = path.split("/");
    if (file !== MAIN_FILE || folder === undefined || !folder.startsWith(ZONE_STACK_PREFIX) || fresh.has(path)) continue;
    if (await showsSigning(content, path)) removals.push({ folder, domainName: folder.slice(ZONE_STACK_PREFIX.length) });
  }
  return removals;
}

/**
 * The one-line refusal for a removed zone that still signs, naming the zone, the folder and the fix.
 * `fromBase`: the folder is the base commit's (`--base`), which the change deleted from the working
 * tree. The same words serve both uses of `--base`: the pull request (base: its base branch) and
 * main after the merge (base: the last commit applied), so the fix names both ways back.
 */
export function signedRemovalMessage(removal: SignedRemoval, hclFolder: string, fromBase = false): string {
  const where = fromBase ? `${hclFolder}/${removal.folder}/ of the base commit (--base)` : `${hclFolder}/${removal.folder}/`;
  const back = fromBase
    ? "bring the entry and its folder back (in the pull request; once merged, revert the change that removed them)"
    : "put the entry back";
  return (
    `synth: the zone ${removal.domainName} is no longer in the settings' zones, but ${where} shows it signed (signing_status "SIGNING"); ` +
    (fromBase ? "deleting the folder does not make the removal safe: " : "") +
    `removing a signed zone would leave its DS and signing with no stack to withdraw them, so ${back}, set its dnssec to "disabling", then "off", applying each, and only then remove it (README "Turning DNSSEC off safely").`
  );
}
