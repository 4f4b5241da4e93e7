#!/usr/bin/env bash
# Installs Keycloak from Maven Central into the user cache and runs its one-time Quarkus build,
# so that later starts take ~25 s instead of 75-100 s. Idempotent (marker file .complete).
set -euo pipefail

VERSION=${KEYCLOAK_VERSION:-26.7.3}
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/orthanc-albums
HOME_DIR=${KEYCLOAK_HOME:-$CACHE/keycloak-$VERSION}

if [[ -f "$HOME_DIR/.complete" ]]; then
  echo "Keycloak $VERSION already installed in $HOME_DIR"
  exit 0
fi
command -v mvn >/dev/null || { echo "error: Maven is missing. Install it: apt-get install maven" >&2; exit 1; }

echo "Downloading Keycloak $VERSION from Maven Central (first time only, ~180 MB)..."
rm -rf "$HOME_DIR" "$HOME_DIR.work"
mkdir -p "$HOME_DIR.work"
# dependency:unpack keeps kc.sh executable, unlike a plain unzip of the copied artifact on some JDKs
# run outside any project folder, so Maven does not read our own pom.xml
(cd "$HOME_DIR.work" && mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
  -Dartifact="org.keycloak:keycloak-quarkus-dist:$VERSION:zip" -DoutputDirectory="$HOME_DIR.work")
mv "$HOME_DIR.work/keycloak-$VERSION" "$HOME_DIR"
rm -rf "$HOME_DIR.work"
chmod +x "$HOME_DIR"/bin/*.sh

echo "Preparing Keycloak (one-time Quarkus build, about a minute)..."
# In-memory database: the realm is re-imported from stack/keycloak/ on every start.
"$HOME_DIR/bin/kc.sh" build --db=dev-mem --health-enabled=true >"$HOME_DIR/build.log" 2>&1 \
  || { tail -n 30 "$HOME_DIR/build.log" >&2; exit 1; }
touch "$HOME_DIR/.complete"
echo "Keycloak installed in $HOME_DIR"
