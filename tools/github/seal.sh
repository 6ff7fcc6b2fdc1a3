#!/usr/bin/env bash
# Encrypts plan files before they leave the job as artifacts, and decrypts them in the job that
# consumes them. A saved plan and its JSON hold the prior state, sensitive values included, in
# clear; artifacts are readable by anyone who can read the repository. OpenPGP symmetric
# encryption (AES-256, with an integrity check that makes a tampered file fail) under the
# repository secret PLAN_ARTIFACT_KEY.
#   tools/github/seal.sh encrypt FILE...   writes FILE.gpg, removes FILE
#   tools/github/seal.sh decrypt FILE.gpg... writes FILE, keeps FILE.gpg
set -euo pipefail

if [ -z "${PLAN_ARTIFACT_KEY:-}" ]; then
  echo "::error::seal: PLAN_ARTIFACT_KEY is empty; create the repository secret PLAN_ARTIFACT_KEY (see README, Repository setup) and pass it in the step's env." >&2
  exit 2
fi
mode="${1:-}"
shift || true
if [ "$mode" != encrypt ] && [ "$mode" != decrypt ] || [ "$#" -eq 0 ]; then
  echo "usage: seal.sh encrypt|decrypt FILE..." >&2
  exit 2
fi

gpg_home="$(mktemp -d)"
trap 'rm -rf "$gpg_home"' EXIT
run_gpg() {
  gpg --homedir "$gpg_home" --batch --yes --quiet --pinentry-mode loopback \
    --passphrase-fd 3 "$@" 3<<<"$PLAN_ARTIFACT_KEY"
}

for file in "$@"; do
  if [ "$mode" = encrypt ]; then
    run_gpg --symmetric --cipher-algo AES256 --s2k-digest-algo SHA512 --force-mdc --output "$file.gpg" "$file"
    rm -f -- "$file"
  else
    case "$file" in
      *.gpg) ;;
      *) echo "::error::seal: $file does not end in .gpg; pass the encrypted artifact." >&2; exit 2 ;;
    esac
    if ! run_gpg --decrypt --output "${file%.gpg}" "$file" 2>/dev/null; then
      echo "::error::seal: cannot decrypt $file: wrong PLAN_ARTIFACT_KEY or a damaged artifact; plan again in a new run." >&2
      exit 1
    fi
  fi
done
