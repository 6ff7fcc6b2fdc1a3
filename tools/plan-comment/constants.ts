/**
 * Values shared with the workflow that posts the comment. The workflow's
 * github-script step looks for COMMENT_MARKER to update the one comment in
 * place, and honours OVERRIDE_LABEL to let a reviewed DNSSEC danger through.
 */
export const COMMENT_MARKER = "<!-- dnssec-cdktf:plan-comment -->";
export const OVERRIDE_LABEL = "dnssec-override";
/**
 * Who may let a danger through on a pull request, in the words the CLI uses. The rule itself is
 * enforced by tools/github/override.ts: the label counts only when someone other than the author
 * adds it after the latest push. On main, no label plays any part.
 */
export const OVERRIDE_RULE = `on a pull request, a reviewer other than its author may add the ${OVERRIDE_LABEL} label after the latest push, once each danger is understood`;

/** GitHub rejects issue comments longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** Our target, with room for the workflow to add a line and for multi-byte characters. */
export const DEFAULT_BUDGET = 60_000;

export const EXIT_OK = 0;
/** Bad usage or an unreadable plan file. */
export const EXIT_USAGE = 2;
/** --fail-on-danger was given and a DNSSEC danger was found. */
export const EXIT_DANGER = 3;
