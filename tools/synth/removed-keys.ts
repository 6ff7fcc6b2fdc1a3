/**
 * The guard on the `dnssec-keys` stack leaving the synth: when `sharedKmsKey` goes from true to
 * false, or the last KSK on a shared key gets its own `kmsKeyArn`, the stack is no longer built and
 * its folder would be removed. Nothing would then plan that state again, or destroy it: the keys
 * stay, billed, and any KSK still on one of them breaks when someone deletes the key by hand. So the
 * synth refuses while the committed folder (`terraform/dnssec-keys/`) is there; deleting that folder
 * in the change, after destroying the stack, is the deliberate step.
 *
 * Against the base commit (`--base`) the same removal is that deliberate step, so it cannot be
 * refused: nothing without credentials can tell a destroyed stack from an abandoned one. It is
 * shown as a warning instead, for the reviewers of `/terraform/` (README "Many zones").
 */
import { KEYS_STACK_ID } from "../../stacks/stack-ids";
import { MAIN_FILE, type FileTree } from "./hcl-files";

const KEYS_MAIN = `${KEYS_STACK_ID}/${MAIN_FILE}`;

/** Whether the committed folder holds the keys stack and the fresh synth does not. */
export function keysStackRemoved(committed: FileTree, fresh: FileTree): boolean {
  return committed.has(KEYS_MAIN) && !fresh.has(KEYS_MAIN);
}

/** The one-line refusal, naming the stack, the setting and the fix. */
export function removedKeysStackMessage(hclFolder: string): string {
  return (
    `synth: the stack ${KEYS_STACK_ID} is no longer built (sharedKmsKey is false, or no KSK uses a shared key), but ${hclFolder}/${KEYS_STACK_ID}/ holds its KMS keys, and no workflow would plan or destroy that state again; ` +
    `keep sharedKmsKey true until every zone's KSK is off the shared keys (rotate each to a KSK with its own kmsKeyArn, README "Rotating a KSK", applying each), ` +
    `then destroy the stack deliberately (terraform -chdir=${hclFolder}/${KEYS_STACK_ID} destroy, with the apply role) and delete ${hclFolder}/${KEYS_STACK_ID}/ in the change that turns sharedKmsKey off.`
  );
}

/**
 * The warning when the base commit's folder holds the keys stack and the change deletes it with the
 * setting: allowed (the deliberate step), but only right after the destroy, which the reviewer
 * confirms. Worded for both uses of `--base`: the pull request, and main after the merge.
 */
export function removedSinceBaseWarning(baseFolder: string): string {
  return (
    `synth: warning: the stack ${KEYS_STACK_ID} leaves in this change (${baseFolder}/${KEYS_STACK_ID}/ of the base commit, --base, holds its KMS keys); ` +
    `its state must have been destroyed (terraform -chdir=terraform/${KEYS_STACK_ID} destroy, with the apply role) before the change reaches main: from then on no workflow plans or destroys it again.`
  );
}
