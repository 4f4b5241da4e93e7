#!/usr/bin/env bash
# The real local stack on loopback: Orthanc (+DICOMweb), Keycloak (realm "albums") and albums-server.
#   stack/stack.sh up|down|status|env
# State (configs, logs, PIDs, databases, generated passwords) lives in $ALBUMS_STACK_DIR
# (default stack/run/); downloaded software lives in ~/.cache/orthanc-albums/.
set -euo pipefail

STACK_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$STACK_SRC")
RUN=${ALBUMS_STACK_DIR:-$STACK_SRC/run}
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/orthanc-albums
ORTHANC_ROOT=${ORTHANC_ROOT:-$CACHE/orthanc-root}
KEYCLOAK_VERSION=${KEYCLOAK_VERSION:-26.7.3}
KEYCLOAK_HOME=${KEYCLOAK_HOME:-$CACHE/keycloak-$KEYCLOAK_VERSION}
SERVER_JAR=${ALBUMS_SERVER_JAR:-$REPO/server/target/albums-server.jar}

ORTHANC_PORT=${ORTHANC_PORT:-8042}
# Orthanc's DICOM port: album upload tokens take C-STORE there (Orthanc cannot bind it to one address)
ORTHANC_DICOM_PORT=${ORTHANC_DICOM_PORT:-4242}
KEYCLOAK_PORT=${KEYCLOAK_PORT:-8180}
KEYCLOAK_MANAGEMENT_PORT=${KEYCLOAK_MANAGEMENT_PORT:-9180}
ALBUMS_PORT=${ALBUMS_PORT:-8000}
REALM=albums
HOST=127.0.0.1

log() { echo "[stack] $*" >&2; }
die() { echo "[stack] error: $*" >&2; exit 1; }

# --- processes we started: $RUN/<name>.pid, checked against the command line before any signal
pid_of() {
  local f="$RUN/$1.pid" pid
  [[ -f $f ]] || return 1
  pid=$(<"$f")
  [[ -r /proc/$pid/cmdline ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$2" && echo "$pid"
}
port_in_use() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }
wait_http() { # name url timeout_s log pid [curl args...]
  local deadline=$((SECONDS + $3))
  until curl -fs -o /dev/null --max-time 2 "${@:6}" "$2"; do
    if ! kill -0 "$5" 2>/dev/null; then
      log "$1 exited during start-up; last lines of $4:"
      tail -n 40 "$4" >&2 || true
      return 1
    fi
    if ((SECONDS > deadline)); then
      log "$1 did not answer $2 within $3 s; last lines of $4:"
      tail -n 40 "$4" >&2 || true
      return 1
    fi
    sleep 0.5
  done
}
stop_pid() { # name pid
  kill -TERM "$2" 2>/dev/null || return 0
  for _ in $(seq 1 60); do kill -0 "$2" 2>/dev/null || { log "$1 stopped"; return 0; }; sleep 0.5; done
  log "$1 did not stop within 30 s, killing it"; kill -KILL "$2" 2>/dev/null || true
}

# --- generated secrets, created once per stack folder, never printed except by `env`
ensure_secrets() {
  mkdir -p "$RUN"
  if [[ ! -f $RUN/secrets.env ]]; then
    local gen='head -c 18 /dev/urandom | base64 | tr -d "/+="'
    umask 077
    {
      echo "ORTHANC_ADMIN_USER=albums-server"
      echo "ORTHANC_ADMIN_PASSWORD=$(eval "$gen")"
      echo "PLUGIN_USER=orthanc-plugin"
      echo "PLUGIN_PASSWORD=$(eval "$gen")"
      echo "SECRET_KEY=$(head -c 32 /dev/urandom | base64 | tr -d '/+=')"
    } >"$RUN/secrets.env"
  fi
  # shellcheck disable=SC1091
  source "$RUN/secrets.env"
}

# --- Orthanc
orthanc_cmd_marker="$ORTHANC_ROOT/usr/sbin/Orthanc"
orthanc_up() {
  if pid=$(pid_of orthanc "$orthanc_cmd_marker"); then log "Orthanc already running (pid $pid)"; return; fi
  port_in_use "$ORTHANC_PORT" && die "port $ORTHANC_PORT (Orthanc) is taken by another program; set ORTHANC_PORT to a free port"
  port_in_use "$ORTHANC_DICOM_PORT" && die "port $ORTHANC_DICOM_PORT (Orthanc's DICOM port) is taken by another program; set ORTHANC_DICOM_PORT to a free port"
  "$STACK_SRC/install-orthanc.sh" >&2
  mkdir -p "$RUN/orthanc-db"
  sed -e "s|@RUN@|$RUN|g" -e "s|@ROOT@|$ORTHANC_ROOT|g" -e "s|@PORT@|$ORTHANC_PORT|g" \
      -e "s|@ADMIN_USER@|$ORTHANC_ADMIN_USER|g" -e "s|@ADMIN_PASSWORD@|$ORTHANC_ADMIN_PASSWORD|g" \
      -e "s|@DICOM_PORT@|$ORTHANC_DICOM_PORT|g" -e "s|@REPO@|$REPO|g" \
      "$STACK_SRC/orthanc/orthanc.json.in" >"$RUN/orthanc.json"
  chmod 600 "$RUN/orthanc.json"
  log "starting Orthanc on $HOST:$ORTHANC_PORT"
  # deploy/albums-filter.lua reads where albums-server is and how to log in from the environment
  ALBUMS_FILTER_URL="http://$HOST:$ALBUMS_PORT" ALBUMS_FILTER_USER=$PLUGIN_USER ALBUMS_FILTER_PASSWORD=$PLUGIN_PASSWORD \
  DCMDICTPATH="$ORTHANC_ROOT/usr/share/dcmtk/dicom.dic:$ORTHANC_ROOT/usr/share/dcmtk/private.dic" \
  PYTHONHOME="$ORTHANC_ROOT/usr" \
    setsid "$ORTHANC_ROOT/usr/lib64/ld-linux-x86-64.so.2" --library-path "$ORTHANC_ROOT/usr/lib/x86_64-linux-gnu" \
      "$ORTHANC_ROOT/usr/sbin/Orthanc" "$RUN/orthanc.json" >"$RUN/orthanc.log" 2>&1 </dev/null &
  echo $! >"$RUN/orthanc.pid"
  wait_http Orthanc "http://$HOST:$ORTHANC_PORT/system" 30 "$RUN/orthanc.log" "$(<"$RUN/orthanc.pid")" -u "$ORTHANC_ADMIN_USER:$ORTHANC_ADMIN_PASSWORD"
}

# --- Keycloak
keycloak_marker="kc.home.dir=$KEYCLOAK_HOME"
keycloak_up() {
  if pid=$(pid_of keycloak "$keycloak_marker"); then log "Keycloak already running (pid $pid)"; return; fi
  port_in_use "$KEYCLOAK_PORT" && die "port $KEYCLOAK_PORT (Keycloak) is taken by another program; set KEYCLOAK_PORT to a free port"
  port_in_use "$KEYCLOAK_MANAGEMENT_PORT" && die "port $KEYCLOAK_MANAGEMENT_PORT (Keycloak management) is taken; set KEYCLOAK_MANAGEMENT_PORT to a free port"
  "$STACK_SRC/install-keycloak.sh" >&2
  mkdir -p "$KEYCLOAK_HOME/data/import"
  # the albums realm, plus "albums-other": a foreign realm for the tests of forged tokens
  rm -f "$KEYCLOAK_HOME"/data/import/*.json
  cp "$STACK_SRC"/keycloak/*.json "$KEYCLOAK_HOME/data/import/"
  log "starting Keycloak on $HOST:$KEYCLOAK_PORT (about 30 s)"
  JAVA_OPTS_KC_HEAP="-Xms64m -Xmx512m" \
    setsid "$KEYCLOAK_HOME/bin/kc.sh" start --optimized --http-enabled=true --hostname-strict=false \
      --http-host=$HOST --http-port="$KEYCLOAK_PORT" --http-management-port="$KEYCLOAK_MANAGEMENT_PORT" \
      --import-realm >"$RUN/keycloak.log" 2>&1 </dev/null &
  echo $! >"$RUN/keycloak.launcher.pid"
}
keycloak_wait() {
  wait_http Keycloak "http://$HOST:$KEYCLOAK_PORT/realms/$REALM/.well-known/openid-configuration" 180 "$RUN/keycloak.log" \
    "$(<"$RUN/keycloak.launcher.pid")"
  # kc.sh execs java; record the JVM itself so that `down` signals the right process
  pgrep -f -- "$keycloak_marker" | head -n 1 >"$RUN/keycloak.pid"
}

# --- albums-server
server_marker="albums-server"
server_up() {
  [[ -f $SERVER_JAR ]] || die "albums-server is not built ($SERVER_JAR missing): run 'mvn -DskipTests package' or './albums build' first"
  if pid=$(pid_of albums-server "$server_marker"); then
    # a rebuilt jar replaces the running server, so `up` always serves the current code
    if [[ $SERVER_JAR -nt $RUN/albums-server.pid ]]; then
      log "albums-server was rebuilt: restarting it"; stop_pid albums-server "$pid"
    else
      log "albums-server already running (pid $pid)"; return
    fi
  fi
  port_in_use "$ALBUMS_PORT" && die "port $ALBUMS_PORT (albums-server) is taken by another program; set ALBUMS_PORT to a free port"
  log "starting albums-server on $HOST:$ALBUMS_PORT"
  (
    export ALBUMS_HTTP_PORT=$ALBUMS_PORT ALBUMS_HTTP_HOST=$HOST
    export ALBUMS_PUBLIC_URL="http://$HOST:$ALBUMS_PORT"
    export ALBUMS_DB_URL="jdbc:sqlite:$RUN/albums.db"
    export ALBUMS_ORTHANC_URL="http://$HOST:$ORTHANC_PORT"
    export ALBUMS_ORTHANC_USER=$ORTHANC_ADMIN_USER ALBUMS_ORTHANC_PASSWORD=$ORTHANC_ADMIN_PASSWORD
    export ALBUMS_DICOMWEB_PUBLIC_URL="http://$HOST:$ORTHANC_PORT/dicom-web"
    export ALBUMS_DICOM_HOST=$HOST ALBUMS_DICOM_PORT=$ORTHANC_DICOM_PORT
    export KEYCLOAK_URL="http://$HOST:$KEYCLOAK_PORT" KEYCLOAK_REALM=$REALM KEYCLOAK_CLIENT_ID=albums-desktop
    export KEYCLOAK_SERVER_CLIENT_ID=albums-server KEYCLOAK_SERVER_CLIENT_SECRET=albums-server-demo-secret
    export ALBUMS_PLUGIN_USERS="{\"$PLUGIN_USER\":\"$PLUGIN_PASSWORD\"}"
    export SECRET_KEY
    # as deploy/albums-server.Dockerfile runs it: a small heap, the serial collector, two malloc arenas (RSS under 300 MB under load)
    MALLOC_ARENA_MAX=2 exec setsid java -Xmx160m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=48m -Xss512k -Dalbums.stack=1 -jar "$SERVER_JAR" >"$RUN/albums-server.log" 2>&1 </dev/null
  ) &
  echo $! >"$RUN/albums-server.pid"
  wait_http albums-server "http://$HOST:$ALBUMS_PORT/api/config" 60 "$RUN/albums-server.log" "$(<"$RUN/albums-server.pid")"
}

cmd_up() {
  command -v curl >/dev/null || die "curl is missing: apt-get install curl"
  command -v java >/dev/null || die "Java 17+ is missing: apt-get install openjdk-17-jdk"
  ensure_secrets
  keycloak_up          # slowest part: starts first, waited for last
  orthanc_up
  if ! pid_of keycloak "$keycloak_marker" >/dev/null; then keycloak_wait; fi
  server_up
  log "stack is up"
  cmd_env
}

cmd_down() {
  local name marker pid
  for entry in "albums-server|$server_marker" "keycloak|$keycloak_marker" "orthanc|$orthanc_cmd_marker"; do
    name=${entry%%|*}; marker=${entry#*|}
    if pid=$(pid_of "$name" "$marker"); then stop_pid "$name" "$pid"; fi
    rm -f "$RUN/$name.pid"
  done
  rm -f "$RUN/keycloak.launcher.pid"
}

cmd_status() {
  local name marker pid rc=0
  for entry in "orthanc|$orthanc_cmd_marker" "keycloak|$keycloak_marker" "albums-server|$server_marker"; do
    name=${entry%%|*}; marker=${entry#*|}
    if pid=$(pid_of "$name" "$marker"); then echo "$name: running (pid $pid)"; else echo "$name: stopped"; rc=3; fi
  done
  return $rc
}

cmd_env() {
  ensure_secrets
  cat <<ENV
ORTHANC_URL=http://$HOST:$ORTHANC_PORT
ORTHANC_DICOM_PORT=$ORTHANC_DICOM_PORT
ORTHANC_AET=ORTHANC
DICOMWEB_URL=http://$HOST:$ORTHANC_PORT/dicom-web
KEYCLOAK_URL=http://$HOST:$KEYCLOAK_PORT
REALM=$REALM
KEYCLOAK_CLIENT_ID=albums-desktop
KEYCLOAK_SERVER_CLIENT_ID=albums-server
KEYCLOAK_SERVER_CLIENT_SECRET=albums-server-demo-secret
ALBUMS_URL=http://$HOST:$ALBUMS_PORT
PLUGIN_USER=$PLUGIN_USER
PLUGIN_PASSWORD=$PLUGIN_PASSWORD
ORTHANC_ADMIN_USER=$ORTHANC_ADMIN_USER
ORTHANC_ADMIN_PASSWORD=$ORTHANC_ADMIN_PASSWORD
ALBUMS_DB_URL=jdbc:sqlite:$RUN/albums.db
STACK_DIR=$RUN
ENV
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  env) cmd_env ;;
  *) echo "usage: stack/stack.sh up|down|status|env" >&2; exit 2 ;;
esac
