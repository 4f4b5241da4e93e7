package org.orthancalbums.core.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.orthancalbums.core.dicom.DicomFixtures.Dump;
import org.orthancalbums.core.dicom.DicomFixtures.Failure;

/**
 * The reader against files made by dcmtk and shipped by pydicom, field by field against dcmdump (see
 * src/test/resources/dicom/make-fixtures.sh). Every file is read from a path and from three kinds of streams.
 */
class DicomHeaderReaderFixturesTest {

    static Stream<String> readable() throws IOException {
        return DicomFixtures.readable();
    }

    static Stream<Failure> failures() throws IOException {
        return DicomFixtures.failures().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readable")
    void readsWhatDcmdumpSees(String fixture) throws IOException {
        Dump dump = DicomFixtures.dump(fixture);
        DicomHeader header = DicomHeaderReader.read(DicomFixtures.file(fixture));

        assertThat(header).usingRecursiveComparison().ignoringFields("headerBytes").isEqualTo(dump.expectedHeader());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readable")
    void streamsGiveTheSameHeaderAsFiles(String fixture) throws IOException {
        Path path = DicomFixtures.file(fixture);
        DicomHeader fromPath = DicomHeaderReader.read(path);
        byte[] bytes = Files.readAllBytes(path);
        boolean deflated = DicomHeaderReader.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.equals(fromPath.transferSyntaxUid());
        List<DicomHeader> fromStreams = new ArrayList<>();
        fromStreams.add(DicomHeaderReader.read(new ByteArrayInputStream(bytes)));
        fromStreams.add(DicomHeaderReader.read(new Dribble(new ByteArrayInputStream(bytes))));
        try (InputStream in = new FileInputStream(path.toFile())) {
            fromStreams.add(DicomHeaderReader.read(in));
        }
        for (DicomHeader fromStream : fromStreams) {
            if (deflated) { // headerBytes counts compressed bytes, which depends on how the stream hands them out
                assertThat(fromStream).usingRecursiveComparison().ignoringFields("headerBytes").isEqualTo(fromPath);
            } else {
                assertThat(fromStream).isEqualTo(fromPath);
            }
        }
    }

    /**
     * headerBytes: the reader stops right before the top-level Pixel Data (or a later tag such as trailing padding),
     * and reads to the end of files without either.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("readable")
    void stopsBeforePixelData(String fixture) throws IOException {
        Dump dump = DicomFixtures.dump(fixture);
        byte[] bytes = DicomFixtures.bytes(fixture);
        DicomHeader header = DicomHeaderReader.read(DicomFixtures.file(fixture));
        String transferSyntax = header.transferSyntaxUid();

        assertThat(header.headerBytes()).isGreaterThan(132).isLessThanOrEqualTo(bytes.length);
        if (DicomHeaderReader.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.equals(transferSyntax)) {
            if (dump.hasPixelData()) {
                assertThat(header.headerBytes()).isLessThan(bytes.length);
            }
            return;
        }
        ByteOrder order = DicomHeaderReader.EXPLICIT_VR_BIG_ENDIAN.equals(transferSyntax)
                ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        if (dump.hasPixelData()) {
            assertThat(header.headerBytes()).isLessThan(bytes.length);
            assertThat(tagAt(bytes, header.headerBytes(), order)).as("tag at headerBytes").isEqualTo(0x7FE00010);
        } else if (header.headerBytes() < bytes.length) {
            assertThat(Integer.compareUnsigned(tagAt(bytes, header.headerBytes(), order), 0x7FE00010))
                    .as("a file without pixel data is read to its end or to a tag after (7FE0,0010)")
                    .isPositive();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void rejectsWithTheRightReason(Failure failure) throws IOException {
        Path path = DicomFixtures.file(failure.file());
        byte[] bytes = Files.readAllBytes(path);
        List<DicomFormatException> errors = new ArrayList<>();
        errors.add(catchThrowableOfType(DicomFormatException.class, () -> DicomHeaderReader.read(path)));
        errors.add(catchThrowableOfType(DicomFormatException.class,
                () -> DicomHeaderReader.read(new ByteArrayInputStream(bytes))));
        errors.add(catchThrowableOfType(DicomFormatException.class,
                () -> DicomHeaderReader.read(new Dribble(new ByteArrayInputStream(bytes)))));
        errors.add(catchThrowableOfType(DicomFormatException.class, () -> {
            try (InputStream in = new FileInputStream(path.toFile())) {
                DicomHeaderReader.read(in);
            }
        }));
        for (DicomFormatException error : errors) {
            assertThat(error).as(failure.file()).isNotNull();
            assertThat(error.reason()).as(error.getMessage()).isEqualTo(failure.reason());
            assertThat(error.getMessage()).startsWith(switch (failure.reason()) {
                case NOT_DICOM -> "not a DICOM file: no DICM marker at byte 128";
                case DICOMDIR -> "DICOMDIR";
                case TRUNCATED -> "truncated DICOM file: ";
                case UNSUPPORTED -> "unsupported transfer syntax ";
                case MALFORMED -> "malformed DICOM file: ";
            });
        }
    }

    @Test
    void everyFixtureIsChecked() throws IOException {
        Set<String> checked = new HashSet<>(DicomFixtures.readable().toList());
        DicomFixtures.failures().forEach(failure -> checked.add(failure.file()));
        for (String name : checked) {
            assertThat(DicomFixtures.file(name)).as(name).exists();
        }
        try (Stream<Path> files = Files.list(DicomFixtures.directory())) {
            assertThat(files.map(path -> path.getFileName().toString())
                    .filter(name -> !name.endsWith(DicomFixtures.SUFFIX))
                    .filter(name -> !Set.of("make-fixtures.sh", "expected-failures.txt", ".gitattributes").contains(name)))
                    .as("fixtures without expectations").allMatch(checked::contains);
        }
        assertThat(DicomFixtures.readable().count()).isGreaterThanOrEqualTo(20);
        assertThat(DicomFixtures.failures()).hasSizeGreaterThanOrEqualTo(15);
    }

    private static int tagAt(byte[] bytes, long offset, ByteOrder order) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, (int) offset, 4).order(order);
        return (buffer.getShort() & 0xFFFF) << 16 | (buffer.getShort() & 0xFFFF);
    }

    /** A stream that hands out 1 to 7 bytes per read and cannot skip: every buffer boundary gets exercised. */
    static final class Dribble extends FilterInputStream {
        private int next;

        Dribble(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            next = next % 7 + 1;
            return super.read(b, off, Math.min(len, next));
        }

        @Override
        public long skip(long n) {
            return 0;
        }
    }
}
