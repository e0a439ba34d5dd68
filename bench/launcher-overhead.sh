#!/usr/bin/env bash
# What `./polyshop up` costs beside the services it starts: the whole shop under `./polyshop up`
# (every log line prefixed with the service's name on its way to the terminal), against the same
# jars, flags and AOT caches started by `./polyshop up --logs DIR` (each JVM writes its log to a
# file itself; nothing between it and the file). Both runs pin the shop, launcher and prefixers
# included, to the server core(s) and the load generator to its own; rounds alternate the two.
#
#   bench/launcher-overhead.sh [--rounds 1] [--seconds 15]
#
# Rows: the gateway's /api/ping (each request also writes an access-log line) and the suite's
# search mix through /api/search; the gateway's rate limiter is on with a budget above the load.
# Each row warms up in 10 s saturation windows, at least 6 and until two in a row agree within 5 %
# (at most 18), then takes the median of three measured windows. The whole shop's memory (RSS and
# PSS over the launcher's process tree) is sampled on the generator's core throughout. Writes
# bench/results/DATE-launcher.md. Needs the jars (./polyshop up builds them) and the harness's jar
# (./mvnw -pl bench -am package). Ports are `./polyshop up`'s; nothing else may hold them.
set -Eeuo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
LOADGEN_CPUS=${BENCH_LOADGEN_CPUS:-0}
SERVER_CPUS=${BENCH_SERVER_CPUS:-1}
log() { printf '[launcher-overhead] %s\n' "$*" >&2; }
die() { printf '[launcher-overhead] error: %s\n' "$*" >&2; exit 1; }

rounds=1
seconds=15
while (($#)); do
  case $1 in
    --rounds) rounds=$2; shift ;;
    --seconds) seconds=$2; shift ;;
    *) die "unknown option: $1 (expected --rounds N, --seconds S)" ;;
  esac
  shift
done

jar=$(find "$BENCH/target" -maxdepth 1 -name 'polyshop-bench-*.jar' -print -quit)
[[ -n $jar ]] || die "no harness jar: ./mvnw -pl bench -am package -DskipTests"
work=$(mktemp -d)
launcher=
sampler=
stop_shop() {
  [[ -n $launcher ]] || return 0
  kill "$sampler" 2>/dev/null || true
  kill -TERM "$launcher" 2>/dev/null || true
  wait "$launcher" 2>/dev/null || true
  launcher=
}

# Every 2 s, the RSS and PSS (KiB) summed over the launcher's process tree: the JVMs, the embedded
# PostgreSQL, the prefixers. PSS shares each shared page among the processes that map it, so its
# sum is the shop's own footprint; RSS counts shared pages once per process.
sample_memory() {
  while kill -0 "$1" 2>/dev/null; do
    python3 - "$1" <<'PY'
import os, sys
children = {}
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        ppid = int(open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError):
        continue
    children.setdefault(ppid, []).append(int(pid))
tree, todo = [], [int(sys.argv[1])]
while todo:
    pid = todo.pop()
    tree.append(pid)
    todo.extend(children.get(pid, []))
total = {"Rss:": 0, "Pss:": 0}
for pid in tree:
    try:
        for line in open(f"/proc/{pid}/smaps_rollup"):
            field = line.split()
            if field and field[0] in total:
                total[field[0]] += int(field[1])
    except OSError:
        pass
print(total["Rss:"], total["Pss:"])
PY
    sleep 2
  done
}
trap 'stop_shop; rm -rf "$work"' EXIT

start_shop() {
  local variant=$1 output=$work/$1.out args=()
  [[ $variant == direct ]] && args=(--logs "$work/logs")
  # The rate limiter stays on, with a budget above the load (one client sends it all).
  POLYSHOP_GATEWAY_RATE_LIMIT_REPLENISH_RATE=1000000 POLYSHOP_GATEWAY_RATE_LIMIT_BURST_CAPACITY=1000000 \
    taskset -c "$SERVER_CPUS" "$ROOT/polyshop" up "${args[@]}" >"$output" 2>&1 &
  launcher=$!
  local waited=0
  until grep -q 'all services up' "$output"; do
    kill -0 "$launcher" 2>/dev/null || { cat "$output" >&2; die "./polyshop up ${args[*]} exited"; }
    ((waited++ < 1200)) || die "the shop was not up after 10 minutes"
    sleep 0.5
  done
  taskset -c "$LOADGEN_CPUS" bash -c "$(declare -f sample_memory); sample_memory $launcher" \
    >"$work/memory-$variant-$round" &
  sampler=$!
}

# The largest sample of a run: "RSS MiB / PSS MiB".
peak_memory() {
  sort -n -k2 "$work/memory-$1-$2" | tail -1 | awk '{ printf "%d / %d", $1 / 1024, $2 / 1024 }'
}

# One saturation window of a row: prints the requests per second.
window() {
  local row=$1 length=$2 command
  case $row in
    ping) command=(load --port 8080 --path /api/ping) ;;
    search) command=(search-load --search-port 9091 --gateway-port 8080) ;;
  esac
  taskset -c "$LOADGEN_CPUS" "$JAVA_HOME/bin/java" -jar "$jar" "${command[@]}" --seconds "$length" |
    python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["achievedRate"] if r["errors"] == 0 else "errors:%d" % r["errors"])'
}

measure() {
  local row=$1 previous=0 now i
  for ((i = 1; i <= 18; i++)); do
    now=$(window "$row" 10)
    [[ $now != errors:* ]] || die "$row: $now"
    ((i >= 6)) && python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); sys.exit(0 if abs(b-a)<=0.05*a else 1)" \
      "$previous" "$now" && break
    previous=$now
  done
  log "$row: warm after $i windows ($now/s)"
  local results=()
  for i in 1 2 3; do results+=("$(window "$row" "$seconds")"); done
  printf '%s\n' "${results[@]}" | sort -g | sed -n 2p
}

declare -A rate
for ((round = 1; round <= rounds; round++)); do
  for variant in up direct; do
    log "round $round: $variant"
    start_shop "$variant"
    for row in ping search; do
      rate[$round,$variant,$row]=$(measure "$row")
      log "round $round $variant $row: ${rate[$round,$variant,$row]}/s"
    done
    stop_shop
  done
done

out=$ROOT/bench/results/$(date -u +%F)-launcher.md
{
  echo "# \`./polyshop up\` against the same jars without its log prefixing, $(date -u +%F)"
  echo
  echo "Written by \`bench/launcher-overhead.sh --rounds $rounds --seconds $seconds\` on $(hostname)" \
    "($(nproc) cores; shop on core(s) $SERVER_CPUS, load generator on $LOADGEN_CPUS)."
  echo "Saturation, median of three ${seconds} s windows after warm-up; \`up\` = \`./polyshop up\`," \
    "\`direct\` = \`./polyshop up --logs DIR\` (each JVM writes its own log file)."
  echo
  echo "| round | row | up req/s | direct req/s | up ÷ direct |"
  echo "|---:|---|---:|---:|---:|"
  for ((round = 1; round <= rounds; round++)); do
    for row in ping search; do
      python3 -c "import sys; u,d=float(sys.argv[3]),float(sys.argv[4]); print('| %s | %s | %s | %s | %.2f |' % (sys.argv[1], sys.argv[2], format(round(u),','), format(round(d),','), u/d))" \
        "$round" "$row" "${rate[$round,up,$row]}" "${rate[$round,direct,$row]}"
    done
  done
  echo
  echo "The whole shop's memory over each run (four JVMs, the embedded PostgreSQL and, under \`up\`," \
    "the prefixers), peak of samples every 2 s: RSS summed over the processes (shared pages once" \
    "per process) / PSS summed (each shared page divided among the processes that map it), MiB."
  echo
  echo "| round | up | direct |"
  echo "|---:|---:|---:|"
  for ((round = 1; round <= rounds; round++)); do
    echo "| $round | $(peak_memory up "$round") | $(peak_memory direct "$round") |"
  done
} >"$out"
cat "$out"
log "written to $out"
