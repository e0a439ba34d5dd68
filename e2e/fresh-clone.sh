#!/usr/bin/env bash
# The README's first command as a newcomer meets it: clone the committed HEAD into an empty
# directory, run `./polyshop up` there from nothing (it must build what it lacks, saying so), wait
# until ready, read the catalog and search through the gateway, stop it with SIGTERM and check
# that nothing is left; then `./polyshop token` in a second fresh clone. Needs only a JDK 25.
#   bash e2e/fresh-clone.sh          (logs and clones under target/fresh-clone/)
set -euo pipefail
set -m # each ./polyshop up gets its own process group, as in a terminal

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=e2e/lib.sh
source "$ROOT/e2e/lib.sh"
OUT=$ROOT/target/fresh-clone
BUILD_AND_UP_TIMEOUT=${POLYSHOP_FRESH_UP_TIMEOUT:-1200}

rm -rf "$OUT" && mkdir -p "$OUT"
trap 'up_stop TERM || true' EXIT

git clone -q "$ROOT" "$OUT/up"
[[ ! -e $OUT/up/target && ! -e $OUT/up/.polyshop ]] || die "the clone is not fresh"
log "./polyshop up in a fresh clone (build included; log: ${OUT#"$ROOT"/}/up.log) ..."
up_start "$OUT/up" "$OUT/up.log"
up_wait_ready "$BUILD_AND_UP_TIMEOUT"
grep -q 'building .* with ./mvnw' "$OUT/up.log" || die "./polyshop up did not say it was building"
log "fresh clone: built and up in $UP_SECONDS s"
smoke
up_stop TERM || die "./polyshop up did not stop cleanly on SIGTERM"

git clone -q "$ROOT" "$OUT/token"
log "./polyshop token in a fresh clone ..."
token=$(cd "$OUT/token" && ./polyshop token 2>"$OUT/token.log") ||
  { tail -n 20 "$OUT/token.log" >&2; die "./polyshop token failed in a fresh clone"; }
[[ $token =~ ^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$ ]] || die "./polyshop token printed no JWT: '$token'"
log "fresh clone: ./polyshop token printed a JWT"
rm -rf "$OUT/up" "$OUT/token"
