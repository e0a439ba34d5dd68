#!/usr/bin/env bash
# Interleaved A/B of two builds of a service under the harness's load generator: both builds run
# at once, pinned to the server core; each is warmed up the same way, then they are measured in
# alternating rounds, so that what the machine does meanwhile falls on both alike. It answers "did
# this change make the path cheaper?"; the harness's report (`./polyshop bench`) stays where the
# figures of record come from.
#
#   bench/ab.sh BEFORE.jar AFTER.jar [PATH]        (PATH: /api/ping)
#   SERVICE=search bench/ab.sh BEFORE.jar AFTER.jar
#
# SERVICE=gateway (the default): the edge runs as in the harness's gateway rows: dev profile, rate
# limiter and native gRPC listener off, access log on; loaded with GET PATH, or with PATH
# `search-mix`: the harness's search mix as GET /api/search, answered by the search-service at
# localhost:9091 (e.g. the one of `./polyshop up`).
# SERVICE=search: two search-services with in-memory indexes, as in the harness's search rows,
# both following the product-service at PRODUCTS_URL (http://127.0.0.1:8081, e.g. the one of
# `./polyshop up`); loaded over gRPC with the harness's search mix (`search-load`).
# Environment: ROUNDS (5), WARMUP_ROUNDS (6), ROUND_SECONDS (20), CONNECTIONS (64),
# LOADGEN_CPU (0), SERVER_CPU (1), JAVA_HOME (a JDK 25); BEFORE_ENV and AFTER_ENV: VAR=value words
# added to one build's environment, to compare one jar with itself configured two ways, e.g.
#   AFTER_ENV=POLYSHOP_TRACES_FILE=/tmp/spans.jsonl bench/ab.sh gateway.jar gateway.jar
# (tracing off against on).
# Prints one line per measured round and a summary: medians with ranges of requests/s and of the
# service's CPU per request, and the ratio after/before.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
die() { printf '[ab] error: %s\n' "$*" >&2; exit 1; }
(($# >= 2)) || die "usage: bench/ab.sh BEFORE.jar AFTER.jar [PATH]"
readonly BEFORE=$1 AFTER=$2 URL_PATH=${3:-/api/ping}
readonly ROUNDS=${ROUNDS:-5} WARMUP_ROUNDS=${WARMUP_ROUNDS:-6} ROUND_SECONDS=${ROUND_SECONDS:-20}
readonly CONNECTIONS=${CONNECTIONS:-64} LOADGEN_CPU=${LOADGEN_CPU:-0} SERVER_CPU=${SERVER_CPU:-1}
readonly SERVICE=${SERVICE:-gateway} PRODUCTS_URL=${PRODUCTS_URL:-http://127.0.0.1:8081}
[[ $SERVICE == gateway || $SERVICE == search ]] || die "SERVICE is gateway or search, not $SERVICE"
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
readonly JAVA=$JAVA_HOME/bin/java
[[ -x $JAVA ]] || die "set JAVA_HOME to a JDK 25"
BENCH_JAR=$(find "$ROOT/bench/target" -maxdepth 1 -name 'polyshop-bench-*.jar' ! -name '*-sources.jar' | head -1)
[[ -n $BENCH_JAR ]] || die "build the harness first: ./mvnw -pl bench -am package -DskipTests"
LOGS=$(mktemp -d)
readonly LOGS

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT

# start NAME JAR PORT [VAR=value ...]: the service on the server core, its output in $LOGS/NAME.log
start() {
  local name=$1 jar=$2 port=$3 ready
  local -a extra=("${@:4}")
  if [[ $SERVICE == gateway ]]; then
    SERVER_PORT=$port MANAGEMENT_SERVER_PORT=$port SPRING_PROFILES_ACTIVE=dev \
      POLYSHOP_GATEWAY_UPSTREAMS_PRODUCTS=http://127.0.0.1:9 \
      POLYSHOP_GATEWAY_RATE_LIMIT_ENABLED=false POLYSHOP_GATEWAY_GRPC_TLS_ENABLED=false \
      env "${extra[@]}" taskset -c "$SERVER_CPU" "$JAVA" -XX:+UseSerialGC -Xss512k -jar "$jar" >"$LOGS/$name.log" 2>&1 &
    ready=http://127.0.0.1:$port/api/ping
  else
    SEARCH_GRPC_PORT=$port SEARCH_METRICS_PORT=$((port + 1)) PRODUCT_SERVICE_URL=$PRODUCTS_URL \
      env "${extra[@]}" taskset -c "$SERVER_CPU" "$JAVA" -XX:+UseSerialGC -Xss512k -jar "$jar" >"$LOGS/$name.log" 2>&1 &
    ready=http://127.0.0.1:$((port + 1))/health
  fi
  pids+=("$!")
  local waited=0
  until curl -fsS -o /dev/null "$ready" 2>/dev/null; do
    ((waited++ < 600)) || die "$name was not ready ($ready) within 60 s (see $LOGS/$name.log)"
    sleep 0.1
  done
}

# load PORT PID SECONDS: one saturation run; prints "rps cpu_us_per_request"
load() {
  local what=(load --port "$1" --path "$URL_PATH")
  [[ $URL_PATH == search-mix ]] && what=(search-load --search-port 9091 --gateway-port "$1")
  [[ $SERVICE == search ]] && what=(search-load --search-port "$1")
  taskset -c "$LOADGEN_CPU" "$JAVA" -jar "$BENCH_JAR" "${what[@]}" \
    --connections "$CONNECTIONS" --seconds "$3" --pid "$2" 2>/dev/null |
    python3 -c 'import json,sys; r=json.load(sys.stdin); print("%.0f %.1f" % (r["achievedRate"], r["serverCpuMicrosPerRequest"]))'
}

read -r -a before_env <<<"${BEFORE_ENV:-}"
read -r -a after_env <<<"${AFTER_ENV:-}"
start before "$BEFORE" 18080 "${before_env[@]}"
start after "$AFTER" 28080 "${after_env[@]}"
before_pid=${pids[0]} after_pid=${pids[1]}
printf '[ab] warming up: %d rounds of 30 s each\n' "$WARMUP_ROUNDS" >&2
for ((i = 1; i <= WARMUP_ROUNDS; i++)); do
  load 18080 "$before_pid" 30 >/dev/null
  load 28080 "$after_pid" 30 >/dev/null
done
results=$LOGS/rounds.txt
for ((i = 1; i <= ROUNDS; i++)); do
  # Alternate which goes first, so neither always follows the other's load.
  if ((i % 2)); then order=(before after); else order=(after before); fi
  for which in "${order[@]}"; do
    if [[ $which == before ]]; then r=$(load 18080 "$before_pid" "$ROUND_SECONDS")
    else r=$(load 28080 "$after_pid" "$ROUND_SECONDS"); fi
    printf 'round %d %s %s\n' "$i" "$which" "$r" | tee -a "$results"
  done
done
python3 - "$results" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
def col(which, i):
    return [float(r[i]) for r in rows if r[2] == which]
def show(values, fmt):
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}–{fmt.format(max(values))})"
for label, i, fmt in (("requests/s", 3, "{:,.0f}"), ("CPU µs per request", 4, "{:,.0f}")):
    b, a = col("before", i), col("after", i)
    print(f"{label}: before {show(b, fmt)}, after {show(a, fmt)},"
          f" after/before {statistics.median(a) / statistics.median(b):.2f}")
PY
