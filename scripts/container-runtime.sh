#!/usr/bin/env bash
# Container runtime for Polyshop's container-based tests (Testcontainers) and image builds.
#
# The CI machine has no container registry: nothing can be pulled, and Docker itself is not
# running. So this script (1) makes a Docker daemon available, installing Debian's docker.io when
# it must, and (2) builds every image the tests need locally from a debootstrap'd Debian tree.
# Tests keep the official image names and substitute these local ones in one place, keyed on
# POLYSHOP_LOCAL_IMAGES (see `env`).
#
# Every step checks before it acts, so a second run only verifies and takes seconds.
#
# Usage: scripts/container-runtime.sh [all|ensure-docker|build-images|env|status]
#   all            ensure-docker + build-images, timing each step
#   ensure-docker  use a working Docker, or install and start one (root on Debian only)
#   build-images   build the missing/outdated polyshop/* images
#   env            print `export` lines for the caller to eval (no side effects)
#   status         show the daemon and the polyshop/* images
#   registry       exit 0 when the daemon can pull official images (Docker Hub), else 1
# Tunables (environment): POLYSHOP_CACHE_DIR, POLYSHOP_DOCKERD_LOG, POLYSHOP_DOCKERD_ARGS,
#   POLYSHOP_DEBIAN_MIRROR, JAVA25_HOME, POLYSHOP_REBUILD_IMAGES=1 (rebuild even if up to date).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly SCRIPT_DIR
readonly IMAGES_DIR="$SCRIPT_DIR/images"
readonly CACHE_DIR="${POLYSHOP_CACHE_DIR:-/var/cache/polyshop}"
readonly DOCKERD_LOG="${POLYSHOP_DOCKERD_LOG:-/var/log/polyshop-dockerd.log}"
readonly DOCKERD_WAIT_SECONDS=60
readonly SUITE=bookworm
readonly ROOTFS="$CACHE_DIR/rootfs-$SUITE-minbase"
readonly BUILD_LOG="$CACHE_DIR/build.log"

readonly IMAGE_DEBIAN="polyshop/debian:$SUITE"
readonly IMAGE_JRE=polyshop/jre:25
readonly IMAGE_POSTGRES=polyshop/postgres:15
readonly IMAGE_REDIS=polyshop/redis:7

# What a Spring Boot 4 / grpc-java / Lucene / PostgreSQL JDBC service needs at run time; jlink
# fails on an unknown module, so absent ones are dropped with a warning instead.
readonly JRE_MODULES=(
  java.base java.compiler java.desktop java.instrument java.logging java.management java.naming
  java.net.http java.prefs java.rmi java.scripting java.security.jgss java.security.sasl java.sql
  java.transaction.xa java.xml jdk.crypto.ec jdk.jfr jdk.management jdk.management.agent jdk.net
  jdk.unsupported jdk.zipfs jdk.httpserver jdk.jdwp.agent
)
readonly JRE_UID=10001

# The Docker client in use. PATH may hold a newer static client than the daemon (here a Docker 28
# client before Debian's 20.10 one); select_docker_client picks one that really talks to it.
DOCKER=docker
APT_UPDATED=false

log() { printf '[container-runtime] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# Docker daemon

# Succeeds when $1 can reach a daemon. `docker version` with a server field fails fast if not.
docker_client_works() { "$1" version --format '{{.Server.APIVersion}}' >/dev/null 2>&1; }

# First client that works with the daemon: the one on PATH (Docker 23+ clients negotiate the API
# version down to an older daemon's), then Debian's, which always matches a docker.io daemon.
select_docker_client() {
  local candidate
  for candidate in "$(command -v docker 2>/dev/null || true)" /usr/bin/docker; do
    [[ -n "$candidate" && -x "$candidate" ]] || continue
    if docker_client_works "$candidate"; then
      DOCKER="$candidate"
      return 0
    fi
  done
  return 1
}

is_debian_root() { [[ "$(id -u)" == 0 && -r /etc/debian_version ]] && command -v apt-get >/dev/null; }

# Installs only the packages that are missing; `apt-get update` at most once per run.
apt_install_missing() {
  local pkg missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [[ ${#missing[@]} -gt 0 ]] || return 0
  if [[ "$APT_UPDATED" == false ]]; then
    log "apt-get update"
    apt-get update -q >>"$BUILD_LOG" 2>&1 || die "apt-get update failed, see $BUILD_LOG"
    APT_UPDATED=true
  fi
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >>"$BUILD_LOG" 2>&1 \
    || die "apt-get install ${missing[*]} failed, see $BUILD_LOG"
}

dockerd_pid() {
  local pid
  pid="$(cat /var/run/docker.pid 2>/dev/null || true)"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# Waits (bounded) until the daemon answers; fails early if the dockerd process $1 died.
wait_for_dockerd() {
  local pid="$1" deadline=$((SECONDS + DOCKERD_WAIT_SECONDS))
  while ((SECONDS < deadline)); do
    if [[ -S /var/run/docker.sock ]] && select_docker_client; then
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 1
  done
  return 1
}

stop_dockerd() {
  local pid="$1" _
  kill "$pid" 2>/dev/null || true
  for _ in {1..20}; do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
}

# Starts dockerd detached (setsid: it outlives this script and the caller's Ctrl-C). Sandboxes
# differ in what the kernel allows, so it tries progressively more conservative settings:
# defaults (overlay2 here), then vfs storage (no overlay mounts), then also no iptables.
start_dockerd() {
  local attempts=() args pid
  if [[ -n "${POLYSHOP_DOCKERD_ARGS:-}" ]]; then
    attempts=("$POLYSHOP_DOCKERD_ARGS")
  else
    attempts=("" "--storage-driver=vfs" "--storage-driver=vfs --iptables=false")
  fi
  mkdir -p "$(dirname "$DOCKERD_LOG")"
  for args in "${attempts[@]}"; do
    log "starting dockerd ${args:-(default options)}, log: $DOCKERD_LOG"
    # Word splitting of $args is intended: it is a list of options. 9>&-: the daemon must not
    # inherit (and so hold forever) the lock taken by with_lock.
    # shellcheck disable=SC2086
    nohup setsid dockerd $args >>"$DOCKERD_LOG" 2>&1 </dev/null 9>&- &
    pid=$!
    if wait_for_dockerd "$pid"; then
      return 0
    fi
    log "dockerd ${args:-(default options)} did not come up; last log lines:"
    tail -n 5 "$DOCKERD_LOG" | sed 's/^/[container-runtime]   /' >&2
    stop_dockerd "$pid"
  done
  die "could not start dockerd with any of the option sets tried; see $DOCKERD_LOG"
}

cmd_ensure_docker() {
  if select_docker_client; then
    log "docker ready: $(docker_summary)"
    return 0
  fi
  if ! is_debian_root; then
    die "no working Docker daemon. Install Docker Engine 20.10+ (Debian/Ubuntu: apt-get install docker.io;" \
      "elsewhere: https://docs.docker.com/engine/install/), start it, make its socket usable by" \
      "$(id -un) (or set DOCKER_HOST), then re-run."
  fi
  mkdir -p "$CACHE_DIR"
  with_lock apt_install_missing docker.io debootstrap
  with_lock ensure_dockerd_running
  # with_lock ran in a subshell: select the client again in this one.
  select_docker_client || die "dockerd started but no docker client can talk to it"
  log "docker ready: $(docker_summary)"
}

ensure_dockerd_running() {
  # Re-check under the lock: a concurrent run may have started it meanwhile.
  select_docker_client && return 0
  local pid
  if pid="$(dockerd_pid)"; then
    log "dockerd (pid $pid) is running but not answering yet; waiting"
    wait_for_dockerd "$pid" && return 0
    die "dockerd (pid $pid) does not answer; see $DOCKERD_LOG"
  fi
  start_dockerd
}

docker_summary() {
  local server_version api
  server_version="$("$DOCKER" version --format '{{.Server.Version}}' 2>/dev/null)"
  api="$("$DOCKER" version --format '{{.Server.APIVersion}}' 2>/dev/null)"
  printf 'server %s (API %s), storage %s, client %s' "$server_version" "$api" \
    "$("$DOCKER" info --format '{{.Driver}}' 2>/dev/null)" "$DOCKER"
}

# Serialises the steps that mutate the machine, so two concurrent CI jobs don't both start a
# daemon or build the same image.
with_lock() {
  mkdir -p "$CACHE_DIR"
  (
    flock -w 900 9 || die "timed out waiting for $CACHE_DIR/.lock"
    "$@"
  ) 9>"$CACHE_DIR/.lock"
}

# ---------------------------------------------------------------------------------------------
# Images

# URI of the first apt source (one-line *.list or deb822 *.sources) that serves suite $1.
apt_uri_for_suite() {
  local suite="$1" file uri
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [[ -r "$file" ]] || continue
    if [[ "$file" == *.sources ]]; then
      # Paragraph mode: one stanza per record; take its URIs if its Suites list the suite.
      uri="$(awk -v suite="$suite" '
        BEGIN { RS = ""; FS = "\n" }
        {
          uri = ""; wanted = 0
          for (i = 1; i <= NF; i++) {
            n = split($i, w, /[ \t]+/)
            if (w[1] == "URIs:") uri = w[2]
            if (w[1] == "Suites:") for (j = 2; j <= n; j++) if (w[j] == suite) wanted = 1
            if (w[1] == "Enabled:" && w[2] == "no") { wanted = 0; break }
          }
          if (wanted && uri != "") { print uri; exit }
        }' "$file")"
    else
      # "deb [options] URI suite components": skip the optional [ ... ] block.
      uri="$(awk -v suite="$suite" '
        $1 == "deb" {
          i = 2
          if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
          if ($(i + 1) == suite) { print $i; exit }
        }' "$file")"
    fi
    if [[ -n "$uri" ]]; then
      echo "${uri%/}"
      return 0
    fi
  done
  return 1
}

debian_mirror() {
  echo "${POLYSHOP_DEBIAN_MIRROR:-$(apt_uri_for_suite "$SUITE" || echo http://deb.debian.org/debian)}"
}

java25_home() {
  local candidate
  for candidate in "${JAVA25_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25*; do
    if [[ -n "$candidate" && -x "$candidate/bin/jlink" ]]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

# The debootstrap'd tree every image starts from. Cached because debootstrap is the slowest step
# (~25-40 s); it is built in a temporary directory and renamed, so a cached tree is always complete.
ensure_rootfs() {
  if [[ -d "$ROOTFS" ]]; then
    log "debootstrap tree cached in $ROOTFS"
    return 0
  fi
  local mirror security tmp="$ROOTFS.tmp"
  mirror="$(debian_mirror)"
  log "debootstrap --variant=minbase $SUITE from $mirror"
  rm -rf "$tmp"
  debootstrap --variant=minbase "$SUITE" "$tmp" "$mirror" >>"$BUILD_LOG" 2>&1 \
    || die "debootstrap failed, see $BUILD_LOG"

  # Same mirrors as the host, plus updates and security fixes when the host has them.
  {
    echo "deb $mirror $SUITE main"
    echo "deb $mirror $SUITE-updates main"
    if security="$(apt_uri_for_suite "$SUITE-security")"; then
      echo "deb $security $SUITE-security main"
    fi
  } >"$tmp/etc/apt/sources.list"
  # Package scripts must not try to start services inside the chroot.
  printf '#!/bin/sh\nexit 101\n' >"$tmp/usr/sbin/policy-rc.d"
  chmod 755 "$tmp/usr/sbin/policy-rc.d"
  rm -f "$tmp"/var/cache/apt/archives/*.deb
  mv "$tmp" "$ROOTFS"
}

# Fresh copy of the cached tree for one image.
new_tree() {
  local dir="$CACHE_DIR/build/$1"
  rm -rf "$dir"
  mkdir -p "$(dirname "$dir")"
  cp -a "$ROOTFS" "$dir"
  echo "$dir"
}

# apt-get inside the tree; the index is fetched per build so it is never stale.
chroot_apt_install() {
  local root="$1"; shift
  local env=(env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive)
  "${env[@]}" chroot "$root" apt-get update -q >>"$BUILD_LOG" 2>&1 \
    || die "apt-get update in $root failed, see $BUILD_LOG"
  "${env[@]}" chroot "$root" apt-get install -y -q --no-install-recommends "$@" >>"$BUILD_LOG" 2>&1 \
    || die "apt-get install $* in $root failed, see $BUILD_LOG"
}

# Drops what a container never needs: package indexes and caches, docs, message translations
# (also keeps server logs in English, which log-based wait strategies match), build-time policy.
slim_tree() {
  local root="$1"
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb \
    "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* \
    "$root"/usr/share/locale/* \
    "$root"/usr/sbin/policy-rc.d
  # The host's resolver config leaked in by debootstrap; Docker mounts its own at run time.
  : >"$root/etc/resolv.conf"
}

# `docker import` of the tree with the image configuration given as Dockerfile-style changes.
# --numeric-owner keeps the tree's uids (postgres, redis, 10001) exactly as they are.
import_tree() {
  local root="$1" image="$2" recipe="$3"; shift 3
  local changes=(--change "LABEL polyshop.recipe=$recipe") change
  for change in "$@"; do changes+=(--change "$change"); done
  slim_tree "$root"
  tar --numeric-owner -C "$root" -c . | "$DOCKER" import "${changes[@]}" - "$image" >/dev/null \
    || die "docker import of $image failed"
  rm -rf "$root"
}

# Fingerprint of how an image is made: its build function (declare -f drops comments, so only
# real changes count), the shared helpers, its helper files and any extra inputs (the JDK).
recipe_of() {
  local image_fn="$1"; shift
  {
    declare -f "$image_fn" new_tree chroot_apt_install slim_tree import_tree
    printf '%s\n' "$@"
    if [[ -d "$IMAGES_DIR/${image_fn#build_}" ]]; then
      find "$IMAGES_DIR/${image_fn#build_}" -type f | sort | xargs cat
    fi
  } | sha256sum | cut -c1-16
}

# Builds $image with function $fn unless an image with the same recipe exists.
build_if_needed() {
  local image="$1" fn="$2" recipe current start=$SECONDS; shift 2
  recipe="$(recipe_of "$fn" "$@")"
  current="$("$DOCKER" image inspect --format '{{index .Config.Labels "polyshop.recipe"}}' "$image" 2>/dev/null || true)"
  if [[ "$current" == "$recipe" && "${POLYSHOP_REBUILD_IMAGES:-}" != 1 ]]; then
    log "$image up to date, skipped"
    return 0
  fi
  log "building $image${current:+ (recipe changed)}"
  ensure_rootfs
  "$fn" "$image" "$recipe"
  log "built $image in $((SECONDS - start)) s ($("$DOCKER" image inspect --format '{{.Size}}' "$image" | numfmt --to=iec))"
}

# The plain Debian base, for anything that only needs a shell (and as a Jib base of last resort).
build_debian() {
  local image="$1" recipe="$2" root
  root="$(new_tree debian)"
  import_tree "$root" "$image" "$recipe" \
    'ENV LANG=C.UTF-8' \
    'CMD ["bash"]'
}

build_jre() {
  local image="$1" recipe="$2" root jdk modules=() module available
  jdk="$(java25_home)" || die "no JDK 25 found (set JAVA25_HOME)"
  available="$("$jdk/bin/java" --list-modules | sed 's/@.*//')"
  for module in "${JRE_MODULES[@]}"; do
    if grep -qx "$module" <<<"$available"; then
      modules+=("$module")
    else
      log "WARNING: module $module is not in $jdk, left out of the runtime"
    fi
  done
  root="$(new_tree jre)"
  "$jdk/bin/jlink" --add-modules "$(IFS=,; echo "${modules[*]}")" \
    --strip-debug --no-man-pages --no-header-files --output "$root/opt/java" >>"$BUILD_LOG" 2>&1 \
    || die "jlink failed, see $BUILD_LOG"
  # A fixed numeric uid/gid: Kubernetes' runAsNonRoot can only verify a numeric USER.
  chroot "$root" groupadd --gid "$JRE_UID" polyshop
  chroot "$root" useradd --uid "$JRE_UID" --gid "$JRE_UID" --home-dir /app --create-home \
    --shell /usr/sbin/nologin polyshop
  import_tree "$root" "$image" "$recipe" \
    'ENV JAVA_HOME=/opt/java' \
    'ENV PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    'ENV LANG=C.UTF-8' \
    "USER $JRE_UID:$JRE_UID" \
    'WORKDIR /app' \
    'CMD ["java", "-version"]'
}

build_postgres() {
  local image="$1" recipe="$2" root
  root="$(new_tree postgres)"
  # Debian's packaging would create and configure a "main" cluster; the entrypoint runs initdb
  # itself on first start, like the official image.
  mkdir -p "$root/etc/postgresql-common"
  echo 'create_main_cluster = false' >"$root/etc/postgresql-common/createcluster.conf"
  # libnss-wrapper: initdb under an arbitrary uid (see the entrypoint).
  chroot_apt_install "$root" postgresql-15 libnss-wrapper
  # Numeric ids from the tree: the host's postgres user, if any, may have other ids.
  local uid gid
  uid="$(chroot "$root" id -u postgres)"; gid="$(chroot "$root" id -g postgres)"
  install -d -o "$uid" -g "$gid" -m 2775 "$root/var/run/postgresql"
  install -d -o "$uid" -g "$gid" -m 700 "$root/var/lib/postgresql/data"
  install -m 755 "$IMAGES_DIR/postgres/docker-entrypoint.sh" "$root/usr/local/bin/docker-entrypoint.sh"
  # No STOPSIGNAL SIGINT as in the official image: `docker import` rejects it. `docker stop` sends
  # SIGTERM (smart shutdown) instead, which is fine for test containers that are removed anyway.
  import_tree "$root" "$image" "$recipe" \
    'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    'ENV PGDATA=/var/lib/postgresql/data' \
    'ENV LANG=C.UTF-8' \
    'EXPOSE 5432' \
    'ENTRYPOINT ["docker-entrypoint.sh"]' \
    'CMD ["postgres"]'
}

build_redis() {
  local image="$1" recipe="$2" root
  root="$(new_tree redis)"
  chroot_apt_install "$root" redis-server
  # Numeric ids from the tree: the host's redis user, if any, may have other ids.
  install -d -o "$(chroot "$root" id -u redis)" -g "$(chroot "$root" id -g redis)" -m 750 "$root/data"
  install -m 755 "$IMAGES_DIR/redis/docker-entrypoint.sh" "$root/usr/local/bin/docker-entrypoint.sh"
  import_tree "$root" "$image" "$recipe" \
    'ENV LANG=C.UTF-8' \
    'WORKDIR /data' \
    'EXPOSE 6379' \
    'ENTRYPOINT ["docker-entrypoint.sh"]' \
    'CMD ["redis-server", "--protected-mode", "no", "--bind", "0.0.0.0", "--port", "6379"]'
}

build_all_images() {
  local jdk
  jdk="$(java25_home)" || die "no JDK 25 found (set JAVA25_HOME or install Temurin 25)"
  build_if_needed "$IMAGE_DEBIAN" build_debian
  # The JDK's release file is part of the JRE recipe: a JDK update rebuilds the runtime.
  build_if_needed "$IMAGE_JRE" build_jre "$(cat "$jdk/release")" "${JRE_MODULES[*]}"
  build_if_needed "$IMAGE_POSTGRES" build_postgres
  build_if_needed "$IMAGE_REDIS" build_redis
  rm -rf "$CACHE_DIR/build"
  # A rebuild leaves the replaced image untagged; drop those (only ours, found by the label).
  "$DOCKER" image prune --force --filter label=polyshop.recipe >/dev/null
}

cmd_build_images() {
  select_docker_client || die "no working Docker daemon; run: $0 ensure-docker"
  mkdir -p "$CACHE_DIR"
  local image any_missing=false
  for image in "$IMAGE_DEBIAN" "$IMAGE_JRE" "$IMAGE_POSTGRES" "$IMAGE_REDIS"; do
    "$DOCKER" image inspect "$image" >/dev/null 2>&1 || any_missing=true
  done
  # Building needs root (debootstrap, chroot); a non-root user with prebuilt images is fine.
  if [[ "$(id -u)" != 0 ]]; then
    [[ "$any_missing" == false ]] || die "building images needs root (debootstrap, chroot); run as root once"
    log "not root: using the existing images as they are"
    return 0
  fi
  [[ -x /usr/sbin/debootstrap ]] || with_lock apt_install_missing debootstrap
  with_lock build_all_images
}

# ---------------------------------------------------------------------------------------------
# Caller environment

cmd_env() {
  # Ryuk (the reaper container) is an image from Docker Hub: it cannot be pulled here.
  echo 'export TESTCONTAINERS_RYUK_DISABLED=true'
  # The machine has /.dockerenv, which makes Testcontainers look for a gateway address by
  # pulling alpine; published ports are on localhost anyway.
  echo 'export TESTCONTAINERS_HOST_OVERRIDE=localhost'
  # Tells the tests to substitute the official image names with the polyshop/* ones, and Jib to
  # build on polyshop/jre:25. A caller that has official images says POLYSHOP_LOCAL_IMAGES=false.
  if [[ "${POLYSHOP_LOCAL_IMAGES:-true}" == false ]]; then
    echo 'export POLYSHOP_LOCAL_IMAGES=false'
  else
    echo 'export POLYSHOP_LOCAL_IMAGES=true'
  fi
  # No API version pin is needed: Testcontainers 2.0.x first tries API 1.44, which Debian's
  # dockerd 20.10 (API 1.41) rejects, then falls back to 1.32, which it accepts. (docker-java
  # reads no environment variable for it anyway: only -Dapi.version or ~/.docker-java.properties.)
  # Pin the endpoint explicitly so a stray docker context or config cannot redirect the tests.
  if [[ -n "${DOCKER_HOST:-}" ]]; then
    printf 'export DOCKER_HOST=%q\n' "$DOCKER_HOST"
  elif [[ -S /var/run/docker.sock ]]; then
    echo 'export DOCKER_HOST=unix:///var/run/docker.sock'
  fi
}

cmd_status() {
  if ! select_docker_client; then
    log "docker: not available (run: $0 ensure-docker)"
    return 1
  fi
  log "docker: $(docker_summary)"
  "$DOCKER" image ls --format 'table {{.Repository}}:{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}' \
    --filter 'reference=polyshop/*'
}

# Whether official images can be pulled: a real pull of one the tests use (small, and needed then
# anyway). Without a registry the daemon's lookup fails at once; a slow mirror gets a minute.
cmd_registry() {
  select_docker_client || die "no working Docker daemon; run: $0 ensure-docker"
  timeout 60 "$DOCKER" pull -q redis:7 >/dev/null 2>&1
}

# Runs a step (label, then command) and reports how long it took.
timed() {
  local label="$1" start=$SECONDS; shift
  "$@"
  log "$label took $((SECONDS - start)) s"
}

main() {
  case "${1:-all}" in
    all)
      timed ensure-docker cmd_ensure_docker
      timed build-images cmd_build_images
      ;;
    ensure-docker) cmd_ensure_docker ;;
    build-images)  cmd_build_images ;;
    env)           cmd_env ;;
    status)        cmd_status ;;
    registry)      cmd_registry ;;
    -h|--help|help) sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "$0" ;;
    *) die "unknown command '$1' (expected: all, ensure-docker, build-images, env, status, registry)" ;;
  esac
}

main "$@"
