# Starting, checking and stopping `./polyshop up` from a script; sourced by run.sh and
# fresh-clone.sh. The caller runs with `set -m`, so each `up` gets its own process group (its pid),
# which is what a terminal gives it and what `kill -- -PID` hits as a whole.

UP_PID=
UP_DIR=
UP_LOG=
JAVA_PIDS=()
STOP_TIMEOUT=${STOP_TIMEOUT:-40}
export POLYSHOP_URL=${POLYSHOP_URL:-http://localhost:8080}

log() { printf '[e2e] %s\n' "$*" >&2; }
die() { printf '[e2e] error: %s\n' "$*" >&2; exit 1; }

# up_start DIR LOG [OPTION...]: ./polyshop up OPTION... in DIR, in the background, output to LOG.
up_start() {
  UP_DIR=$1 UP_LOG=$2
  shift 2
  : >"$UP_LOG"
  (cd "$UP_DIR" && exec ./polyshop up "$@") >"$UP_LOG" 2>&1 </dev/null &
  UP_PID=$!
  JAVA_PIDS=()
}

# up_wait_ready TIMEOUT: until the launcher says "all services up"; fails with the log's tail if it
# exits or times out first. Sets UP_SECONDS to the seconds it took and JAVA_PIDS to its JVMs.
up_wait_ready() {
  local timeout=$1 started=$SECONDS rc=0
  until grep -q 'all services up' "$UP_LOG"; do
    if ! kill -0 "$UP_PID" 2>/dev/null; then
      tail -n 40 "$UP_LOG" >&2
      wait "$UP_PID" 2>/dev/null || rc=$?
      UP_PID=
      die "./polyshop up exited with status $rc before all services were up (log: $UP_LOG)"
    fi
    if ((SECONDS - started >= timeout)); then
      tail -n 40 "$UP_LOG" >&2
      die "not all services up after $timeout s (log: $UP_LOG)"
    fi
    sleep 1
  done
  mapfile -t JAVA_PIDS < <(pgrep -P "$UP_PID" -x java || true)
  ((${#JAVA_PIDS[@]} >= 4)) || die "expected 4 java processes under ./polyshop up, found ${#JAVA_PIDS[@]}"
  UP_SECONDS=$((SECONDS - started))
}

# The pid of the embedded PostgreSQL serving UP_DIR's data directory, if one is running.
up_postmaster() {
  local pidfile=$UP_DIR/.polyshop/product-db/postmaster.pid pid
  [[ -f $pidfile ]] || return 1
  read -r pid <"$pidfile" || return 1
  [[ $(readlink "/proc/$pid/exe" 2>/dev/null) == */postgres ]] || return 1
  echo "$pid"
}

# up_stop SIGNAL: stops the launcher with SIGNAL (TERM, HUP, ...) and checks that nothing it
# started is left: no JVM and no PostgreSQL. Returns 1 (after killing the leftovers) if it was not clean.
up_stop() {
  local signal=$1 pid=$UP_PID started=$SECONDS left=() postmaster prometheus clean=0
  [[ -n $pid ]] || return 0
  UP_PID=
  log "stopping ./polyshop up with SIG$signal ..."
  kill "-$signal" "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && ((SECONDS - started < STOP_TIMEOUT)); do sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    log "./polyshop up did not stop within $STOP_TIMEOUT s after SIG$signal"
    kill -KILL -- "-$pid" 2>/dev/null || true
    clean=1
  fi
  wait "$pid" 2>/dev/null || true
  for java in "${JAVA_PIDS[@]}"; do
    kill -0 "$java" 2>/dev/null && left+=("$java")
  done
  if ((${#left[@]})); then
    kill -KILL "${left[@]}" 2>/dev/null || true
    log "java processes left behind after SIG$signal: ${left[*]} (killed now)"
    clean=1
  fi
  if prometheus=$(pgrep -f -- "--config.file=$UP_DIR/.polyshop/prometheus/"); then
    kill -KILL $prometheus 2>/dev/null || true
    log "Prometheus left running after SIG$signal: $prometheus (killed now)"
    clean=1
  fi
  if postmaster=$(up_postmaster); then
    kill -TERM "$postmaster" 2>/dev/null || true
    log "PostgreSQL (pid $postmaster) left running after SIG$signal (stopped now)"
    clean=1
  fi
  ((clean == 0)) && log "stopped cleanly by SIG$signal in $((SECONDS - started)) s: no JVM, PostgreSQL or Prometheus left"
  return "$clean"
}

# Kills the launcher's whole process group at once, as `kill -9` of a terminal's job or an OOM
# kill of the session would; nothing gets to clean up.
up_kill_group() {
  log "SIGKILL to the process group of ./polyshop up ($UP_PID) ..."
  kill -KILL -- "-$UP_PID"
  wait "$UP_PID" 2>/dev/null || true
  UP_PID=
}

# smoke: a read of the catalog and a search, both through the gateway. A first request to a cold
# JVM on a busy machine may miss the gateway's deadline (504), so each is tried for up to ~30 s.
smoke() {
  local retry=(--retry 10 --retry-delay 3 --max-time 10) body
  body=$(curl -fsS "${retry[@]}" "$POLYSHOP_URL/api/products?limit=1") && [[ $body == *'"sku"'* ]] ||
    die "GET /api/products through the gateway did not list a product"
  body=$(curl -fsS "${retry[@]}" "$POLYSHOP_URL/api/search?q=laptop") && [[ $body == *'"totalHits"'* ]] ||
    die "GET /api/search through the gateway did not answer a search"
  log "smoke: catalog and search answer through the gateway"
}

# kill_and_restart DIR OUTDIR: killed hard, then started again. The embedded PostgreSQL outlives
# its JVM (pg_ctl daemonized it) and holds its port; the next start must recognise it as its own,
# stop it and keep the catalog. Then a SIGHUP stop (a closed terminal), which must be clean.
# Needs POLYSHOP_TOKEN (a write token). Returns 1 if the final stop was not clean.
kill_and_restart() {
  local dir=$1 out=$2 timeout=${POLYSHOP_UP_TIMEOUT:-600} sku created id postmaster
  up_start "$dir" "$out/up-killed.log"
  up_wait_ready "$timeout"
  sku=CRASH-$(date +%s%N)
  created=$(curl -fsS --max-time 30 "$POLYSHOP_URL/api/products" -H "Authorization: Bearer $POLYSHOP_TOKEN" \
    -H 'Content-Type: application/json' -H "Idempotency-Key: $sku" \
    -d '{"sku":"'"$sku"'","name":"Crash Test Lamp","description":"written before kill -9","category":"home",
         "brand":"Lumen","price":{"amountMinor":1999,"currency":"USD"},"stock":3,"attributes":{}}') ||
    die "could not create a product before the kill"
  id=$(sed -E 's/^\{"id":"([^"]+)".*/\1/' <<<"$created")
  up_kill_group
  postmaster=$(up_postmaster) ||
    die "after SIGKILL of the group no PostgreSQL was left on .polyshop/product-db: this check tests nothing any more"
  log "PostgreSQL (pid $postmaster) outlived the killed run, as expected"
  up_start "$dir" "$out/up-after-kill.log"
  up_wait_ready "$timeout"
  grep -q 'left running on .polyshop/product-db by an earlier run' "$out/up-after-kill.log" ||
    die "the restart did not recognise the orphaned PostgreSQL"
  ! kill -0 "$postmaster" 2>/dev/null || die "the orphaned PostgreSQL (pid $postmaster) still runs after the restart"
  [[ $(curl -fsS --retry 10 --retry-delay 3 "$POLYSHOP_URL/api/products/$id") == *"\"sku\":\"$sku\""* ]] ||
    die "product $id written before the kill is missing after the restart"
  log "restart after SIGKILL: orphaned PostgreSQL stopped, product $id intact"
  up_stop HUP
}
