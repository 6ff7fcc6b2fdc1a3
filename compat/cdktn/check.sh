#!/usr/bin/env bash
# The proof that the app moves to CDK Terrain (cdktn): its unchanged sources build and synthesize on
# cdktn, with the same HCL as on CDKTF, or a difference that compat/cdktn/differences.ts lists and the
# README explains. Run from anywhere, after `npm ci` in the project (CDKTF's side comes from there):
#
#   compat/cdktn/check.sh
#
# 1. npm ci in compat/cdktn (cdktn, @cdktn/provider-aws, constructs inside cdktn's peer range);
# 2. copy main.ts, cdktf.json, config/, stacks/, modules/, tools/synth/ byte for byte into
#    compat/cdktn/build/, where every import resolves in compat's node_modules, and typecheck them
#    against cdktn (tsconfig.json maps the cdktf imports to cdktn with `paths`);
# 3. for each settings set (settings-sets.ts: the project's own settings, and three derived ones),
#    `npm run synth` on CDKTF and the staged tools/synth/cli.ts on cdktn, into out/<set>/{cdktf,cdktn}/;
# 4. compare.ts: every stack's HCL, JSON synth and warnings, and the project's cdktn HCL with
#    terraform/; exit 1 on anything differences.ts does not list;
# 5. `npm run terraform-check` on the project's cdktn HCL, when the project has that script.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/out"
build="$here/build"
say() { echo "compat: $*"; }

say "npm ci (compat/cdktn)"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

say "staging the sources, unchanged, into compat/cdktn/build/"
rm -rf "$build" "$out"
mkdir -p "$build/tools" "$out"
cp -R "$root/main.ts" "$root/cdktf.json" "$root/config" "$root/stacks" "$root/modules" "$build/"
cp -R "$root/tools/synth" "$root/tools/shared" "$build/tools/"
# The synth finds its project root (and so cdktf.json) at the nearest package.json: make that the
# staged copy, so the cdktn side reads the staged cdktf.json of each settings set below.
printf '{ "private": true }\n' > "$build/package.json"
cp "$here/binding.ts" "$build/"

say "build: tsc against cdktn $(node -p 'require(process.argv[1]).version' "$here/node_modules/cdktn/package.json")"
(cd "$here" && npx --no-install tsc -p tsconfig.json)

# tsx reads compat's tsconfig.json (its `paths`) from this variable; nothing else is set up at run time.
export TSX_TSCONFIG_PATH="$here/tsconfig.json"
wraps="$(cd "$here" && node --import tsx "$build/binding.ts")"
say "@cdktn/provider-aws wraps hashicorp/aws $wraps"

sets="$(cd "$root" && env -u TSX_TSCONFIG_PATH node --import tsx compat/cdktn/settings-sets.ts)"
# The settings are cdktf.json's context alone (CDKTF_CONTEXT_JSON is not read, see "Configuration"),
# so each set is written as the context of a cdktf.json: the staged one for cdktn, and the project's
# own for CDKTF, which is restored afterwards whatever happens.
project_json="$(mktemp)"
cp "$root/cdktf.json" "$project_json"
trap 'cp "$project_json" "$root/cdktf.json"' EXIT
with_context() {
  node -e 'const fs = require("fs"); const c = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); c.context = JSON.parse(process.argv[2]); fs.writeFileSync(process.argv[3], JSON.stringify(c, null, 2) + "\n");' \
    "$project_json" "$1" "$2"
}
while IFS=$'\t' read -r name context; do
  [ -n "$name" ] || continue
  say "settings set $name: synth on CDKTF and on cdktn"
  mkdir -p "$out/$name/cdktf" "$out/$name/cdktn"
  with_context "$context" "$root/cdktf.json"
  with_context "$context" "$build/cdktf.json"
  (cd "$root" && env -u TSX_TSCONFIG_PATH -u CDKTF_CONTEXT_JSON -u DNSSEC_CDKTF_CONTEXT npm run -s synth -- \
    --hcl-dir "$out/$name/cdktf/hcl" --json-dir "$out/$name/cdktf/json") >"$out/$name/cdktf/synth.log" 2>&1
  (cd "$here" && env -u CDKTF_CONTEXT_JSON -u DNSSEC_CDKTF_CONTEXT node --import tsx "$build/tools/synth/cli.ts" \
    --hcl-dir "$out/$name/cdktn/hcl" --json-dir "$out/$name/cdktn/json") >"$out/$name/cdktn/synth.log" 2>&1
done <<<"$sets"
cp "$project_json" "$root/cdktf.json"

say "comparing"
(cd "$root" && env -u TSX_TSCONFIG_PATH node --import tsx compat/cdktn/compare.ts "$out" --committed "$root/terraform" --cdktn-wraps "$wraps")

# The real-Terraform harness (validate, plan with mocks) runs on the cdktn HCL too, where this
# checkout has it; the folder holds one subfolder per stack, as the harness expects.
if (cd "$root" && node -e 'process.exit(require("./package.json").scripts?.["terraform-check"] ? 0 : 1)'); then
  say "real Terraform on the cdktn HCL of the project's settings (npm run terraform-check)"
  (cd "$root" && npm run -s terraform-check -- --dir "$out/project/cdktn/hcl")
else
  say "no real-Terraform harness in this checkout (npm run terraform-check); the cdktn HCL is in $out/<set>/cdktn/hcl"
fi
