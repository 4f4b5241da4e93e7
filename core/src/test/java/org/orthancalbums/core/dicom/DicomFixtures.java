package org.orthancalbums.core.dicom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.orthancalbums.core.dicom.DicomFormatException.Reason;

/**
 * The fixtures of src/test/resources/dicom (made by make-fixtures.sh with dcmtk and pydicom) and what dcmdump says
 * about them.
 */
final class DicomFixtures {
    static final String SUFFIX = ".dcmdump.txt";

    /** A dcmdump line: "(0010,0010) PN [Müller^Jürgen]   #  20, 1 PatientName"; nested ones have a path prefix. */
    private static final Pattern LINE = Pattern.compile(
            "^\\(([0-9a-f]{4},[0-9a-f]{4})\\) (\\S\\S) (.*?) +# *(\\d+|u/l), \\d+ \\S+$");

    private DicomFixtures() {
    }

    static Path directory() {
        try {
            return Path.of(DicomFixtures.class.getResource("/dicom/expected-failures.txt").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path file(String name) {
        return directory().resolve(name);
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixtures the reader must read: every NAME.dcm that has a NAME.dcmdump.txt. */
    static Stream<String> readable() throws IOException {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(SUFFIX))
                    .map(name -> name.substring(0, name.length() - SUFFIX.length()) + ".dcm")
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    record Failure(String file, Reason reason) {
        @Override
        public String toString() {
            return file + " -> " + reason;
        }
    }

    /** expected-failures.txt: "FILE REASON" lines. */
    static List<Failure> failures() throws IOException {
        List<Failure> failures = new ArrayList<>();
        for (String line : Files.readAllLines(file("expected-failures.txt"), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                String[] parts = line.trim().split(" +");
                failures.add(new Failure(parts[0], Reason.valueOf(parts[1])));
            }
        }
        return failures;
    }

    /** The top-level attributes dcmdump printed for a fixture ("gggg,eeee" to value; null for an empty value). */
    record Dump(Map<String, String> values, boolean hasPixelData, OptionalLong pixelDataLength) {
        String value(String tag) {
            return values.get(tag);
        }

        Integer integer(String tag) {
            String value = values.get(tag);
            if (value == null || !value.trim().matches("[+-]?\\d{1,10}")) {
                return null;
            }
            try {
                return Integer.valueOf(value.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }

        /** What the reader must return, headerBytes aside; SOP class/instance fall back to the meta information. */
        DicomHeader expectedHeader() {
            return new DicomHeader(true, value("0002,0010"),
                    value("0008,0016") != null ? value("0008,0016") : value("0002,0002"),
                    value("0008,0018") != null ? value("0008,0018") : value("0002,0003"),
                    value("0020,000d"), value("0020,000e"), value("0010,0020"), value("0010,0010"),
                    value("0008,0020"), value("0008,1030"), value("0008,103e"), value("0008,0060"),
                    integer("0020,0011"), integer("0020,0013"), value("0008,0005"), 0);
        }
    }

    static Dump dump(String fixture) throws IOException {
        Path path = file(fixture.substring(0, fixture.length() - ".dcm".length()) + SUFFIX);
        Map<String, String> values = new LinkedHashMap<>();
        boolean pixelData = false;
        OptionalLong pixelDataLength = OptionalLong.empty();
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            Matcher m = LINE.matcher(line);
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            if (!m.matches()) {
                if (line.startsWith("(") && line.charAt(11) == '.') {
                    continue; // an attribute nested in a sequence: "(0008,1115).(0020,000e) UI [...]"
                }
                throw new IllegalStateException("unexpected line in " + path + ": " + line);
            }
            String tag = m.group(1);
            String value = m.group(3);
            if (tag.equals("7fe0,0010")) {
                pixelData = true;
                pixelDataLength = m.group(4).equals("u/l") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(m.group(4).trim()));
            } else if (value.equals("(no value available)")) {
                values.put(tag, null);
            } else if (value.startsWith("[") && value.endsWith("]")) {
                values.put(tag, value.substring(1, value.length() - 1));
            } else {
                throw new IllegalStateException("unexpected value in " + path + ": " + line);
            }
        }
        return new Dump(values, pixelData, pixelDataLength);
    }
}
