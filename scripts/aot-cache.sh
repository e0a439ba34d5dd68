#!/usr/bin/env bash
# The services' AOT caches (JEP 483, 514, 515): each service's classes loaded and linked, and the
# method profiles of its start-up, written once by a training start after each build and mapped by
# every later start. On this project's 2-core machine the gateway then starts in about 7 s instead
# of 14-17 s on one core.
#
#   scripts/aot-cache.sh train MODULE...   (re)trains the caches that are older than their jars
#   scripts/aot-cache.sh args MODULE       prints the java arguments that start MODULE: with its
#                                          cache when that is up to date, else the plain jar
#
# Layout, also read by the benchmark harness: MODULE/target/aot/app.aot is the cache; a Spring Boot
# jar is first extracted to MODULE/target/aot/app/ (a cache needs classes on the class path, not
# nested in a jar), and that copy is what starts. A shaded jar starts as it is.
# The JVM checks the class path against the cache; where they differ it starts without the cache,
# so a stale cache costs start-up time, never correctness.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
readonly JAVA=$JAVA_HOME/bin/java
# The flags every start uses (the launcher's and the harness's): training must use the same ones.
readonly JVM_FLAGS=(-XX:+UseSerialGC -Xss512k)
log() { printf '[aot] %s\n' "$*" >&2; }
die() { printf '[aot] error: %s\n' "$*" >&2; exit 1; }

jar_of() {
  find "$ROOT/$1/target" -maxdepth 1 -name 'polyshop-*.jar' ! -name '*-sources.jar' \
    ! -name 'original-*' -print -quit 2>/dev/null
}

# The jar that starts: the extracted copy of a Spring Boot jar, or the shaded jar itself.
runnable() {
  local module=$1 jar
  jar=$(jar_of "$module")
  if [[ -f $ROOT/$module/target/aot/app/$(basename "$jar") ]]; then
    echo "$ROOT/$module/target/aot/app/$(basename "$jar")"
  else
    echo "$jar"
  fi
}

fresh() {
  local cache=$ROOT/$1/target/aot/app.aot jar
  jar=$(jar_of "$1")
  [[ -n $jar && -s $cache && $cache -nt $jar ]]
}

# The training start of each service: its own start-up, on ports nobody else uses, with nothing
# it depends on. The Spring services stop by themselves once their context is refreshed; the
# others run for a few seconds and get SIGTERM, as on a normal stop.
training_env() {
  case $1 in
    gateway)
      echo SPRING_PROFILES_ACTIVE=dev SERVER_PORT=0 MANAGEMENT_SERVER_PORT=0 \
        POLYSHOP_GATEWAY_GRPC_TLS_ENABLED=false POLYSHOP_GATEWAY_RATE_LIMIT_ENABLED=false ;;
    product-service)
      echo SERVER_PORT=0 MANAGEMENT_SERVER_PORT=0 POLYSHOP_EMBEDDED_DB_PORT=0 \
        "POLYSHOP_EMBEDDED_DB_DATA_DIR=$2/db" POLYSHOP_SEED_PRODUCTS=0 ;;
    search-service)
      echo SEARCH_GRPC_PORT=0 SEARCH_METRICS_PORT=0 PRODUCT_SERVICE_URL=http://127.0.0.1:9 ;;
    push-service)
      echo PUSH_GRPC_PORT=0 PUSH_INTERNAL_GRPC_PORT=0 PUSH_METRICS_PORT=0 \
        PRODUCT_SERVICE_URL=http://127.0.0.1:9 PUSH_PUBLISHER_JWT_SECRET=aot-training-only-secret-0123456789 ;;
    *) die "no training start for $1" ;;
  esac
}

train() {
  local module=$1 jar dir scratch started=$SECONDS env
  jar=$(jar_of "$module")
  [[ -n $jar ]] || die "$module has no jar: build it first"
  dir=$ROOT/$module/target/aot
  rm -rf "$dir"
  mkdir -p "$dir"
  scratch=$(mktemp -d)
  if unzip -Z1 "$jar" 'BOOT-INF/lib/*' >/dev/null 2>&1; then
    "$JAVA" -Djarmode=tools -jar "$jar" extract --destination "$dir/app" >/dev/null
  fi
  read -r -a env <<<"$(training_env "$module" "$scratch")"
  local command=(env "${env[@]}" "$JAVA" "${JVM_FLAGS[@]}" "-XX:AOTCacheOutput=$dir/app.aot")
  if [[ -d $dir/app ]]; then
    command+=(-Dspring.context.exit=onRefresh -jar "$(runnable "$module")")
    "${command[@]}" >"$dir/training.log" 2>&1 || true
  else
    command+=(-jar "$jar")
    "${command[@]}" >"$dir/training.log" 2>&1 &
    local pid=$!
    sleep "${POLYSHOP_AOT_TRAINING_SECONDS:-6}"
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" || true
  fi
  rm -rf "$scratch"
  [[ -s $dir/app.aot ]] || { log "$module: no cache written (see $dir/training.log)"; return 1; }
  log "$module: cache trained in $((SECONDS - started)) s ($(du -h "$dir/app.aot" | cut -f1))"
}

case ${1:-} in
  train)
    shift
    for module in "$@"; do
      fresh "$module" || train "$module" || true
    done ;;
  args)
    [[ $# == 2 ]] || die "usage: scripts/aot-cache.sh args MODULE"
    if fresh "$2"; then
      printf '%s\n' "-XX:AOTCache=$ROOT/$2/target/aot/app.aot" -jar "$(runnable "$2")"
    else
      printf '%s\n' -jar "$(jar_of "$2")"
    fi ;;
  *) die "usage: scripts/aot-cache.sh train MODULE... | args MODULE" ;;
esac
