#!/usr/bin/env bash
# Starts the whole system with ./polyshop up --observe, runs the browser and README tests, the
# three-language client conformance scenario and the analytics job against it, then asks the
# Prometheus that scraped it all (e2e/observability.py), stops it with SIGTERM and checks
# that no service process is left behind. Then the crash path: start,
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

# `./polyshop token` while the shop runs must leave the running gateway's jar alone, even when the
# sources are newer than the jar: a jar rebuilt under a running JVM breaks its class loading.
token_leaves_running_jar_alone() {
  local jar source stamp before after
  jar=$(find gateway/target -maxdepth 1 -name 'polyshop-gateway-*.jar' ! -name 'original-*' -print -quit)
  source=gateway/src/main/java/dev/polyshop/gateway/GatewayApplication.java
  stamp=$(stat -c %Y "$source")
  before=$(stat -c '%i %Y %s' "$jar")
  touch "$source"
  ./polyshop token >/dev/null 2>&1 || { touch -d "@$stamp" "$source"; die "./polyshop token failed"; }
  touch -d "@$stamp" "$source"
  after=$(stat -c '%i %Y %s' "$jar")
  [[ $before == "$after" ]] || die "./polyshop token rebuilt the gateway's jar under the running shop"
  curl -fsS -o /dev/null --max-time 5 "$POLYSHOP_URL/api/ping" ||
    die "the gateway stopped answering after ./polyshop token"
  log "./polyshop token left the running gateway's jar alone"
}

STOP_FAILED=0
trap 'up_stop TERM || true' EXIT
trap 'exit 130' INT TERM

mkdir -p "$OUT"
ensure_chromium
ensure_node_modules
log "building the Java, Python and Go clients ..."
bash clients/build.sh
bash scripts/debian-packages.sh python3-matplotlib

log "starting ./polyshop up --observe (log: ${LOG#"$ROOT"/}) ..."
up_start "$ROOT" "$LOG" --observe
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
if ((status == 0)); then
  /usr/bin/python3 clients/conformance.py || status=$?
fi
if ((status == 0)); then
  /usr/bin/python3 analytics/tests/against_shop.py || status=$?
fi
((status != 0)) || token_leaves_running_jar_alone
# The real scrape: Prometheus has watched all of the above; ask it what an operator would.
if ((status == 0)); then
  /usr/bin/python3 e2e/observability.py check "http://127.0.0.1:${POLYSHOP_PROMETHEUS_PORT:-9090}" || status=$?
fi
# ... and the spans the services wrote: a search the tests made through the gateway is one trace,
# the gateway's span with search's under it, that ./polyshop trace prints.
if ((status == 0)); then
  search_trace=$(grep -m 1 -o '"traceId":"[0-9a-f]*","spanId":"[0-9a-f]*","parentSpanId":"[0-9a-f]*","name":"GET /api/search"' \
    .polyshop/traces/gateway.jsonl | sed -E 's/^"traceId":"([0-9a-f]+)".*/\1/') || true
  if [[ -z $search_trace ]]; then
    log "no GET /api/search span in .polyshop/traces/gateway.jsonl"
    status=1
  elif tree=$(./polyshop trace "$search_trace") && grep -q 'GET /api/search  gateway' <<<"$tree" &&
    grep -q '^ \+polyshop.search.v1.SearchService/Search  search-service' <<<"$tree"; then
    log "./polyshop trace $search_trace:"$'\n'"$tree"
  else
    log "./polyshop trace $search_trace did not print search's span under the gateway's: ${tree:-}"
    status=1
  fi
  for service in product-service push-service; do
    if ! grep -q '"traceId"' ".polyshop/traces/$service.jsonl"; then
      log "no spans in .polyshop/traces/$service.jsonl"
      status=1
    fi
  done
fi
tests_seconds=$((SECONDS - tests_started))
log "tests took ${tests_seconds} s (exit $status)"

# A person stops it with Ctrl-C; a script that started it in the background cannot (SIGINT is
# ignored there), so SIGTERM, which must be just as clean.
up_stop TERM || STOP_FAILED=1
((status == 0)) || die "the browser, README, conformance, analytics or real-scrape tests failed (exit $status)"

recovery_started=$SECONDS
kill_and_restart "$ROOT" "$OUT" || STOP_FAILED=1
recovery_seconds=$((SECONDS - recovery_started))

((STOP_FAILED == 0)) || die "the system did not stop cleanly"
log "timings: up ${up_seconds} s, tests ${tests_seconds} s, kill-and-restart ${recovery_seconds} s"
