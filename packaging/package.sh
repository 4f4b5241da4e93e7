#!/usr/bin/env bash
# Builds the desktop app's installers for the OS it runs on, with the JDK's own tools: a runtime made by
# jlink holding only the modules the app needs, the app image, and the installers made by jpackage:
#   Linux: .deb (and .rpm where rpmbuild exists)   Windows: .msi and .exe   macOS: .dmg and .pkg
# Everything lands in desktop/target/installer/. Run it through `./albums package`.
# ALBUMS_APP_VERSION overrides the version (the POM's, without -SNAPSHOT: installers take numbers only).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

work=desktop/target/jpackage
out=desktop/target/installer
case "$(uname -s)" in
  Linux) os=linux; types=(deb); command -v rpmbuild >/dev/null && types+=(rpm); icon=icons/png/orthanc-albums-256.png ;;
  Darwin) os=macos; types=(dmg pkg); icon=icons/orthanc-albums.icns ;;
  MINGW* | MSYS* | CYGWIN*) os=windows; types=(msi exe); icon=icons/orthanc-albums.ico ;;
  *) echo "error: no installers for $(uname -s)" >&2; exit 1 ;;
esac

step() { echo "== $*" >&2; }

if [[ $os == linux ]] && ! command -v fakeroot >/dev/null; then
  echo "error: fakeroot is missing (jpackage builds the .deb with it): apt-get install fakeroot" >&2
  exit 1
fi

step "building the app and collecting its jars"
rm -rf "$work" "$out"
mvn -B -q package -DskipTests -pl desktop -am -Pinstaller
version=$(sed -n 's/^version=//p' desktop/target/maven-archiver/pom.properties)
app_version=${ALBUMS_APP_VERSION:-${version%%-*}}
if [[ $os == macos && $app_version == 0.* ]]; then
  echo "error: macOS refuses app version $app_version (the first number must be 1 or more): set ALBUMS_APP_VERSION" >&2
  exit 1
fi
main_jar=albums-desktop-$version.jar
cp "desktop/target/$main_jar" "$work/app/"

# JavaFX comes from Maven Central as modular jars with its native libraries inside, which it would
# unpack into ~/.openjfx at the first start. Made into jmods, the libraries go where the JDK keeps its
# own (lib/ or bin/) and JavaFX loads them from there.
step "turning JavaFX's jars into jmods"
mkdir -p "$work/jmods"
for jar in "$work"/javafx/*.jar; do
  module=$(jar --describe-module --file "$jar" | head -1 | cut -d' ' -f1)
  [[ $module == javafx.*@* ]] || continue   # Maven's empty jar beside each platform jar
  module=${module%@*}
  classes="$work/javafx/$module" libs="$work/javafx/$module.libs"
  mkdir -p "$classes" "$libs"
  (cd "$classes" && jar xf "../$(basename "$jar")")
  find "$classes" -maxdepth 1 -type f \( -name '*.so' -o -name '*.dll' -o -name '*.dylib' \) -exec mv {} "$libs/" \;
  jmod create --class-path "$classes" --libs "$libs" "$work/jmods/$module.jmod"
done

# The JDK modules the app's classes refer to (jdeps), plus those reached only through service lookups,
# which jdeps cannot see: jdk.crypto.ec (TLS with elliptic-curve keys, as most HTTPS servers use),
# jdk.localedata (French dates and numbers), jdk.charsets (DICOM character sets such as ISO-8859-8
# or GB18030). javafx.controls is the UI toolkit (it brings javafx.graphics and javafx.base).
step "making the runtime"
modules=$(jdeps -q --multi-release 17 --ignore-missing-deps --print-module-deps \
  --module-path "$work/jmods" --class-path "$work/app/*" --recursive "$work/app/$main_jar")
modules="$modules,javafx.controls,jdk.crypto.ec,jdk.localedata,jdk.charsets"
echo "modules: $modules" >&2
# CDS archive of the JDK's classes: a faster start. The copy for heaps over 32 GB (no compressed
# pointers) is never used by a desktop app.
jlink --module-path "$work/jmods" --add-modules "$modules" --include-locales=en,fr \
  --strip-debug --no-header-files --no-man-pages --generate-cds-archive \
  --output "$work/runtime"
find "$work/runtime" -name classes_nocoops.jsa -delete

step "making the app image"
jpackage --type app-image --dest "$out" @packaging/common.args --app-version "$app_version" --icon "$icon" \
  --input "$work/app" --main-jar "$main_jar" --main-class org.orthancalbums.desktop.Launcher \
  --runtime-image "$work/runtime"
app_image=$(ls -d "$out"/Orthanc\ Albums*)

license=()
[[ -f LICENSE ]] && license=(--license-file LICENSE)
for type in "${types[@]}"; do
  step "making the .$type installer"
  options=(@packaging/common.args @packaging/$os.args)
  [[ -f packaging/$type.args ]] && options+=(@packaging/$type.args)
  jpackage --type "$type" --dest "$out" "${options[@]}" --app-version "$app_version" \
    --icon "$icon" --app-image "$app_image" ${license[@]+"${license[@]}"}
done

echo "Installers of Orthanc Albums $app_version in $out:"
for file in "$out"/*; do
  [[ -f $file ]] && printf '  %-48s %6s MB\n' "$(basename "$file")" "$(( $(wc -c < "$file") / 1000000 ))"
done
printf '  %-48s %6s MB installed\n' "$(basename "$app_image")/" "$(du -sm "$app_image" | cut -f1)"
