#!/usr/bin/env bash
# Starts the whole system with ./polyshop up, runs the browser and README tests against it, stops
# it with SIGTERM and checks that no service process is left behind. Then the crash path: start,
# write a product, SIGKILL the launcher's whole process group, start again (the orphaned embedded
# PostgreSQL must be recognised and stopped), find the product, stop with SIGHUP (a closed terminal).
# Exits non-zero on any failure. Logs: target/e2e/up*.log; screenshot: target/e2e/storefront.png.
#   bash e2e/run.sh            # everything
#   POLYSHOP_TOKEN=... bash e2e/run.sh   # use this token instead of minting one
set -euo pipefail
set -m # job control: the background ./polyshop up gets its own process group, as in a terminal

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
OUT=$ROOT/target/e2e
LOG=$OUT/up.log
UP_TIMEOUT=${POLYSHOP_UP_TIMEOUT:-600}

# shellcheck source=e2e/lib.sh
source "$ROOT/e2e/lib.sh"

# Debian's Chromium; never a downloaded browser.
ensure_chromium() {
  [[ -x ${CHROMIUM_PATH:-/usr/bin/chromium} ]] && return
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    log "installing Debian's chromium ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    die "no Chromium at ${CHROMIUM_PATH:-/usr/bin/chromium}: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH"
  fi
}

ensure_node_modules() {
  command -v npm >/dev/null || die "Node.js 20+ with npm is needed"
  if [[ ! -d e2e/node_modules/playwright-core || e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ]]; then
    npm --prefix e2e ci --no-audit --no-fund --loglevel=error >/dev/null
  fi
}

STOP_FAILED=0
trap 'up_stop TERM || true' EXIT
trap 'exit 130' INT TERM

mkdir -p "$OUT"
ensure_chromium
ensure_node_modules

log "starting ./polyshop up (log: ${LOG#"$ROOT"/}) ..."
up_start "$ROOT" "$LOG"
up_wait_ready "$UP_TIMEOUT"
up_seconds=$UP_SECONDS
reported=$(sed -n 's/.*all services up in \([0-9]*\) s.*/\1/p' "$LOG" | head -n 1)
log "system up in ${up_seconds} s (./polyshop up reported ${reported:-?} s; ${#JAVA_PIDS[@]} java processes)"

if [[ -z ${POLYSHOP_TOKEN:-} ]]; then
  POLYSHOP_TOKEN=$(./polyshop token) || die "./polyshop token failed"
fi
export POLYSHOP_TOKEN

tests_started=$SECONDS
status=0
npm --prefix e2e test || status=$?
tests_seconds=$((SECONDS - tests_started))
log "tests took ${tests_seconds} s (exit $status)"

# A person stops it with Ctrl-C; a script that started it in the background cannot (SIGINT is
# ignored there), so SIGTERM, which must be just as clean.
up_stop TERM || STOP_FAILED=1
((status == 0)) || die "the browser or README tests failed (exit $status)"

recovery_started=$SECONDS
kill_and_restart "$ROOT" "$OUT" || STOP_FAILED=1
recovery_seconds=$((SECONDS - recovery_started))

((STOP_FAILED == 0)) || die "the system did not stop cleanly"
log "timings: up ${up_seconds} s, tests ${tests_seconds} s, kill-and-restart ${recovery_seconds} s"
