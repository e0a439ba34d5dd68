#!/usr/bin/env bash
# The benchmark harness: installs what it needs, builds the peers, runs the suite, writes the report.
#   bench/run.sh [--quick | --full | smoke] [--only NAME ...] [--architecture | --no-architecture]
#                [--repetitions N]
#   bench/run.sh instrumentation   what tracing and metrics cost the gateway (bench/instrumentation.sh)
#   (./polyshop bench runs this)
# Cores: BENCH_LOADGEN_CPUS (default 0), BENCH_SERVER_CPUS (1), BENCH_SUPPORT_CPUS (0: Redis and the
# upstream stub share the generator's core on a 2-core machine). JAVA_HOME must be a JDK 25.
set -Eeuo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] error: %s\n' "$*" >&2; exit 1; }

PACKAGES=(golang-go golang-github-gin-gonic-gin-dev golang-github-gomodule-redigo-dev redis-server
  python3-fastapi python3-uvicorn python3-uvloop python3-httptools python3-aiohttp python3-redis)

if [[ ${1:-} == instrumentation ]]; then
  (cd "$ROOT" && ./mvnw -B -ntp -q package -DskipTests -pl bench,gateway -am)
  jar=$(find "$ROOT/gateway/target" -maxdepth 1 -name 'polyshop-gateway-*.jar' ! -name '*-sources.jar' -print -quit)
  exec bash "$BENCH/instrumentation.sh" "$jar"
fi

mode=full
architecture=
passthrough=()
while (($#)); do
  case $1 in
    --quick) mode=quick ;;
    --full) mode=full ;;
    smoke | --smoke) mode=smoke ;;
    --only) passthrough+=(--only "$2"); [[ $architecture == yes ]] || architecture=no; shift ;;
    --architecture) passthrough+=(--architecture); architecture=yes ;;
    --no-architecture) passthrough+=(--no-architecture); architecture=no ;;
    --repetitions) passthrough+=(--repetitions "$2"); shift ;;
    *) die "unknown option: $1 (expected --quick, --full, smoke, --only NAME, --architecture, --no-architecture, --repetitions N)" ;;
  esac
  shift
done

install_packages() {
  bash "$ROOT/scripts/debian-packages.sh" "${PACKAGES[@]}"
}

# Go peers build offline against Debian's Go sources (GOPATH mode), into bench/target/peers.
build_go() {
  local name
  mkdir -p "$BENCH/target/peers"
  for name in go-nethttp gin; do
    (cd "$BENCH/peers/$name" && GOPATH=/usr/share/gocode GO111MODULE=off GOFLAGS= GOTOOLCHAIN=local \
      GOCACHE="$BENCH/target/go-cache" go build -o "$BENCH/target/peers/$name" .)
  done
}

# Smoke and --only need only the harness and the Java peer; otherwise (or with --architecture) the
# suite also runs Polyshop's services (--no-architecture leaves them out).
build_java() {
  local modules=bench,bench/peers/reactor-netty services=()
  if [[ $architecture == yes || ($mode != smoke && $architecture != no) ]]; then
    services=(gateway product-service search-service push-service)
    modules+=,$(IFS=,; echo "${services[*]}")
  fi
  (cd "$ROOT" && ./mvnw -B -ntp -q package -DskipTests -pl "$modules" -am)
  # The services start as `./polyshop up` starts them: with their AOT caches (Services.java).
  ((${#services[@]} == 0)) || bash "$ROOT/scripts/aot-cache.sh" train "${services[@]}"
}

[[ $(uname -s) == Linux ]] || die "the benchmark reads /proc and pins cores with taskset: Linux only"
command -v taskset >/dev/null || die "taskset (util-linux) is needed"
[[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]] || die "set JAVA_HOME to a JDK 25 (./polyshop bench does)"
(($(nproc) >= 2)) || log "warning: one core only; the generator and the server will share it"

install_packages
log "building the peers and the harness"
build_go
build_java

LOADGEN=${BENCH_LOADGEN_CPUS:-0}
SERVER=${BENCH_SERVER_CPUS:-1}
SUPPORT=${BENCH_SUPPORT_CPUS:-0}
JAR=$(find "$BENCH/target" -maxdepth 1 -name 'polyshop-bench-*.jar' ! -name '*.original' -print -quit)
log "mode $mode: load generator on core(s) $LOADGEN, server on $SERVER, redis + upstream stub on $SUPPORT"
exec taskset -c "$LOADGEN" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$JAR" suite --mode "$mode" --bench "$BENCH" \
  --java "$JAVA_HOME/bin/java" --python /usr/bin/python3 \
  --loadgen-cpus "$LOADGEN" --server-cpus "$SERVER" --support-cpus "$SUPPORT" "${passthrough[@]}"
