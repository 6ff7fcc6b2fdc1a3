#!/usr/bin/env bash
# Writes the checked-in terraform/ of a commit into DEST/terraform, for the removed-stack guard
# (npm run synth -- --check --base DEST/terraform): a change that removes a signed zone's entry and
# deletes its folder is judged against the folder the base still has. Read from git's objects only:
# nothing of the change runs, and no credentials are needed once the checkout fetched the history.
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
  git archive "$commit" terraform | tar -x -C "$dest"
fi
echo "base-tree: ${dest}/terraform holds terraform/ of ${commit}."
