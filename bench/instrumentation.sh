#!/usr/bin/env bash
# What the shop's instrumentation costs, as the harness measures it: interleaved A/Bs (bench/ab.sh)
# of one gateway jar against itself, instrumentation off in one instance and on in the other, on
# the gateway's cheapest request (/api/ping), where a fixed cost per request weighs the most.
#
#   bench/instrumentation.sh GATEWAY.jar        (./polyshop bench instrumentation builds and runs it)
#
# Two comparisons, each in its own A/B:
#   shipped   metrics off and tracing off, against metrics on and tracing on with 1 trace in 10
#             sampled (OTEL_TRACES_SAMPLER_ARG=0.1), as docs/observability.md advises for production
#   every     tracing off against every request traced (the sampler's default of 1), metrics on in both
# Spans are written by the JSON lines exporter to /dev/null, so exporting costs its real CPU and no
# collector is needed. The budget is 10 % more CPU per request with everything on.
# Writes bench/results/DATE-instrumentation.md (the rounds, medians, ranges and ratios) and prints it.
# Environment: as bench/ab.sh (ROUNDS, WARMUP_ROUNDS, ROUND_SECONDS, LOADGEN_CPU, SERVER_CPU, ...);
# COMPARISONS ("shipped every").
set -Eeuo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly BENCH
die() { printf '[instrumentation] error: %s\n' "$*" >&2; exit 1; }
(($# == 1)) && [[ -f $1 ]] || die "usage: bench/instrumentation.sh GATEWAY.jar"
readonly JAR=$1 BUDGET=1.10
read -r -a comparisons <<<"${COMPARISONS:-shipped every}"
# A run never overwrites another's report: the day's second is -instrumentation-2.md, and so on.
OUT=$BENCH/results/$(date -u +%F)-instrumentation.md
for ((n = 2; ; n++)); do
  [[ -e $OUT ]] || break
  OUT=$BENCH/results/$(date -u +%F)-instrumentation-$n.md
done
readonly OUT
METRICS_OFF=MANAGEMENT_METRICS_ENABLE_ALL=false
TRACED=POLYSHOP_TRACES_FILE=/dev/null

# compare NAME TITLE BEFORE_ENV AFTER_ENV: one A/B, its output appended to the report
compare() {
  local name=$1 title=$2 output
  printf '[instrumentation] %s: %s\n' "$name" "$title" >&2
  output=$(BEFORE_ENV=$3 AFTER_ENV=$4 bash "$BENCH/ab.sh" "$JAR" "$JAR" /api/ping)
  local ratio
  ratio=$(sed -n 's/^CPU µs per request: .*after\/before \([0-9.]*\)$/\1/p' <<<"$output")
  [[ -n $ratio ]] || die "$name: bench/ab.sh printed no CPU ratio"
  local verdict="within"
  python3 -c "import sys; sys.exit(0 if float('$ratio') <= $BUDGET else 1)" || verdict="over"
  {
    printf '\n## %s\n\nBefore: `%s`. After: `%s`.\n\n```text\n%s\n```\n\n' \
      "$title" "${3:-(nothing set)}" "$4" "$output"
    printf 'CPU per request, on against off: **%s×**, %s the budget of %s×.\n' "$ratio" "$verdict" "$BUDGET"
  } >>"$OUT"
}

mkdir -p "$BENCH/results"
{
  printf '# Instrumentation on and off (%s)\n\n' "$(date -u +%F)"
  printf 'Machine: %s, %s cores; %s. Written by `bench/instrumentation.sh`: interleaved A/Bs of one\n' \
    "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)" "$(nproc)" \
    "$("${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -version 2>&1 | head -1)"
  printf 'gateway jar against itself on `/api/ping` (`bench/ab.sh`: both instances pinned to core %s,\n' "${SERVER_CPU:-1}"
  printf 'the load generator on core %s; warm-up rounds, then alternating measured rounds).\n' "${LOADGEN_CPU:-0}"
  printf 'Each round: `requests/s` and the gateway'"'"'s CPU µs per request.\n'
} >"$OUT"
for name in "${comparisons[@]}"; do
  case $name in
    shipped) compare shipped "Everything off against everything on, 1 trace in 10 sampled" \
      "$METRICS_OFF" "$TRACED OTEL_TRACES_SAMPLER_ARG=0.1" ;;
    every) compare every "Tracing off against every request traced (metrics on in both)" \
      "" "$TRACED" ;;
    *) die "unknown comparison: $name (shipped, every)" ;;
  esac
done
cat "$OUT"
printf '[instrumentation] written to %s\n' "$OUT" >&2
