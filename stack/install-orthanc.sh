#!/usr/bin/env bash
# Installs Orthanc >= 1.12 with its DICOMweb plugin from Debian trixie into a private root, without
# root rights and without touching the system's dpkg state: bookworm (this machine) only has 1.10,
# which has no labels. Idempotent: a finished root is marked with .complete and reused.
set -euo pipefail

# With "postgresql": also Debian's orthanc-postgresql plugin and libpq, unpacked beside the root (the
# root already has every other library they need), for "./albums bench scale"; the stack does not use it.
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/orthanc-albums
ROOT=${ORTHANC_ROOT:-$CACHE/orthanc-root}
PACKAGES=(orthanc orthanc-dicomweb)
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
if [[ ${1:-} == postgresql ]]; then
  ROOT=${ORTHANC_PG_ROOT:-$CACHE/orthanc-postgresql}
  PACKAGES=(orthanc-postgresql libpq5)
fi

if [[ -f "$ROOT/.complete" ]]; then
  echo "${PACKAGES[*]} already installed in $ROOT"
  exit 0
fi
for tool in apt-get dpkg-deb; do
  command -v "$tool" >/dev/null || { echo "error: '$tool' is missing. Install Debian's apt and dpkg (this stack needs a Debian-like system)." >&2; exit 1; }
done
[[ -f $KEYRING ]] || { echo "error: $KEYRING is missing. Install it: apt-get install debian-archive-keyring" >&2; exit 1; }

work="$ROOT.work"
rm -rf "$work" "$ROOT"
mkdir -p "$work/lists/partial" "$work/archives/partial" "$work/etc/preferences.d" "$ROOT"
echo "deb [signed-by=$KEYRING] http://deb.debian.org/debian trixie main" >"$work/etc/sources.list"
: >"$work/status"
apt_opts=(
  -o "Dir::Etc::SourceList=$work/etc/sources.list" -o "Dir::Etc::SourceParts=-"
  -o "Dir::Etc::Preferences=$work/etc/preferences" -o "Dir::Etc::PreferencesParts=$work/etc/preferences.d"
  -o "Dir::State::Lists=$work/lists" -o "Dir::State::status=$work/status"
  -o "Dir::Cache::Archives=$work/archives" -o "Dir::Cache=$work/cache" -o "Debug::NoLocking=1"
  -o "APT::Sandbox::User=root" -o "Acquire::Retries=3"
)
echo "Downloading ${PACKAGES[*]} from Debian trixie (first time only)..."
apt-get "${apt_opts[@]}" -qq update
if [[ ${1:-} == postgresql ]]; then
  (cd "$work/archives" && apt-get "${apt_opts[@]}" -qq download "${PACKAGES[@]}")
else
  # With an empty status file apt resolves the whole dependency closure, libc included, so the
  # private root is self-contained and runs through its own loader.
  apt-get "${apt_opts[@]}" -qq -y --download-only install "${PACKAGES[@]}" >/dev/null
fi
for deb in "$work"/archives/*.deb; do dpkg-deb -x "$deb" "$ROOT"; done
rm -rf "$work"
if [[ ${1:-} != postgresql ]]; then
  "$ROOT/usr/lib64/ld-linux-x86-64.so.2" --library-path "$ROOT/usr/lib/x86_64-linux-gnu" "$ROOT/usr/sbin/Orthanc" --version | head -1
fi
touch "$ROOT/.complete"
echo "${PACKAGES[*]} installed in $ROOT"
