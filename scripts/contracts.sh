#!/usr/bin/env bash
# The shared contracts (proto/): lint, compatibility with the last release, and the release itself.
#
# Usage: scripts/contracts.sh [lint|breaking|selftest|release VERSION|check]
#   lint              buf lint (STANDARD + COMMENTS, see proto/buf.yaml)
#   breaking          buf breaking (FILE rules) against the newest image in proto/releases/
#   selftest          proves `breaking` refuses breaking changes: a renumbered field and a removed
#                     RPC must fail, an added field must pass (on copies of proto/ in a temp dir)
#   release VERSION   writes proto/releases/VERSION.json, the image later versions are checked against
#   check             lint + breaking + selftest (what ./polyshop test runs)
# Needs buf from `npm ci` (package.json pins it) in node_modules/.bin.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
readonly PROTO="$ROOT/proto"
readonly RELEASES="$PROTO/releases"
readonly BUF="$ROOT/node_modules/.bin/buf"

log() { printf '[contracts] %s\n' "$*" >&2; }
die() { printf '[contracts] error: %s\n' "$*" >&2; exit 1; }

[[ -x $BUF ]] || die "buf is missing: run 'npm ci' in $ROOT (./polyshop test does)"

# The newest released image, by version order of the file names.
baseline() {
  local newest
  newest=$(find "$RELEASES" -maxdepth 1 -name '*.json' -printf '%f\n' | sort -V | tail -n 1)
  [[ -n $newest ]] || die "no released contracts in $RELEASES (scripts/contracts.sh release VERSION)"
  printf '%s\n' "$RELEASES/$newest"
}

lint() {
  (cd "$PROTO" && "$BUF" lint)
  log "lint: clean"
}

# Checks the module in $1 against the last release (more buf options may follow); buf's status.
breaking_in() {
  local dir=$1 against
  shift
  against=$(baseline)
  (cd "$dir" && "$BUF" breaking --against "$against" "$@")
}

breaking() {
  breaking_in "$PROTO"
  log "breaking: compatible with $(basename "$(baseline)" .json)"
}

# Copies proto/ to a temp dir, applies one edit with sed, runs breaking there; prints buf's findings
# as JSON lines (each names its rule in "type").
mutated() {
  local expression=$1 file=$2 work out status
  work=$(mktemp -d)
  cp -r "$PROTO/buf.yaml" "$PROTO/src" "$work/"
  sed -i "$expression" "$work/src/main/proto/$file"
  if cmp -s "$PROTO/src/main/proto/$file" "$work/src/main/proto/$file"; then
    rm -rf "$work"
    die "selftest: the edit '$expression' changed nothing in $file (the contract moved: update the selftest)"
  fi
  out=$(breaking_in "$work" --error-format json 2>&1) && status=0 || status=$?
  rm -rf "$work"
  printf '%s\n' "$out"
  return "$status"
}

expect_refused() {
  local what=$1 rule=$2 expression=$3 file=$4 out
  if out=$(mutated "$expression" "$file"); then
    die "selftest: $what passed buf breaking; it must be refused ($rule)"
  fi
  grep -q "\"type\":\"$rule\"" <<<"$out" || die "selftest: $what was refused, but not for $rule: $out"
  log "selftest: $what refused ($rule)"
}

selftest() {
  local search=polyshop/search/v1/search_service.proto out
  expect_refused "renumbering SearchRequest.query (1 → 15)" FIELD_NO_DELETE \
    's/^  string query = 1;$/  string query = 15;/' "$search"
  expect_refused "removing the Suggest RPC" RPC_NO_DELETE \
    '/^  rpc Suggest(SuggestRequest) returns (SuggestResponse);$/d' "$search"
  # An additive change is compatible: the check does not refuse everything.
  out=$(mutated 's/^  string page_token = 5;$/&\n  \/\/ A field added later.\n  string added_later = 15;/' \
    "$search") || die "selftest: adding a field was refused; it is compatible: $out"
  log "selftest: adding a field passes"
}

release() {
  local version=${1:-} target
  [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "release needs a version like 0.2.0"
  target="$RELEASES/$version.json"
  [[ ! -e $target ]] || die "$target exists: a released contract is never rewritten"
  mkdir -p "$RELEASES"
  (cd "$PROTO" && "$BUF" build --exclude-source-info -o -#format=json) |
    python3 -c 'import json, sys; json.dump(json.load(sys.stdin), sys.stdout, indent=1, sort_keys=True); print()' \
      >"$target"
  log "released the contracts as $target"
}

case ${1:-check} in
  lint) lint ;;
  breaking) breaking ;;
  selftest) selftest ;;
  release) release "${2:-}" ;;
  check) lint; breaking; selftest ;;
  *) die "unknown command: $1 (lint, breaking, selftest, release VERSION, check)" ;;
esac
