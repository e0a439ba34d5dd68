#!/usr/bin/env bash
# Entrypoint of polyshop/redis:7, the locally built stand-in for the official `redis` image
# (no registry is reachable on the build machine, so the official image cannot be pulled).
# Same argument convention as the official image: options alone, or a *.conf file first, mean
# "run redis-server with these"; any other command runs as given.
set -Eeuo pipefail

if [[ "${1:-}" == -* || "${1:-}" == *.conf ]]; then
  set -- redis-server "$@"
fi

if [[ "${1:-}" == redis-server ]]; then
  # The official image is built with protected mode off, Debian's redis-server is not: without
  # this, `redis-server --requirepass x` style commands would refuse clients from outside the
  # container. Appended last, so it also overrides a config file; an explicit option wins.
  protected_mode_given=false
  for arg in "$@"; do
    [[ "$arg" == --protected-mode ]] && protected_mode_given=true
  done
  if [[ "$protected_mode_given" == false ]]; then
    set -- "$@" --protected-mode no
  fi

  # Started as root (the default): hand /data (possibly a root-owned volume) to redis and drop
  # privileges; setpriv (util-linux) replaces the official image's gosu.
  if [[ "$(id -u)" == 0 ]]; then
    chown redis:redis /data
    exec setpriv --reuid=redis --regid=redis --init-groups "${BASH_SOURCE[0]}" "$@"
  fi
fi

exec "$@"
