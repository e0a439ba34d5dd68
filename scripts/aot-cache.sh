#!/usr/bin/env bash
# The services' AOT caches (JEP 483, 514, 515): each service's classes loaded and linked, and the
# method profiles of its start-up, written once by a training start after each build and mapped by
# every later start. On this project's 2-core machine the gateway then starts in about 7 s instead
# of 14-17 s on one core.
#
#   scripts/aot-cache.sh train MODULE...   (re)trains the caches that are older than their jars
#   scripts/aot-cache.sh args MODULE       prints the java arguments that start MODULE: the JVM
#                                          flags every local start uses, then its cache when that
#                                          is up to date, and the jar
#   scripts/aot-cache.sh image MODULE IMAGE [TAG...]   (MODULE: its name or directory)
#                                          trains the cache of MODULE's container image (Jib's) in a
#                                          container of it, and commits it into IMAGE (and TAGs)
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
# The flags every local start uses (the launcher's and the harness's, from `args`), and training.
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
  if spring_boot "$module"; then
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

spring_boot() {
  unzip -Z1 "$(jar_of "$1")" 'BOOT-INF/lib/*' >/dev/null 2>&1
}

# A container image's cache, trained in a container of the image itself. A cache cannot hold classes
# loaded from directories, and Jib lays the application's own classes and resources out as
# /app/classes and /app/resources, so the new layer has them as one jar, /app/aot/app.jar, with a
# class path file naming it in their place (/app/aot/classpath), and the cache that the training
# start wrote with that class path (/app/aot/app.aot). The entrypoint is the image's own, with that
# class path and -XX:AOTCache. The training container has no network and publishes no ports.
image() {
  local module=${1##*/} image=$2 started=$SECONDS scratch container name env env_args=()
  shift 2
  command -v docker >/dev/null || die "docker is needed to train an image's cache"
  scratch=$(mktemp -d)
  # shellcheck disable=SC2064 # expand now: the trap must remove this call's directory
  trap "rm -rf '$scratch'" RETURN
  container=$(docker create "$image")
  docker cp -q "$container:/app/jib-classpath-file" "$scratch/jib-classpath-file"
  docker cp -q "$container:/app/classes" "$scratch/classes"
  docker cp -q "$container:/app/resources" "$scratch/resources" 2>/dev/null || mkdir "$scratch/resources"
  docker rm -f "$container" >/dev/null
  mkdir "$scratch/aot"
  "$JAVA_HOME/bin/jar" --create --file "$scratch/aot/app.jar" \
    -C "$scratch/resources" . -C "$scratch/classes" .
  local entrypoint training production
  entrypoint=$(docker inspect -f '{{json .Config.Entrypoint}}' "$image")
  # The entrypoint [java, flags..., -cp, @/app/jib-classpath-file, Main] for training and for the
  # image; an earlier run's cache flag is dropped first.
  read -r training production < <(python3 - "$entrypoint" "$scratch" "$(spring_boot "$module" && echo spring)" <<'PY'
import json, sys
entry, scratch, kind = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3]
entry = [a for a in entry if not a.startswith("-XX:AOTCache")]
entry[entry.index("-cp") + 1] = "@/app/aot/classpath"
own = {"/app/classes", "/app/resources"}
paths = open(scratch + "/jib-classpath-file").read().strip().split(":")
first = min(i for i, p in enumerate(paths) if p in own)
paths = [p for p in paths if p not in own]
paths.insert(first, "/app/aot/app.jar")
open(scratch + "/aot/classpath", "w").write(":".join(paths) + "\n")
spring = ["-Dspring.context.exit=onRefresh"] if kind == "spring" else []
train = entry[:1] + ["-XX:AOTCacheOutput=/tmp/app.aot"] + spring + entry[1:]
run = entry[:1] + ["-XX:AOTCache=/app/aot/app.aot"] + entry[1:]
print(json.dumps(train, separators=(",", ":")), json.dumps(run, separators=(",", ":")))
PY
  )
  chmod -R a+rX "$scratch/aot"
  read -r -a env <<<"$(training_env "$module" /tmp/aot-training)"
  for name in "${env[@]}"; do env_args+=(-e "$name"); done
  local entry_args
  mapfile -t entry_args < <(python3 -c 'import json, sys; print(*json.loads(sys.argv[1]), sep="\n")' "$training")
  container=$(docker create --network none "${env_args[@]}" \
    --entrypoint "${entry_args[0]}" "$image" "${entry_args[@]:1}")
  docker cp -q "$scratch/aot" "$container:/app/aot"
  if spring_boot "$module"; then
    docker start -a "$container" >"$scratch/training.log" 2>&1 || true
  else
    docker start "$container" >/dev/null
    sleep "${POLYSHOP_AOT_TRAINING_SECONDS:-6}"
    docker stop -t 120 "$container" >/dev/null
    docker logs "$container" >"$scratch/training.log" 2>&1 || true
  fi
  if ! docker cp -q "$container:/tmp/app.aot" "$scratch/aot/app.aot" 2>/dev/null; then
    docker rm -f "$container" >/dev/null
    tail -20 "$scratch/training.log" >&2
    die "$module: the training start in $image wrote no cache (its last lines are above)"
  fi
  docker rm -f "$container" >/dev/null
  chmod a+r "$scratch/aot/app.aot"
  # The new layer: the image as Jib built it, plus /app/aot, started by the new entrypoint.
  container=$(docker create "$image")
  docker cp -q "$scratch/aot" "$container:/app/aot"
  docker commit --change "ENTRYPOINT $production" "$container" "$image" >/dev/null
  docker rm -f "$container" >/dev/null
  for name in "$@"; do docker tag "$image" "$name"; done
  log "$image: cache trained in $((SECONDS - started)) s ($(du -h "$scratch/aot/app.aot" | cut -f1))"
}

case ${1:-} in
  image)
    [[ $# -ge 3 ]] || die "usage: scripts/aot-cache.sh image MODULE IMAGE [TAG...]"
    shift
    image "$@" ;;
  train)
    shift
    for module in "$@"; do
      fresh "$module" || train "$module" || true
    done ;;
  args)
    [[ $# == 2 ]] || die "usage: scripts/aot-cache.sh args MODULE"
    printf '%s\n' "${JVM_FLAGS[@]}"
    if fresh "$2"; then
      printf '%s\n' "-XX:AOTCache=$ROOT/$2/target/aot/app.aot" -jar "$(runnable "$2")"
    else
      printf '%s\n' -jar "$(jar_of "$2")"
    fi ;;
  *) die "usage: scripts/aot-cache.sh train MODULE... | args MODULE | image MODULE IMAGE [TAG...]" ;;
esac
