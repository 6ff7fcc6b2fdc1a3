#!/usr/bin/env bash
# Writes the checked-in terraform/ of a commit into DEST/terraform, for the removed-stack guard
# (npm run synth -- --check --base DEST/terraform): a change that removes a signed zone's entry and
# deletes its folder is judged against the folder the base still has. Read from git's objects only:
# nothing of the change runs, and no credentials are needed once the checkout fetched the history.
# The tree is read directly (read-tree into a scratch index, checkout-index), not with `git archive`:
# archive honours export-ignore in the base's .gitattributes, so a committed attribute could
# silently give an empty base and let a signed zone's removal through.
#   tools/github/base-tree.sh REV DEST   REV a commit (sha or HEAD^); an empty DEST/terraform when REV has none
set -euo pipefail

rev="${1:-}"
dest="${2:-}"
if [ -z "$rev" ] || [ -z "$dest" ]; then
  echo "usage: base-tree.sh REV DEST" >&2
  exit 2
fi
if ! commit="$(git rev-parse --verify --quiet "${rev}^{commit}")"; then
  echo "::error::base-tree: ${rev} is not a commit of this checkout; check out with fetch-depth: 0 so the base commit is there." >&2
  exit 2
fi
mkdir -p "${dest}/terraform"
if git cat-file -e "${commit}:terraform" 2>/dev/null; then
  # A scratch index, so the checkout's own index and work tree are never touched.
  scratch="$(mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
  index="${scratch}/index"
  GIT_INDEX_FILE="$index" git read-tree --prefix=terraform/ "${commit}:terraform"
  prefix="$(cd "$dest" && pwd)/"
  GIT_INDEX_FILE="$index" git checkout-index --all --force --prefix="$prefix"
fi
echo "base-tree: ${dest}/terraform holds terraform/ of ${commit}."
