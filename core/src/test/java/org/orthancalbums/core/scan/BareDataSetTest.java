package org.orthancalbums.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orthancalbums.core.dicom.DicomFormatException;
import org.orthancalbums.core.dicom.DicomHeader;
import org.orthancalbums.core.dicom.DicomHeaderReader;
import org.orthancalbums.core.dicom.FileMetaInformation;

/**
 * Data sets without preamble nor file meta information, as some CDs hold, made by dcmtk ({@code dcmconv -F}): the scan
 * finds them, and what it would send is a Part-10 file that dcmtk reads as the original, value for value.
 */
class BareDataSetTest {
    /** dcmtk's MR fixture: private and nested sequences, ISO_IR 100 names, 32 KiB of pixel data. */
    private static final String ORIGINAL = "latin1-explicit-le.dcm";
    /** A top-level dcmdump line: tag, then a [value] or a bare one ("(0002,0001) OB 00\01"). */
    private static final Pattern LINE = Pattern.compile("^\\(([0-9a-f]{4},[0-9a-f]{4})\\) \\S\\S (?:\\[(.*?)\\]|(\\S+)) +#.*$");

    @TempDir
    Path drop;

    @ParameterizedTest(name = "dcmconv {0}")
    @CsvSource({"+ti, 1.2.840.10008.1.2", "+te, 1.2.840.10008.1.2.1", "+tb, 1.2.840.10008.1.2.2"})
    void isFoundAndSentAsAPart10FileThatDcmtkReadsAsTheOriginal(String encoding, String transferSyntax) throws Exception {
        Path original = fixture(ORIGINAL);
        Path reference = drop.resolve("reference.dcm"); // the same data set, in a Part-10 file written by dcmtk
        dcmtk("dcmconv", "-q", encoding, original, reference);
        Path bare = Files.createDirectories(drop.resolve("cd/IMAGES")).resolve("IM0001");
        dcmtk("dcmconv", "-q", "-F", encoding, original, bare);
        byte[] bareBytes = Files.readAllBytes(bare);
        Path zip = drop.resolve("export.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream archive = new ZipOutputStream(out)) {
            archive.putNextEntry(new ZipEntry("IMAGES/IM0001"));
            archive.write(bareBytes);
        }

        ScanResult result = new DicomScanner().scan(List.of(drop.resolve("cd"), zip), n -> { });

        assertThat(result.skipped()).isEmpty();
        assertThat(result.files()).extracting(found -> found.source().displayPath())
                .containsExactlyInAnyOrder(bare.toString(), zip + "!/IMAGES/IM0001");
        DicomHeader expected = DicomHeaderReader.read(reference);
        List<byte[]> sent = new ArrayList<>();
        for (ScanResult.Found found : result.files()) {
            assertThat(found.header().part10()).isFalse();
            assertThat(found.header().transferSyntaxUid()).isEqualTo(transferSyntax);
            assertThat(found.header()).usingRecursiveComparison().ignoringFields("part10", "headerBytes").isEqualTo(expected);
            try (InputStream in = found.source().open()) {
                sent.add(in.readAllBytes());
            }
            assertThat(found.source().size()).as("the size announced for the upload").isEqualTo(sent.get(sent.size() - 1).length);
        }
        byte[] wrapped = sent.get(0);
        assertThat(sent.get(1)).isEqualTo(wrapped);
        byte[] meta = FileMetaInformation.of(expected.sopClassUid(), expected.sopInstanceUid(), transferSyntax);
        assertThat(Arrays.copyOfRange(wrapped, 0, meta.length)).isEqualTo(meta);
        assertThat(Arrays.copyOfRange(wrapped, meta.length, wrapped.length)).as("the data set, byte for byte").isEqualTo(bareBytes);

        Path file = Files.write(drop.resolve("wrapped.dcm"), wrapped);
        assertThat(dcmtk("dcmftest", file)).isEqualTo("yes: " + file + "\n");
        Map<String, String> metaInformation = values(dcmtk("dcmdump", "-q", "+fo", "-Un", "+P", "0002,0000", "+P", "0002,0001",
                "+P", "0002,0002", "+P", "0002,0003", "+P", "0002,0010", "+P", "0002,0012", "+P", "0002,0013", file));
        assertThat(metaInformation).containsExactly(
                entry("0002,0000", Integer.toString(meta.length - 144)), // the group after its own 12-byte element
                entry("0002,0001", "00\\01"),
                entry("0002,0002", expected.sopClassUid()),
                entry("0002,0003", expected.sopInstanceUid()),
                entry("0002,0010", transferSyntax),
                entry("0002,0012", FileMetaInformation.IMPLEMENTATION_CLASS_UID),
                entry("0002,0013", FileMetaInformation.IMPLEMENTATION_VERSION_NAME));
        List<String> dataSet = dataSet(dcmtk("dcmdump", "+fo", "+L", file));
        assertThat(dataSet).as("every value, the pixels' too (+L)").isEqualTo(dataSet(dcmtk("dcmdump", "+fo", "+L", reference)));
        assertThat(dataSet).anySatisfy(line -> assertThat(line).startsWith("(7fe0,0010)").contains("# 32768, 1 PixelData"));
    }

    @Test
    void filesThatAreNotDicomStaySo() throws IOException {
        byte[] garbage = new byte[2000];
        new Random(13).nextBytes(garbage);
        Files.writeString(drop.resolve("README.TXT"), "Patient: Doe^John\r\nThis CD holds the images of one study.\r\n");
        Files.write(drop.resolve("logo.png"), concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13,
                'I', 'H', 'D', 'R'}, garbage));
        Files.write(drop.resolve("photo.jpg"), concat(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16,
                'J', 'F', 'I', 'F'}, garbage));
        Files.write(drop.resolve("report.pdf"), concat("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), garbage));
        Files.write(drop.resolve("zeros.bin"), new byte[4096]);
        Files.write(drop.resolve("tiny"), new byte[] {0x08, 0x00, 0x05});
        // (0008,0005) CS "ISO_IR 100", then random bytes
        Files.write(drop.resolve("IM0002"), concat(new byte[] {0x08, 0, 0x05, 0, 'C', 'S', 10, 0, 'I', 'S', 'O', '_', 'I', 'R',
                ' ', '1', '0', '0'}, garbage));

        ScanResult result = new DicomScanner().scan(List.of(drop), n -> { });

        assertThat(result.files()).isEmpty();
        assertThat(result.skipped()).hasSize(7).extracting(ScanResult.Skipped::reason).containsOnly("not a DICOM file");
    }

    @Test
    void aBareDataSetWithoutSopInstanceUidIsSkipped() throws Exception {
        Path copy = Files.copy(fixture(ORIGINAL), drop.resolve("copy.dcm"));
        dcmtk("dcmodify", "-q", "-nb", "-e", "(0008,0018)", copy);
        Path bare = Files.createDirectories(drop.resolve("cd")).resolve("IM0001");
        dcmtk("dcmconv", "-q", "-F", copy, bare);
        assertThat(values(dcmtk("dcmdump", "-q", "-Un", "+P", "0008,0016", "+P", "0008,0018", bare)))
                .as("dcmtk reads it, without SOP Instance UID").containsOnlyKeys("0008,0016");

        ScanResult result = new DicomScanner().scan(List.of(drop.resolve("cd")), n -> { });

        assertThat(result.files()).isEmpty();
        assertThat(result.skipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.displayPath()).isEqualTo(bare.toString());
            assertThat(skipped.reason()).isEqualTo("not a DICOM file");
        });
        assertThat(catchThrowableOfType(DicomFormatException.class, () -> DicomHeaderReader.read(bare)).getMessage())
                .isEqualTo("not a DICOM file: no DICM marker at byte 128, and what starts like a data set has no valid"
                        + " SOP Instance UID (0008,0018)");
    }

    @Test
    void aBareDataSetWithCompressedPixelDataIsSkipped() throws Exception {
        Path bare = drop.resolve("IM0003");
        dcmtk("dcmconv", "-q", "-F", fixture("sc-jpeg-baseline.dcm"), bare); // keeps the JPEG, loses the transfer syntax

        ScanResult result = new DicomScanner().scan(List.of(bare), n -> { });

        assertThat(result.files()).isEmpty();
        assertThat(result.skipped()).singleElement().extracting(ScanResult.Skipped::reason).isEqualTo("a DICOM file that cannot"
                + " be read (unsupported transfer syntax: a bare data set with compressed (encapsulated) pixel data, and no file"
                + " meta information to tell the compression)");
    }

    private Path fixture(String name) throws IOException {
        try (InputStream in = BareDataSetTest.class.getResourceAsStream("/dicom/" + name)) {
            Path copy = drop.resolve("fixture-" + name);
            Files.copy(in, copy);
            return copy;
        }
    }

    /** Runs a dcmtk tool, which must succeed without a word on stderr; returns its standard output. */
    private static String dcmtk(Object... command) throws IOException, InterruptedException {
        List<String> words = Arrays.stream(command).map(String::valueOf).toList();
        Process process;
        try {
            process = new ProcessBuilder(words).start();
        } catch (IOException e) {
            throw new IllegalStateException(words.get(0) + " is missing: install Debian's dcmtk (apt-get install dcmtk), as .ci/run does", e);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(process.waitFor()).as(String.join(" ", words) + ": " + err).isZero();
        assertThat(err).as(String.join(" ", words)).isEmpty();
        return out;
    }

    /** The values of a dcmdump's top-level lines, by tag ("0002,0010"), in order. */
    private static Map<String, String> values(String dump) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : dump.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                values.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
            }
        }
        return values;
    }

    /** The lines of a dcmdump after "# Dicom-Data-Set": the data set, with the transfer syntax dcmtk read it in. */
    private static List<String> dataSet(String dump) {
        List<String> lines = List.of(dump.split("\n"));
        return lines.subList(lines.indexOf("# Dicom-Data-Set"), lines.size());
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
