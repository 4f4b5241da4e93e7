#!/usr/bin/env bash
# Makes every icon file from the master drawing, icons/orthanc-albums.svg. Run it after changing the
# drawing and commit what it writes (the build and the installers use the files, not the drawing).
# Needs Debian's librsvg2-bin (rsvg-convert), icoutils (icotool) and icnsutils (png2icns).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
for tool in rsvg-convert icotool png2icns; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing: apt-get install librsvg2-bin icoutils icnsutils" >&2; exit 1; }
done

mkdir -p png
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" orthanc-albums.svg -o "png/orthanc-albums-$size.png"
done
# Windows: small sizes as bitmaps, 256 as PNG (what Explorer shows for large icons)
icotool -c -o orthanc-albums.ico png/orthanc-albums-{16,24,32,48,64}.png -r png/orthanc-albums-256.png
# macOS: the sizes Finder and the Dock use
png2icns orthanc-albums.icns png/orthanc-albums-{16,32,128,256,512,1024}.png >/dev/null
ls -l orthanc-albums.ico orthanc-albums.icns png/
