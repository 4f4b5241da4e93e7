package org.orthancalbums.core.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Our header reader against DCMTK, the parser Orthanc stores with. Real files (dcmtk's and pydicom's fixtures, and
 * our writer's) are mutated thousands of times: elements repeated with another value, swapped, moved behind the
 * pixel data, wrapped into sequences; lengths, VRs and bytes changed; files truncated and padded. For every mutant
 * that dcmdump reads with a StudyInstanceUID (one Orthanc could store), our reader must refuse it or yield exactly
 * the StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID and PatientID that dcmdump reports.
 *
 * <p>A fixed seed and 2,000 mutants here; {@code ./albums bench fuzz} runs many more with a random seed
 * ({@code -Dfuzz.mutants}, {@code -Dfuzz.seed}). A disagreement fails the test and keeps the mutant in
 * {@code target/fuzz-disagreements/}.
 */
class DifferentialFuzzTest {
    private static final int STUDY = 0x0020000D;
    private static final int SERIES = 0x0020000E;
    private static final int SOP = 0x00080018;
    private static final int PATIENT_ID = 0x00100020;
    private static final int PIXEL_DATA = 0x7FE00010;
    private static final int[] IDENTITY = {STUDY, SERIES, SOP, PATIENT_ID};
    private static final int BATCH = 250;
    /** A top-level dcmdump line of one of the searched tags: "(0020,000d) UI [1.2.3]   #   6, 1 StudyInstanceUID". */
    private static final Pattern LINE = Pattern.compile("^\\(([0-9a-f]{4}),([0-9a-f]{4})\\) \\S\\S (\\[(.*)\\]|\\(no value available\\)) +#.*$", Pattern.DOTALL);

    /** One mutant and how it was made, for the report. */
    private record Mutant(String how, byte[] bytes) {
    }

    /** A top-level element of an explicit or implicit VR little endian data set. */
    private record Element(int tag, int start, int valueStart, int end) {
    }

    @Test
    void ourReaderRefusesOrAgreesWithDcmtkOnEveryMutant() throws Exception {
        int count = Integer.getInteger("fuzz.mutants", 2000);
        String seedProperty = System.getProperty("fuzz.seed", "20261130");
        long seed = seedProperty.equals("random") ? System.nanoTime() : Long.parseLong(seedProperty);
        List<byte[]> seeds = seeds();
        Random random = new Random(seed);
        Path dir = Files.createTempDirectory("fuzz");
        int tried = 0;
        int agreed = 0;
        int refused = 0;
        int unreadableForDcmtk = 0;
        try {
            for (int done = 0; done < count; done += BATCH) {
                List<Mutant> batch = new ArrayList<>();
                List<Path> files = new ArrayList<>();
                for (int i = 0; i < Math.min(BATCH, count - done); i++) {
                    Mutant mutant = mutate(seeds.get(random.nextInt(seeds.size())), random);
                    Path file = dir.resolve("m" + i + ".dcm");
                    Files.write(file, mutant.bytes());
                    batch.add(mutant);
                    files.add(file);
                }
                List<Map<Integer, String>> dcmtk = dcmdump(files);
                for (int i = 0; i < batch.size(); i++) {
                    tried++;
                    Map<Integer, String> theirs = dcmtk.get(i);
                    DicomHeader ours;
                    try {
                        ours = DicomHeaderReader.readWholeFile(files.get(i));
                    } catch (DicomFormatException e) {
                        refused++;
                        continue;
                    }
                    if (theirs.get(STUDY) == null) {
                        unreadableForDcmtk++; // Orthanc would store nothing: no StudyInstanceUID for DCMTK
                        continue;
                    }
                    Map<Integer, String> mine = identity(ours);
                    // dcmdump prints the bytes of the file; ours are decoded with the file's character set: decode theirs alike
                    Charset charset = DicomHeaderReader.charsetFor(ours.specificCharacterSet());
                    theirs.computeIfPresent(PATIENT_ID, (tag, v) -> new String(v.getBytes(StandardCharsets.ISO_8859_1), charset));
                    if (!mine.equals(theirs)) {
                        Path kept = Path.of("target", "fuzz-disagreements");
                        Files.createDirectories(kept);
                        Path copy = kept.resolve("seed" + seed + "-" + (done + i) + ".dcm");
                        Files.write(copy, batch.get(i).bytes());
                        throw new AssertionError("our reader and dcmtk disagree on a mutant (" + batch.get(i).how() + ", kept as " + copy
                                + "): ours " + mine + ", dcmtk " + theirs + " after " + (done + i) + " mutants");
                    }
                    agreed++;
                }
            }
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.delete(dir);
            System.out.printf("differential fuzz (seed %d): %d mutants tried, %d agreed with dcmtk, %d refused by our reader,"
                    + " %d accepted by ours but without a StudyInstanceUID for dcmtk%n", seed, tried, agreed, refused, unreadableForDcmtk);
        }
        assertThat(agreed).as("mutants our reader accepted and dcmtk read alike").isPositive();
        assertThat(refused).as("mutants our reader refused").isPositive();
    }

    private static Map<Integer, String> identity(DicomHeader header) {
        Map<Integer, String> values = new HashMap<>();
        values.put(STUDY, header.studyInstanceUid());
        values.put(SERIES, header.seriesInstanceUid());
        values.put(SOP, header.sopInstanceUid());
        values.put(PATIENT_ID, header.patientId());
        return values;
    }

    /** The four top-level values dcmdump reports for each file (null where it prints none, or cannot read the file). */
    private static List<Map<Integer, String>> dcmdump(List<Path> files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("dcmdump", "-q", "+F", "+p"));
        for (int tag : IDENTITY) {
            command.add("+P");
            command.add(String.format("%04x,%04x", tag >>> 16, tag & 0xFFFF));
        }
        files.forEach(f -> command.add(f.toString()));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException("dcmdump is missing: install Debian's dcmtk (apt-get install dcmtk), as .ci/run does", e);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        process.waitFor(60, TimeUnit.SECONDS);
        List<Map<Integer, String>> results = new ArrayList<>();
        Map<Integer, String> current = null;
        for (String line : out.split("\n")) {
            if (line.startsWith("# dcmdump (")) {
                current = new HashMap<>();
                for (int tag : IDENTITY) {
                    current.put(tag, null);
                }
                results.add(current);
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (current != null && m.matches()) {
                int tag = Integer.parseInt(m.group(1), 16) << 16 | Integer.parseInt(m.group(2), 16);
                String value = m.group(4) == null ? null : stripPadding(m.group(4));
                current.putIfAbsent(tag, null);
                if (current.get(tag) == null) {
                    current.put(tag, value);
                }
            }
        }
        if (results.size() != files.size()) {
            throw new IllegalStateException("dcmdump reported " + results.size() + " files of " + files.size());
        }
        return results;
    }

    private static String stripPadding(String value) {
        int end = value.length();
        while (end > 0 && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == 0)) {
            end--;
        }
        return end == 0 ? null : value.substring(0, end);
    }

    /** The fixtures our reader reads, and files of our own writer. */
    private static List<byte[]> seeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.list(DicomFixtures.directory())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".dcm")).sorted().toList()) {
                try {
                    DicomHeaderReader.read(file);
                    seeds.add(Files.readAllBytes(file));
                } catch (DicomFormatException e) {
                    // the broken fixtures are tested on their own
                }
            }
        }
        for (int i = 0; i < 4; i++) {
            seeds.add(DicomFileWriter.write(new DicomFileWriter.Instance("PID-" + i, "Fuzz^Seed", Uids.random(), Uids.random(),
                    Uids.random(), "20240101", "fuzz", "CT", 1, i, 4, 4)));
        }
        return seeds;
    }

    private static Mutant mutate(byte[] seed, Random random) {
        List<Element> elements = topLevelElements(seed);
        int kind = random.nextInt(elements.size() > 3 ? 10 : 3);
        switch (kind) {
            case 0 -> {
                int at = 132 + random.nextInt(seed.length - 132);
                return new Mutant("truncated at byte " + at, Arrays.copyOf(seed, at));
            }
            case 1 -> {
                byte[] copy = seed.clone();
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    copy[132 + random.nextInt(copy.length - 132)] = (byte) random.nextInt(256);
                }
                return new Mutant(flips + " random bytes", copy);
            }
            case 2 -> {
                byte[] pad = new byte[1 + random.nextInt(64)];
                if (random.nextBoolean()) {
                    random.nextBytes(pad);
                }
                return new Mutant("padded with " + pad.length + " bytes", concat(seed, pad));
            }
            default -> {
                return structural(seed, elements, kind, random);
            }
        }
    }

    private static Mutant structural(byte[] seed, List<Element> elements, int kind, Random random) {
        Element identity = pickIdentity(elements, random);
        Element any = elements.get(random.nextInt(elements.size()));
        switch (kind) {
            case 3 -> { // the same element again with another value, before or after the original
                byte[] twin = withValue(seed, identity, Uids.random());
                int at = random.nextBoolean() ? identity.start() : identity.end();
                return new Mutant("repeated " + tag(identity.tag()) + (at == identity.start() ? " before" : " after"),
                        insert(seed, at, twin));
            }
            case 4 -> { // two neighbours swapped
                int i = random.nextInt(elements.size() - 1);
                Element a = elements.get(i);
                Element b = elements.get(i + 1);
                byte[] out = concat(Arrays.copyOfRange(seed, 0, a.start()), Arrays.copyOfRange(seed, b.start(), b.end()),
                        Arrays.copyOfRange(seed, a.start(), a.end()), Arrays.copyOfRange(seed, b.end(), seed.length));
                return new Mutant("swapped " + tag(a.tag()) + " and " + tag(b.tag()), out);
            }
            case 5 -> { // an identifying element moved to the end of the file, behind the pixel data
                byte[] without = concat(Arrays.copyOfRange(seed, 0, identity.start()), Arrays.copyOfRange(seed, identity.end(), seed.length));
                byte[] moved = random.nextBoolean() ? Arrays.copyOfRange(seed, identity.start(), identity.end()) : withValue(seed, identity, Uids.random());
                return new Mutant("moved " + tag(identity.tag()) + " to the end", concat(random.nextBoolean() ? without : seed, moved));
            }
            case 6 -> { // a length field changed
                byte[] copy = seed.clone();
                int lengthAt = any.valueStart() - (isShortExplicit(seed, any) ? 2 : 4);
                int delta = random.nextBoolean() ? random.nextInt(9) - 4 : random.nextInt(1 << 16);
                copy[lengthAt] = (byte) (copy[lengthAt] + delta);
                return new Mutant("length of " + tag(any.tag()) + " changed by " + delta, copy);
            }
            case 7 -> { // the VR bytes of an element changed
                byte[] copy = seed.clone();
                if (!isExplicit(seed, any)) {
                    return new Mutant("implicit VR, byte flipped in the tag of " + tag(any.tag()), flip(copy, any.start() + 2, random));
                }
                String[] vrs = {"UI", "LO", "SH", "UN", "OB", "SQ", "UT", "XX", "ui"};
                String vr = vrs[random.nextInt(vrs.length)];
                copy[any.start() + 4] = (byte) vr.charAt(0);
                copy[any.start() + 5] = (byte) vr.charAt(1);
                return new Mutant("VR of " + tag(any.tag()) + " set to " + vr, copy);
            }
            case 8 -> { // a private sequence of undefined length, before the pixel data, holding another identifying element
                byte[] nested = withValue(seed, identity, Uids.random());
                byte[] sequence = concat(sequenceHead(seed, identity), item(nested), new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xDD, (byte) 0xE0, 0, 0, 0, 0});
                int at = elements.get(elements.size() - 1).end();
                return new Mutant("a sequence holding another " + tag(identity.tag()), insert(seed, at, sequence));
            }
            default -> { // a value with a NUL, a backslash or spaces where a reader may cut or keep them
                String[] tricks = {"\0.9", "\\1.2.3", " ", "  ", "\0"};
                String trick = tricks[random.nextInt(tricks.length)];
                String value = valueOf(seed, identity);
                String changed = random.nextBoolean() ? value + trick : trick + value;
                return new Mutant(tag(identity.tag()) + " value with " + trick.replace("\0", "NUL"),
                        concat(Arrays.copyOfRange(seed, 0, identity.start()), withValue(seed, identity, changed),
                                Arrays.copyOfRange(seed, identity.end(), seed.length)));
            }
        }
    }

    private static Element pickIdentity(List<Element> elements, Random random) {
        List<Element> ids = elements.stream().filter(e -> Arrays.stream(IDENTITY).anyMatch(t -> t == e.tag())).toList();
        return ids.isEmpty() ? elements.get(random.nextInt(elements.size())) : ids.get(random.nextInt(ids.size()));
    }

    /** The top-level elements before the pixel data of a little endian (explicit or implicit) Part-10 file; empty otherwise. */
    private static List<Element> topLevelElements(byte[] file) {
        List<Element> elements = new ArrayList<>();
        int p = 132;
        String transferSyntax = null;
        try {
            while (p + 8 <= file.length) {
                int tag = u16(file, p) << 16 | u16(file, p + 2);
                if (tag == PIXEL_DATA || (tag >>> 16) > 0x7FE0) {
                    break;
                }
                boolean explicit = (tag >>> 16) == 0x0002 || !"1.2.840.10008.1.2".equals(transferSyntax);
                int valueStart;
                long length;
                if (explicit) {
                    String vr = new String(file, p + 4, 2, StandardCharsets.ISO_8859_1);
                    if (List.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV").contains(vr)) {
                        length = u32(file, p + 8);
                        valueStart = p + 12;
                    } else {
                        length = u16(file, p + 6);
                        valueStart = p + 8;
                    }
                } else {
                    length = u32(file, p + 4);
                    valueStart = p + 8;
                }
                if (length == 0xFFFFFFFFL || valueStart + length > file.length) {
                    break; // undefined lengths are walked by the reader tests, not here
                }
                int end = (int) (valueStart + length);
                if (tag == 0x00020010) {
                    transferSyntax = stripPadding(new String(file, valueStart, (int) length, StandardCharsets.ISO_8859_1));
                    if (!transferSyntax.equals("1.2.840.10008.1.2") && !transferSyntax.startsWith("1.2.840.10008.1.2.1")
                            && !transferSyntax.startsWith("1.2.840.10008.1.2.4") && !transferSyntax.equals("1.2.840.10008.1.2.5")) {
                        return List.of(); // big endian, deflated: byte-level mutations only
                    }
                    if (transferSyntax.equals("1.2.840.10008.1.2.1.99")) {
                        return List.of();
                    }
                }
                if ((tag >>> 16) != 0x0002) {
                    elements.add(new Element(tag, p, valueStart, end));
                }
                p = end;
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            return List.of();
        }
        return elements;
    }

    private static boolean isExplicit(byte[] file, Element e) {
        return e.valueStart() - e.start() == 12 || (e.valueStart() - e.start() == 8 && Character.isUpperCase(file[e.start() + 4]));
    }

    private static boolean isShortExplicit(byte[] file, Element e) {
        return e.valueStart() - e.start() == 8 && isExplicit(file, e);
    }

    private static String valueOf(byte[] file, Element e) {
        return stripPadding(new String(file, e.valueStart(), e.end() - e.valueStart(), StandardCharsets.ISO_8859_1)) + "";
    }

    /** The element with another value, in the same encoding (explicit UI/LO with a 2-byte length, or implicit). */
    private static byte[] withValue(byte[] file, Element e, String value) {
        byte[] v = value.getBytes(StandardCharsets.ISO_8859_1);
        if (v.length % 2 != 0) {
            v = concat(v, new byte[] {e.tag() == PATIENT_ID ? (byte) ' ' : 0});
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (isShortExplicit(file, e)) {
            out.write(file, e.start(), 6);
            out.writeBytes(new byte[] {(byte) v.length, (byte) (v.length >> 8)});
        } else if (isExplicit(file, e)) {
            out.write(file, e.start(), 8);
            out.writeBytes(le32(v.length));
        } else {
            out.write(file, e.start(), 4);
            out.writeBytes(le32(v.length));
        }
        out.writeBytes(v);
        return out.toByteArray();
    }

    /** A sequence element of undefined length, tagged (7FDF,1010): private, and after every standard element but the pixel data. */
    private static byte[] sequenceHead(byte[] file, Element e) {
        byte[] tag = {(byte) 0xDF, 0x7F, 0x10, 0x10};
        return isExplicit(file, e) ? concat(tag, new byte[] {'S', 'Q', 0, 0}, le32(-1)) : concat(tag, le32(-1));
    }

    private static byte[] item(byte[] content) {
        return concat(new byte[] {(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0}, le32(content.length), content);
    }

    private static byte[] flip(byte[] copy, int at, Random random) {
        copy[at] = (byte) random.nextInt(256);
        return copy;
    }

    private static byte[] insert(byte[] file, int at, byte[] extra) {
        return concat(Arrays.copyOfRange(file, 0, at), extra, Arrays.copyOfRange(file, at, file.length));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] le32(int value) {
        return new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24)};
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int p) {
        return ((b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24);
    }

    private static String tag(int tag) {
        return DicomHeaderReader.tagString(tag);
    }
}
