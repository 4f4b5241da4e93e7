#!/usr/bin/env bash
# A throw-away PostgreSQL on 127.0.0.1 for the tests of albums-server's PostgreSQL option.
#   stack/postgres.sh up|down|env
# Uses Debian's postgresql package (apt-get install postgresql); data in $ALBUMS_STACK_DIR/postgres.
set -euo pipefail

STACK_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RUN=${ALBUMS_STACK_DIR:-$STACK_SRC/run}
DATA=$RUN/postgres
PG_PORT=${PG_PORT:-5433}
DB=albums_test
USER_NAME=albums

die() { echo "[postgres] error: $*" >&2; exit 1; }
bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -x $dir/initdb ]] || die "PostgreSQL is not installed: apt-get install postgresql"
  echo "$dir"
}
# initdb and postgres refuse to run as root: run them as the package's postgres user then
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd_up() {
  local bin; bin=$(bin_dir)
  if as_owner "$bin/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    echo "[postgres] already running" >&2
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null && die "port $PG_PORT is taken by another program; set PG_PORT"
    rm -rf "$DATA"; mkdir -p "$DATA"
    [[ $(id -u) -eq 0 ]] && chown postgres: "$DATA"
    as_owner "$bin/initdb" -D "$DATA" -U "$USER_NAME" --auth=trust -E UTF8 >"$RUN/postgres-init.log" 2>&1 \
      || { tail -n 20 "$RUN/postgres-init.log" >&2; die "initdb failed"; }
    as_owner "$bin/pg_ctl" -D "$DATA" -w -t 30 -l "$DATA/server.log" \
      -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -k $DATA -c fsync=off" start >/dev/null \
      || { tail -n 20 "$DATA/server.log" >&2; die "PostgreSQL did not start"; }
    "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$USER_NAME" -d postgres -qc "CREATE DATABASE $DB" >/dev/null
    echo "[postgres] running on 127.0.0.1:$PG_PORT" >&2
  fi
  cmd_env
}

cmd_down() {
  local bin; bin=$(bin_dir)
  if as_owner "$bin/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    as_owner "$bin/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null && echo "[postgres] stopped" >&2
  fi
}

cmd_env() {
  echo "ALBUMS_TEST_PG_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/$DB"
  echo "ALBUMS_TEST_PG_USER=$USER_NAME"
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  env) cmd_env ;;
  *) echo "usage: stack/postgres.sh up|down|env" >&2; exit 2 ;;
esac
