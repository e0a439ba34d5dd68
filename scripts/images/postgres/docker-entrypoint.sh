#!/usr/bin/env bash
# Entrypoint of polyshop/postgres:15, the locally built stand-in for the official `postgres` image
# (no registry is reachable on the build machine, so the official image cannot be pulled).
#
# It reproduces the parts of the official image's contract that tests depend on, so that the
# Testcontainers PostgreSQL module works unchanged:
#   - POSTGRES_USER (default postgres), POSTGRES_PASSWORD, POSTGRES_DB (default = user),
#     POSTGRES_INITDB_ARGS, POSTGRES_HOST_AUTH_METHOD, PGDATA;
#   - `postgres -c fsync=off` (or just `-c fsync=off`) forwards the options to the server;
#   - on first start a temporary server listening only on the unix socket creates the user and
#     database, then the real server starts, so the log says "database system is ready to accept
#     connections" twice: Testcontainers waits for exactly that;
#   - /docker-entrypoint-initdb.d/*.sh|*.sql|*.sql.gz run once, against the temporary server;
#   - it runs under any uid (Kubernetes runAsUser), also one without a passwd entry.
set -Eeuo pipefail

: "${PGDATA:=/var/lib/postgresql/data}"
export PGDATA

# `docker run IMAGE -c fsync=off`: options alone mean "run the server with these options".
if [[ "${1:-}" == -* ]]; then
  set -- postgres "$@"
fi

# Anything else (bash, psql, ...) runs as given, like in the official image.
if [[ "${1:-}" != postgres ]]; then
  exec "$@"
fi

# Started as root (the default): make the data and socket directories usable by postgres (a
# mounted volume arrives owned by root), then re-run this script as postgres. The server refuses
# to run as root anyway. setpriv (util-linux) replaces the official image's gosu.
if [[ "$(id -u)" == 0 ]]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  chmod 2775 /var/run/postgresql
  export HOME=/var/lib/postgresql
  exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
fi

# A non-empty PG_VERSION means a previous start completed initdb: never initialise twice.
if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
  if [[ -z "${POSTGRES_PASSWORD:-}" && "${POSTGRES_HOST_AUTH_METHOD:-}" != trust ]]; then
    echo 'error: database is uninitialized and POSTGRES_PASSWORD is not set;' \
       'set it, or POSTGRES_HOST_AUTH_METHOD=trust to allow connections without a password' >&2
    exit 1
  fi
  user="${POSTGRES_USER:-postgres}"
  db="${POSTGRES_DB:-$user}"

  # initdb must find a name for the uid it runs as. Under a uid the image does not know (a pod's
  # runAsUser), the name comes from passwd/group files of our own, read through nss_wrapper, for
  # initialisation only: the server itself never asks.
  nss_files=
  if ! getent passwd "$(id -u)" >/dev/null; then
    nss_files="$(mktemp -d)"
    printf 'postgres:x:%s:%s:PostgreSQL:%s:/usr/sbin/nologin\n' "$(id -u)" "$(id -g)" "$PGDATA" \
      >"$nss_files/passwd"
    printf 'postgres:x:%s:\n' "$(id -g)" >"$nss_files/group"
    export LD_PRELOAD=libnss_wrapper.so NSS_WRAPPER_PASSWD="$nss_files/passwd" \
      NSS_WRAPPER_GROUP="$nss_files/group"
  fi

  initdb_args=(--username="$user" -D "$PGDATA")
  # A caller that runs the server with fsync=off (Testcontainers does) does not want durability:
  # skip initdb's final sync as well, which saves seconds per container start. This is the one
  # deliberate difference from the official image.
  if [[ " $* " == *" fsync=off "* || " $* " == *" --fsync=off "* || " $* " == *" -cfsync=off "* ]]; then
    initdb_args+=(--no-sync)
  fi
  # Word splitting is intended: POSTGRES_INITDB_ARGS is a list of options, as in the official image.
  # shellcheck disable=SC2086
  if [[ -n "${POSTGRES_PASSWORD:-}" ]]; then
    # The password goes through a pipe, not the command line, so `ps` does not show it. The
    # process substitution must sit on the initdb line itself: it is closed after the command.
    initdb "${initdb_args[@]}" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") ${POSTGRES_INITDB_ARGS:-}
  else
    initdb "${initdb_args[@]}" ${POSTGRES_INITDB_ARGS:-}
  fi

  # initdb trusts local and loopback connections inside the container; everything coming in
  # through a published port needs the password (scram-sha-256, PostgreSQL 15's default).
  printf "\nlisten_addresses = '*'\n" >>"$PGDATA/postgresql.conf"
  printf '\nhost all all all %s\n' "${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}" >>"$PGDATA/pg_hba.conf"

  # Temporary server: the caller's server options (e.g. fsync=off, as the official image does),
  # but unix socket only, so nothing can connect before initialisation is done. pg_ctl hands -o
  # to a shell, hence %q. Without -l the server log stays on stdout: the first "ready" line.
  pg_ctl -D "$PGDATA" -w start \
    -o "$(printf '%q ' "${@:2}" -c "listen_addresses=" -p "${PGPORT:-5432}")"

  psql=(psql -v ON_ERROR_STOP=1 --username "$user" --no-password --no-psqlrc)
  if [[ "$db" != postgres ]]; then
    # psql variables (:'db', :"db") quote the name; -c would not expand them, stdin does.
    exists="$("${psql[@]}" --dbname postgres --set db="$db" --tuples-only --no-align \
      <<<"SELECT 1 FROM pg_database WHERE datname = :'db';")"
    if [[ -z "$exists" ]]; then
      "${psql[@]}" --dbname postgres --set db="$db" <<<'CREATE DATABASE :"db";'
    fi
  fi

  shopt -s nullglob
  # Non-executable *.sh are sourced, as in the official image (they may use its variables).
  # shellcheck disable=SC1090
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sh)     echo "running $f"; if [[ -x "$f" ]]; then "$f"; else . "$f"; fi ;;
      *.sql)    echo "running $f"; "${psql[@]}" --dbname "$db" -f "$f" ;;
      *.sql.gz) echo "running $f"; gunzip -c "$f" | "${psql[@]}" --dbname "$db" ;;
      *)        echo "ignoring $f" ;;
    esac
  done
  shopt -u nullglob

  pg_ctl -D "$PGDATA" -m fast -w stop
  if [[ -n "$nss_files" ]]; then
    unset LD_PRELOAD NSS_WRAPPER_PASSWD NSS_WRAPPER_GROUP
    rm -rf "$nss_files"
  fi
  echo 'PostgreSQL init process complete; ready for start up.'
fi

# exec: the server becomes PID 1 and receives docker's stop signal directly.
exec "$@"
