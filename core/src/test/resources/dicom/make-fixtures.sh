#!/usr/bin/env bash
# Regenerates the DICOM fixtures of DicomHeaderReaderTest (core/src/test/java/org/orthancalbums/core/dicom/).
#
# Every file is made by tools nobody here wrote: dcmtk (dump2dcm, dcmconv, dcmodify, img2dcm, dcmcjpeg, dcmcjpls,
# dcmcrle, dcmj2pnm, dcmmkdir, dcmdump) and test files shipped with pydicom. Nasty files (truncated, patched bytes)
# are cut from those with head -c / a few lines of python. The expected values come from dcmdump, never from our
# own reader:
#   NAME.dcm            a file the reader must read
#   NAME.dcmdump.txt    dcmdump's view of its identifying attributes (raw, then PN/LO values converted to UTF-8)
#   expected-failures.txt   "FILE REASON" for every file the reader must reject
# The fixtures are committed, so the tests need neither dcmtk nor pydicom.
#
# Needs (Debian/Ubuntu): apt-get install dcmtk python3-pydicom   (plus python3 and iconv, always there)
# Usage: core/src/test/resources/dicom/make-fixtures.sh        (rewrites the files next to this script)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
for tool in dump2dcm dcmconv dcmodify img2dcm dcmcjpeg dcmcjpls dcmcrle dcmj2pnm dcmmkdir dcmdump iconv python3; do
  command -v "$tool" >/dev/null || { echo "make-fixtures.sh: $tool is missing (apt-get install dcmtk python3-pydicom)" >&2; exit 1; }
done
pydicom_data="$(/usr/bin/python3 -c 'import os, pydicom; print(os.path.join(os.path.dirname(pydicom.__file__), "data"))' 2>/dev/null \
  || python3 -c 'import os, pydicom; print(os.path.join(os.path.dirname(pydicom.__file__), "data"))')"
[ -d "$pydicom_data/test_files" ] || { echo "make-fixtures.sh: pydicom's test files not found" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
out="$work/out"
mkdir -p "$out"
cd "$work"

fail() { echo "$1 $2" >> "$out/expected-failures.txt"; }
: > "$out/expected-failures.txt"

# 128x128 16-bit little endian pixels (12 bits stored): a radial gradient.
python3 - <<'EOF'
import struct
rows = cols = 128
with open("pixels.raw", "wb") as f:
    for y in range(rows):
        f.write(b"".join(struct.pack("<H", ((x - 64) ** 2 + (y - 64) ** 2) // 8 & 0x0FFF) for x in range(cols)))
EOF

# ---------------------------------------------------------------------------------------------------------------
# 1. An MR image in ISO_IR 100 (Latin-1), written by dump2dcm: nested undefined-length sequences holding decoy
#    copies of the top-level attributes, private groups 0009/0029/0033 with their private creators (one of them a
#    private sequence), a long private UT, and 32 KiB of pixel data. The dump is typed in UTF-8 and converted to
#    Latin-1 bytes, since that is what ISO_IR 100 files contain.
# ---------------------------------------------------------------------------------------------------------------
cat > latin1.dump.utf8 <<'EOF'
(0002,0010) UI =LittleEndianExplicit
(0008,0005) CS [ISO_IR 100]
(0008,0008) CS [ORIGINAL\PRIMARY\OTHER]
(0008,0016) UI =MRImageStorage
(0008,0018) UI [1.2.826.0.1.3680043.10.1187.100.1.1.12]
(0008,0020) DA [20240315]
(0008,0030) TM [101500]
(0008,0050) SH [ACC-0042]
(0008,0060) CS [MR]
(0008,0070) LO [Orthanc Albums fixtures]
(0008,1030) LO [IRM cérébrale, contrôle à 6 mois]
(0008,103e) LO [T1 sagittal après gadolinium]
(0008,1115) SQ (Sequence with undefined length #=1)
  (fffe,e000) na (Item with undefined length #=2)
    (0008,1199) SQ (Sequence with undefined length #=2)
      (fffe,e000) na (Item with undefined length #=2)
        (0008,1150) UI =MRImageStorage
        (0008,1155) UI [1.2.826.0.1.3680043.10.1187.999.1]
      (fffe,e00d) na (ItemDelimitationItem)
      (fffe,e000) na (Item with undefined length #=2)
        (0008,1150) UI =MRImageStorage
        (0008,1155) UI [1.2.826.0.1.3680043.10.1187.999.2]
      (fffe,e00d) na (ItemDelimitationItem)
    (fffe,e0dd) na (SequenceDelimitationItem)
    (0020,000e) UI [1.2.826.0.1.3680043.10.1187.999]
  (fffe,e00d) na (ItemDelimitationItem)
(fffe,e0dd) na (SequenceDelimitationItem)
(0009,0010) LO [GEMS_IDEN_01]
(0009,1001) LO [private value before the patient]
(0009,1002) OB 01\02\03\04\05\06
(0010,0010) PN [Müller^Jürgen^^Dr.]
(0010,0020) LO [MUE-19750412]
(0010,0030) DA [19750412]
(0010,0040) CS [M]
(0010,1002) SQ (Sequence with undefined length #=1)
  (fffe,e000) na (Item with undefined length #=2)
    (0010,0020) LO [DECOY-OTHER-ID]
    (0010,0021) LO [Hôpital voisin]
  (fffe,e00d) na (ItemDelimitationItem)
(fffe,e0dd) na (SequenceDelimitationItem)
(0018,0050) DS [1.5]
(0020,000d) UI [1.2.826.0.1.3680043.10.1187.100]
(0020,000e) UI [1.2.826.0.1.3680043.10.1187.100.1]
(0020,0010) SH [S42]
(0020,0011) IS [7]
(0020,0013) IS [12]
(0028,0002) US 1
(0028,0004) CS [MONOCHROME2]
(0028,0010) US 128
(0028,0011) US 128
(0028,0100) US 16
(0028,0101) US 12
(0028,0102) US 11
(0028,0103) US 0
(0029,0010) LO [ORTHANC ALBUMS FIXTURE]
(0029,1010) OB 00\ff\00\ff
(0029,1020) SQ (Sequence with undefined length #=2)
  (fffe,e000) na (Item with undefined length #=3)
    (0010,0010) PN [Decoy^Nested^Name]
    (0029,0010) LO [ORTHANC ALBUMS FIXTURE]
    (0029,1030) LO [nested private value]
  (fffe,e00d) na (ItemDelimitationItem)
  (fffe,e000) na (Item with undefined length #=1)
    (0020,000d) UI [1.2.826.0.1.3680043.10.1187.999.3]
  (fffe,e00d) na (ItemDelimitationItem)
(fffe,e0dd) na (SequenceDelimitationItem)
(0029,1040) UT [A private text long enough to be cut in the middle by the truncated fixtures: lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.]
(0033,0010) LO [SECOND PRIVATE CREATOR]
(0033,1001) LO [x]
(7fe0,0010) OW =pixels.raw
EOF
iconv -f UTF-8 -t ISO-8859-1 latin1.dump.utf8 > latin1.dump
dump2dcm -q -e latin1.dump latin1-explicit-le-undefined-lengths.dcm
dcmconv -q +e latin1-explicit-le-undefined-lengths.dcm latin1-explicit-le.dcm
dcmconv -q +ti -e latin1-explicit-le.dcm latin1-implicit-le.dcm
dcmconv -q +ti +e latin1-explicit-le.dcm latin1-implicit-le-defined-lengths.dcm
dcmconv -q +tb -e latin1-explicit-le.dcm latin1-explicit-be.dcm
dcmconv -q +td -e latin1-explicit-le.dcm latin1-deflated.dcm
dcmconv -q +g +e latin1-explicit-le.dcm latin1-group-lengths.dcm
cp latin1-explicit-le-undefined-lengths.dcm latin1-explicit-le.dcm latin1-implicit-le.dcm \
   latin1-implicit-le-defined-lengths.dcm latin1-explicit-be.dcm latin1-deflated.dcm latin1-group-lengths.dcm "$out/"

# ---------------------------------------------------------------------------------------------------------------
# 2. A Basic Text SR in ISO_IR 192 (UTF-8) without pixel data: the file ends after its last element. A content
#    tree three levels deep, undefined lengths. Variants: implicit VR with dataset trailing padding (FFFC,FFFC).
# ---------------------------------------------------------------------------------------------------------------
cat > utf8.dump <<'EOF'
(0002,0010) UI =LittleEndianExplicit
(0008,0005) CS [ISO_IR 192]
(0008,0016) UI =BasicTextSRStorage
(0008,0018) UI [2.25.302001851178302919573919411931187461207]
(0008,0020) DA [20231105]
(0008,0060) CS [SR]
(0008,1030) LO [Échographie fœtale, 2ᵉ trimestre]
(0008,103e) LO [Compte rendu 📝 ÀÉÎÕÜ]
(0010,0010) PN [Ñandú^José María=山田^太郎]
(0010,0020) LO [ID-ŒÆ-7]
(0020,000d) UI [2.25.302001851178302919573919411931187461100]
(0020,000e) UI [2.25.302001851178302919573919411931187461101]
(0020,0011) IS [3]
(0020,0013) IS [1]
(0040,a040) CS [CONTAINER]
(0040,a043) SQ (Sequence with undefined length #=1)
  (fffe,e000) na (Item with undefined length #=3)
    (0008,0100) SH [11528-7]
    (0008,0102) SH [LN]
    (0008,0104) LO [Radiology Report]
  (fffe,e00d) na (ItemDelimitationItem)
(fffe,e0dd) na (SequenceDelimitationItem)
(0040,a050) CS [SEPARATE]
(0040,a730) SQ (Sequence with undefined length #=2)
  (fffe,e000) na (Item with undefined length #=3)
    (0040,a010) CS [CONTAINS]
    (0040,a040) CS [TEXT]
    (0040,a160) UT [Texte libre : « aucune anomalie » ✓]
  (fffe,e00d) na (ItemDelimitationItem)
  (fffe,e000) na (Item with undefined length #=3)
    (0040,a010) CS [CONTAINS]
    (0040,a040) CS [CONTAINER]
    (0040,a730) SQ (Sequence with undefined length #=1)
      (fffe,e000) na (Item with undefined length #=3)
        (0010,0010) PN [Decoy^In^Content^Tree]
        (0040,a010) CS [CONTAINS]
        (0040,a040) CS [TEXT]
        (0040,a160) UT [Troisième niveau]
      (fffe,e00d) na (ItemDelimitationItem)
    (fffe,e0dd) na (SequenceDelimitationItem)
  (fffe,e00d) na (ItemDelimitationItem)
(fffe,e0dd) na (SequenceDelimitationItem)
EOF
dump2dcm -q -e utf8.dump utf8-sr-no-pixel-data.dcm
dcmconv -q +ti -e +p 256 0 utf8-sr-no-pixel-data.dcm utf8-sr-implicit-padded.dcm
cp utf8-sr-no-pixel-data.dcm utf8-sr-implicit-padded.dcm "$out/"

# ---------------------------------------------------------------------------------------------------------------
# 3. A secondary capture made by img2dcm from a BMP, patient and study set by dcmodify in ISO_IR 148 (Latin-5,
#    Turkish), then compressed by dcmtk's codecs; and img2dcm wrapping a JPEG made by dcmj2pnm (JPEG baseline).
# ---------------------------------------------------------------------------------------------------------------
python3 - <<'EOF'
import struct
w, h = 96, 64
row = (w * 3 + 3) & ~3
pixels = b"".join(bytes([(x * 255 // w), (y * 255 // h), ((x + y) * 2) & 0xFF] * 1)
                  for y in range(h) for x in range(w))
rows = b"".join(pixels[y * w * 3:(y + 1) * w * 3].ljust(row, b"\0") for y in range(h))
header = b"BM" + struct.pack("<IHHI", 54 + len(rows), 0, 0, 54)
info = struct.pack("<IiiHHIIiiII", 40, w, h, 1, 24, 0, len(rows), 2835, 2835, 0, 0)
open("image.bmp", "wb").write(header + info + rows)
EOF
latin5_name="$(printf 'Yılmaz^Şule Gökçe' | iconv -f UTF-8 -t ISO-8859-9)"
latin5_description="$(printf 'Göğüs grafisi, ön-arka' | iconv -f UTF-8 -t ISO-8859-9)"
img2dcm -q -i BMP image.bmp sc-img2dcm-bmp.dcm \
  -k "StudyInstanceUID=1.2.826.0.1.3680043.10.1187.300" \
  -k "SeriesInstanceUID=1.2.826.0.1.3680043.10.1187.300.2" \
  -k "SOPInstanceUID=1.2.826.0.1.3680043.10.1187.300.2.1"
dcmodify -q -nb \
  -i "(0008,0005)=ISO_IR 148" \
  -i "(0010,0010)=$latin5_name" \
  -i "(0010,0020)=TR-0099" \
  -i "(0008,0020)=20220229" \
  -i "(0008,0060)=OT" \
  -i "(0008,1030)=$latin5_description" \
  -i "(0008,103e)=$(printf 'Ekran görüntüsü' | iconv -f UTF-8 -t ISO-8859-9)" \
  -i "(0020,0011)=2" \
  -i "(0020,0013)=5" \
  -i "(0009,0010)=GEMS_IDEN_01" \
  -i "(0009,1001)=private, between the study and the patient" \
  sc-img2dcm-bmp.dcm
dcmcjpeg -q sc-img2dcm-bmp.dcm sc-jpeg-lossless.dcm
dcmcjpeg -q +eb +un sc-img2dcm-bmp.dcm sc-jpeg-baseline.dcm # +un: keep the UID, reproducible fixtures
dcmcjpls -q sc-img2dcm-bmp.dcm sc-jpeg-ls.dcm
dcmcrle -q sc-img2dcm-bmp.dcm sc-rle.dcm
dcmj2pnm -q +oj sc-img2dcm-bmp.dcm image.jpg
img2dcm -q -i JPEG image.jpg sc-img2dcm-jpeg.dcm \
  -k "PatientName=Lumière^Zoé" -k "SpecificCharacterSet=ISO_IR 100" -k "PatientID=FR-2" -k "Modality=XC" \
  -k "StudyInstanceUID=1.2.826.0.1.3680043.10.1187.400" \
  -k "SeriesInstanceUID=1.2.826.0.1.3680043.10.1187.400.1" \
  -k "SOPInstanceUID=1.2.826.0.1.3680043.10.1187.400.1.1"
# img2dcm writes -k values as given: make the ISO_IR 100 name Latin-1 bytes
dcmodify -q -nb -m "(0010,0010)=$(printf 'Lumière^Zoé' | iconv -f UTF-8 -t ISO-8859-1)" sc-img2dcm-jpeg.dcm
cp sc-img2dcm-bmp.dcm sc-jpeg-lossless.dcm sc-jpeg-baseline.dcm sc-jpeg-ls.dcm sc-rle.dcm sc-img2dcm-jpeg.dcm "$out/"

# ---------------------------------------------------------------------------------------------------------------
# 4. Files from pydicom's test data (pydicom/data/test_files, MIT licensed package; origins in its README.txt).
# ---------------------------------------------------------------------------------------------------------------
for f in MR_small_implicit.dcm MR_small_bigendian.dcm image_dfl.dcm JPEG2000.dcm UN_sequence.dcm \
         nested_priv_SQ.dcm test-SR.dcm; do
  cp "$pydicom_data/test_files/$f" "$out/pydicom-$f"
done
cp "$pydicom_data/charset_files/chrRuss.dcm" "$out/pydicom-chrRuss.dcm"
cp "$pydicom_data/test_files/dicomdirtests/DICOMDIR" "$out/pydicom-DICOMDIR"
fail pydicom-DICOMDIR DICOMDIR

# ---------------------------------------------------------------------------------------------------------------
# 5. Nasty files.
# ---------------------------------------------------------------------------------------------------------------
# A DICOMDIR made by dcmmkdir.
mkdir -p fileset/IMAGES
cp latin1-explicit-le.dcm fileset/IMAGES/IM1
cp sc-img2dcm-bmp.dcm fileset/IMAGES/IM2
(cd fileset && dcmmkdir -q +I +r --output-file DICOMDIR IMAGES) # the only fixture that differs on every run (new UID)
cp fileset/DICOMDIR "$out/dcmmkdir-DICOMDIR"
fail dcmmkdir-DICOMDIR DICOMDIR

# Data sets without preamble nor file meta information are read since issue 13: BareDataSetTest makes them with
# dcmconv -F from these fixtures.

# Not DICOM at all.
: > "$out/empty.dcm"
fail empty.dcm NOT_DICOM
printf 'Patient: Doe^John\nThis is a text file, not a DICOM file.\n' > "$out/not-dicom.txt"
fail not-dicom.txt NOT_DICOM
python3 -c 'import random; r = random.Random(42); open("junk.bin", "wb").write(bytes(r.getrandbits(8) for _ in range(4096)))'
cp junk.bin "$out/random-junk.bin"
fail random-junk.bin NOT_DICOM

# Truncated copies, cut at offsets found in the files themselves.
offset() { # offset FILE HEXBYTES [NTH]: offset of the NTH (default 1st) occurrence of the bytes after the preamble
  python3 -c 'import sys; d = open(sys.argv[1], "rb").read(); p = bytes.fromhex(sys.argv[2]); i = 131
for _ in range(int(sys.argv[3])): i = d.index(p, i + 1)
print(i)' "$1" "$2" "${3:-1}"
}
head -c 100 latin1-explicit-le.dcm > "$out/truncated-in-preamble.dcm"
fail truncated-in-preamble.dcm NOT_DICOM
head -c 180 latin1-explicit-le.dcm > "$out/truncated-in-meta.dcm"
fail truncated-in-meta.dcm TRUNCATED
meta_end=$(( $(offset latin1-explicit-le.dcm 08000500) ))
head -c "$meta_end" latin1-explicit-le.dcm > "$out/truncated-after-meta.dcm"
fail truncated-after-meta.dcm TRUNCATED
# inside the nested undefined-length sequence: in the second (0008,1155) value
cut=$(( $(offset latin1-explicit-le-undefined-lengths.dcm 08005511 2) + 20 ))
head -c "$cut" latin1-explicit-le-undefined-lengths.dcm > "$out/truncated-in-sequence.dcm"
fail truncated-in-sequence.dcm TRUNCATED
# inside the value of the long private UT (its length runs past the end of the file)
cut=$(( $(offset latin1-explicit-le.dcm 29004010) + 60 ))
head -c "$cut" latin1-explicit-le.dcm > "$out/truncated-in-value.dcm"
fail truncated-in-value.dcm TRUNCATED
# implicit VR: inside the private sequence of undefined length, which has no VR to tell it is one
cut=$(( $(offset latin1-implicit-le.dcm 29003010) + 12 ))
head -c "$cut" latin1-implicit-le.dcm > "$out/truncated-implicit-in-private-sequence.dcm"
fail truncated-implicit-in-private-sequence.dcm TRUNCATED
# a deflated file cut 200 bytes into its deflate stream, well before the pixel data
meta_end=$(python3 -c 'import struct, sys; print(144 + struct.unpack_from("<I", open(sys.argv[1], "rb").read(), 140)[0])' latin1-deflated.dcm)
head -c $(( meta_end + 200 )) latin1-deflated.dcm > "$out/truncated-deflated.dcm"
fail truncated-deflated.dcm TRUNCATED
# inside the pixel data: the header is complete, and the reader never looks at pixel data
cut=$(( $(offset latin1-explicit-le.dcm e07f1000) + 1000 ))
head -c "$cut" latin1-explicit-le.dcm > truncated-in-pixel-data.dcm
cp truncated-in-pixel-data.dcm "$out/"

# Byte patches of dcmtk files.
python3 - "$out" <<'EOF'
import sys
out = sys.argv[1]
def patch(source, target, old, new, nth=1):
    data = open(source, "rb").read()
    i = 131
    for _ in range(nth):
        i = data.index(old, i + 1)
    open(f"{out}/{target}", "wb").write(data[:i] + new + data[i + len(old):])
# an unknown transfer syntax, same length so the meta group length stays right
patch("sc-img2dcm-bmp.dcm", "unsupported-transfer-syntax.dcm", b"1.2.840.10008.1.2.1\0", b"1.2.3.4.5.6.7.8.9.10")
# (0008,0060) Modality with VR bytes 0x00 0x01 instead of "CS"
patch("latin1-explicit-le.dcm", "malformed-invalid-vr.dcm", b"\x08\x00\x60\x00CS", b"\x08\x00\x60\x00\x00\x01")
# the first item of the nested sequence (0008,1199) tagged (FFFE,E0EE) instead of (FFFE,E000)
patch("latin1-explicit-le-undefined-lengths.dcm", "malformed-item-tag.dcm", b"\xfe\xff\x00\xe0\xff\xff\xff\xff",
      b"\xfe\xff\xee\xe0\xff\xff\xff\xff", nth=2)
EOF
fail unsupported-transfer-syntax.dcm UNSUPPORTED
fail malformed-invalid-vr.dcm MALFORMED
fail malformed-item-tag.dcm MALFORMED

# ---------------------------------------------------------------------------------------------------------------
# 6. What dcmdump sees in every readable file: UIDs as numbers (-Un), whole values (+L), nested matches with their
#    sequence path (+p) so that the test can keep the top-level ones. Raw values first; then the PN/LO values that
#    depend on the character set, converted to UTF-8 (+U8); then the top-level Pixel Data line, if any, with its
#    length. +E: the file cut in its pixel data is still dumped.
# ---------------------------------------------------------------------------------------------------------------
raw_tags=() text_tags=()
for t in 0002,0002 0002,0003 0002,0010 0008,0005 0008,0016 0008,0018 0008,0020 0008,0060 0020,000d 0020,000e \
         0020,0011 0020,0013; do raw_tags+=(+P "$t"); done
for t in 0008,1030 0008,103e 0010,0010 0010,0020; do text_tags+=(+P "$t"); done
cd "$out"
for f in *.dcm; do
  grep -q "^$f " expected-failures.txt && continue
  ok=0; [ "$f" = truncated-in-pixel-data.dcm ] && ok=1 # dcmdump prints it, but exits with 1
  {
    echo "# dcmdump $(dcmdump --version | head -1 | cut -d' ' -f3) of $f"
    dcmdump -q +E -Un +L +p "${raw_tags[@]}" "$f" || [ $ok = 1 ]
    dcmdump -q +E -Un +L +p +U8 "${text_tags[@]}" "$f" || [ $ok = 1 ]
    { dcmdump -q +E -Un -L +P 7fe0,0010 "$f" || [ $ok = 1 ]; } | { grep '^(7fe0,0010)' || true; }
  } > "${f%.dcm}.dcmdump.txt"
done

# Replace the old fixtures (everything but this script and .gitattributes) with the new ones.
find "$here" -maxdepth 1 -type f ! -name make-fixtures.sh ! -name .gitattributes -delete
cp -p "$out"/* "$here/"
echo "make-fixtures.sh: $(ls "$out" | wc -l) files, $(du -sh "$here" | cut -f1) in $here"
