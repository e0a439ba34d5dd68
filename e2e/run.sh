#!/usr/bin/env bash
# Starts the whole system with ./polyshop up, runs the browser and README tests against it, stops
# it with Ctrl-C (SIGINT) as a person would, and checks that no service process is left behind.
# Exits non-zero on any failure. Logs: target/e2e/up.log; screenshot: target/e2e/storefront.png.
#   bash e2e/run.sh            # everything
#   POLYSHOP_TOKEN=... bash e2e/run.sh   # use this token instead of minting one
set -euo pipefail
set -m # job control: the background ./polyshop up gets its own process group and may be sent SIGINT

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
OUT=$ROOT/target/e2e
LOG=$OUT/up.log
UP_TIMEOUT=${POLYSHOP_UP_TIMEOUT:-360}
STOP_TIMEOUT=40
export POLYSHOP_URL=${POLYSHOP_URL:-http://localhost:8080}

log() { printf '[e2e] %s\n' "$*" >&2; }
die() { printf '[e2e] error: %s\n' "$*" >&2; exit 1; }

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

UP_PID=
JAVA_PIDS=()

# SIGINT to ./polyshop up, as Ctrl-C would; then every JVM it started must be gone.
stop_system() {
  [[ -n $UP_PID ]] || return 0
  local pid=$UP_PID started=$SECONDS left=()
  UP_PID=
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping ./polyshop up (SIGINT to $pid) ..."
    kill -INT "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && ((SECONDS - started < STOP_TIMEOUT)); do sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      log "./polyshop up did not stop within ${STOP_TIMEOUT} s after SIGINT; sending SIGTERM"
      kill -TERM "$pid" 2>/dev/null || true
      sleep 2
      STOP_FAILED=1
    fi
  fi
  wait "$pid" 2>/dev/null || true
  for java in "${JAVA_PIDS[@]}"; do
    kill -0 "$java" 2>/dev/null && left+=("$java")
  done
  if ((${#left[@]})); then
    ps -o pid=,args= -p "$(IFS=,; echo "${left[*]}")" >&2 || true
    kill -KILL "${left[@]}" 2>/dev/null || true
    STOP_FAILED=1
    log "java processes left behind after the stop: ${left[*]} (killed now)"
  else
    log "stopped in $((SECONDS - started)) s; none of its ${#JAVA_PIDS[@]} java processes is left"
  fi
}

STOP_FAILED=0
trap 'stop_system' EXIT
trap 'exit 130' INT TERM

mkdir -p "$OUT"
ensure_chromium
ensure_node_modules

log "starting ./polyshop up (log: ${LOG#"$ROOT"/}) ..."
up_started=$SECONDS
./polyshop up >"$LOG" 2>&1 </dev/null &
UP_PID=$!
until grep -q 'all services up' "$LOG"; do
  if ! kill -0 "$UP_PID" 2>/dev/null; then
    tail -n 40 "$LOG" >&2
    UP_PID=
    die "./polyshop up exited before all services were up (see ${LOG#"$ROOT"/})"
  fi
  if ((SECONDS - up_started >= UP_TIMEOUT)); then
    tail -n 40 "$LOG" >&2
    die "not all services up after ${UP_TIMEOUT} s"
  fi
  sleep 1
done
up_seconds=$((SECONDS - up_started))
reported=$(sed -n 's/.*all services up in \([0-9]*\) s.*/\1/p' "$LOG" | head -n 1)
mapfile -t JAVA_PIDS < <(pgrep -P "$UP_PID" -x java || true)
log "system up in ${up_seconds} s (./polyshop up reported ${reported:-?} s; ${#JAVA_PIDS[@]} java processes)"
((${#JAVA_PIDS[@]} >= 4)) || die "expected 4 java processes under ./polyshop up, found ${#JAVA_PIDS[@]}"

if [[ -z ${POLYSHOP_TOKEN:-} ]]; then
  POLYSHOP_TOKEN=$(./polyshop token) || die "./polyshop token failed"
fi
export POLYSHOP_TOKEN

tests_started=$SECONDS
status=0
npm --prefix e2e test || status=$?
tests_seconds=$((SECONDS - tests_started))
log "tests took ${tests_seconds} s (exit $status)"

stop_system
((STOP_FAILED == 0)) || die "the system did not stop cleanly on SIGINT"
log "timings: up ${up_seconds} s, tests ${tests_seconds} s"
exit "$status"
