package org.orthancalbums.core.stow;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orthancalbums.core.stow.MultipartException.Reason;
import org.orthancalbums.core.stow.MultipartRelatedReader.Part;
import org.orthancalbums.core.stow.MultipartRelatedWriter.PartSource;

class MultipartRelatedReaderTest {
    private static final String B = "abc";

    /** What the reader gave for one part. */
    record Read(Map<String, String> headers, String body) {
    }

    // ---- the grammar -----------------------------------------------------------------------------------------------

    @Test
    void readsPartsWithTheirHeadersAndBodies() throws IOException {
        List<Read> parts = readAll("--abc\r\nContent-Type: application/dicom\r\n\r\nhello\r\n"
                + "--abc\r\ncontent-type: text/plain\r\nX-Extra:  spaced  \r\n\r\nworld\r\n--abc--\r\n", B);
        assertThat(parts).containsExactly(
                new Read(Map.of("content-type", "application/dicom"), "hello"),
                new Read(Map.of("content-type", "text/plain", "x-extra", "spaced"), "world"));
    }

    @Test
    void skipsPreambleAndEpilogueAndTransportPadding() throws IOException {
        List<Read> parts = readAll("This is a preamble.\r\n--abc is not a delimiter\r\n"
                + "--abc \t \r\nContent-Type: a/b\r\n\r\none\r\n"
                + "--abc\t\r\nContent-Type: a/b\r\n\r\ntwo\r\n"
                + "--abc--  \r\nThis is the epilogue.\r\n--abc\r\nContent-Type: a/b\r\n\r\nnot a part", B);
        assertThat(parts).extracting(Read::body).containsExactly("one", "two");
    }

    @Test
    void acceptsBareLineFeedsInHeadersAndDelimiterLines() throws IOException {
        List<Read> parts = readAll("--abc\nContent-Type: a/b\nX-Other: y\n\nbody one\r\n"
                + "--abc\r\nContent-Type: a/b\r\n\nbody\ntwo\n\r\n--abc--", B);
        assertThat(parts).containsExactly(new Read(Map.of("content-type", "a/b", "x-other", "y"), "body one"),
                new Read(Map.of("content-type", "a/b"), "body\ntwo\n"));
    }

    @Test
    void readsPartsWithoutHeadersAndEmptyBodies() throws IOException {
        List<Read> parts = readAll("--abc\r\n\r\nno headers\r\n--abc\r\nContent-Type: a/b\r\n\r\n\r\n"
                + "--abc\r\n\r\n\r\n--abc--", B);
        assertThat(parts).containsExactly(new Read(Map.of(), "no headers"), new Read(Map.of("content-type", "a/b"), ""),
                new Read(Map.of(), ""));
    }

    @Test
    void aCloseDelimiterFirstMeansNoParts() throws IOException {
        assertThat(readAll("--abc--\r\n", B)).isEmpty();
    }

    @Test
    void unfoldsAndJoinsHeaders() throws IOException {
        List<Read> parts = readAll("--abc\r\nContent-Type: multipart/related;\r\n  boundary=x\r\nX-A: 1\r\nx-a: 2\r\n"
                + "\r\nbody\r\n--abc--", B);
        assertThat(parts.get(0).headers()).containsExactly(Map.entry("content-type", "multipart/related; boundary=x"),
                Map.entry("x-a", "1, 2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\r", "\n", "\r\n", "--", "--abc", "\n--abc\r\n", "\r--abc\r\n", "x--abc--\r\n", "\r\n--ab\r\n", "\r\n--abcd\r\n",
        "\r\n--abc-x", "\r\n--abcX\r\n", "\r\n--abc \tx\r\n", "\r\n--abc\rx", "ends with CR\r", "ends with CRLF\r\n",
        "ends with a partial delimiter\r\n--ab", "\r\r\n\r\n-\r\n--\r\n--a\r\n--ab\r\n--ab\r\n-", "--abc\r\nX: y\r\n\r\n",
    })
    void neverCutsABodyOnBytesThatOnlyLookLikeADelimiter(String body) throws IOException {
        String text = "--abc\r\nContent-Type: application/octet-stream\r\n\r\n" + body + "\r\n--abc--\r\n";
        assertThat(readAll(text, B)).extracting(Read::body).containsExactly(body);
        assertThat(readAll(new OneByteAtATime(text.getBytes(ISO_8859_1)), B)).extracting(Read::body)
                .containsExactly(body);
    }

    @Test
    void aPartBodyStreamsAndSkipsAndReportsWhatIsBuffered() throws IOException {
        MultipartRelatedReader reader = reader("--abc\r\n\r\n0123456789\r\n--abc\r\n\r\nsecond\r\n--abc--", B);
        Part first = reader.next().orElseThrow();
        InputStream body = first.body();
        assertThat(body.read()).isEqualTo('0');
        assertThat(body.skip(3)).isEqualTo(3);
        assertThat(body.available()).isEqualTo(6);
        byte[] chunk = new byte[4];
        assertThat(body.read(chunk, 0, 0)).isZero();
        assertThat(body.read(chunk)).isEqualTo(4);
        assertThat(new String(chunk, ISO_8859_1)).isEqualTo("4567");
        assertThat(body.readAllBytes()).isEqualTo("89".getBytes(ISO_8859_1));
        assertThat(body.read()).isEqualTo(-1);
        assertThat(body.skip(5)).isZero();
        body.close(); // harmless

        Part second = reader.next().orElseThrow();
        assertThat(first.body().read()).isEqualTo(-1); // fully read before: stays at its end
        assertThat(second.index()).isEqualTo(1);
        assertThat(reader.next()).isEmpty();
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void nextSkipsWhatIsLeftOfAPartAndItsBodyCannotBeReadAnyMore() throws IOException {
        MultipartRelatedReader reader = reader("--abc\r\n\r\n" + "x".repeat(200_000) + "\r\n--abc\r\n\r\nsecond\r\n--abc--", B);
        Part first = reader.next().orElseThrow();
        assertThat(first.body().read()).isEqualTo('x');
        Part second = reader.next().orElseThrow();
        assertThatThrownBy(() -> first.body().read()).isInstanceOf(IOException.class)
                .hasMessageContaining("part 0 was skipped");
        assertThat(new String(second.body().readAllBytes(), ISO_8859_1)).isEqualTo("second");
    }

    @Test
    void givesTheContentTypeOfAPart() throws IOException {
        MultipartRelatedReader reader = reader("--abc\r\nContent-Type: application/dicom; transfer-syntax=1.2.840.10008.1.2.1"
                + "\r\n\r\n\r\n--abc\r\n\r\n\r\n--abc\r\nContent-Type: nonsense\r\n\r\n\r\n--abc--", B);
        Part dicom = reader.next().orElseThrow();
        assertThat(dicom.contentType()).get().satisfies(type -> {
            assertThat(type.is(ContentType.APPLICATION_DICOM)).isTrue();
            assertThat(type.parameter("transfer-syntax")).contains("1.2.840.10008.1.2.1");
        });
        assertThat(dicom.header("CONTENT-TYPE")).isPresent();
        assertThat(reader.next().orElseThrow().contentType()).isEmpty();
        Part nonsense = reader.next().orElseThrow();
        assertThatThrownBy(nonsense::contentType).isInstanceOf(IllegalArgumentException.class);
        assertThat(reader.next()).isEmpty(); // a bad part header is the caller's business, not the reader's
    }

    // ---- round trips with the writer -------------------------------------------------------------------------------

    @Test
    void readsWhatTheWriterWritesForManyTrickyBodies() throws IOException {
        Random random = new Random(42);
        for (String boundary : List.of("b", "abc", "----=_Part_1", "a b:c", MultipartRelatedWriter.randomBoundary(),
                "x".repeat(70))) {
            for (int round = 0; round < 40; round++) {
                List<byte[]> bodies = new ArrayList<>();
                int count = 1 + random.nextInt(8);
                while (bodies.size() < count) {
                    byte[] body = trickyBody(random, boundary);
                    if (!looksLikeADelimiter(body, boundary)) {
                        bodies.add(body);
                    }
                }
                assertRoundTrip(boundary, bodies, random);
            }
        }
    }

    @Test
    void readsBodiesOfAllSizesAroundTheBufferSize() throws IOException {
        Random random = new Random(7);
        List<byte[]> bodies = new ArrayList<>();
        int size = MultipartRelatedReader.BUFFER_SIZE;
        for (int length : new int[] {0, 1, 2, size - 80, size - 1, size, size + 1, 2 * size + 13, 300_000}) {
            byte[] body = new byte[length];
            random.nextBytes(body);
            bodies.add(body);
        }
        assertRoundTrip(MultipartRelatedWriter.randomBoundary(), bodies, random);
    }

    @Test
    void streamsTwoHundredMegabytesThroughItsOneBuffer() throws IOException {
        long length = 70L * 1024 * 1024; // 3 parts
        GeneratedBody source = new GeneratedBody(B, length, 3);
        MultipartRelatedReader reader = new MultipartRelatedReader(source, B);
        long total = 0;
        int parts = 0;
        CRC32 crc = new CRC32();
        byte[] chunk = new byte[100_000]; // more than the reader's buffer: it hands out at most what it holds
        for (Optional<Part> part = reader.next(); part.isPresent(); part = reader.next(), parts++) {
            InputStream body = part.get().body();
            for (int n = body.read(chunk); n >= 0; n = body.read(chunk)) {
                assertThat(n).isBetween(1, MultipartRelatedReader.BUFFER_SIZE);
                crc.update(chunk, 0, n);
                total += n;
            }
        }
        assertThat(parts).isEqualTo(3);
        assertThat(total).isEqualTo(3 * length);
        assertThat(crc.getValue()).isEqualTo(source.bodiesCrc());
        assertThat(source.largestRead).isLessThanOrEqualTo(MultipartRelatedReader.BUFFER_SIZE);
    }

    // ---- bad bodies ------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "--abc\r\nContent-Type: a/b\r\n\r\nbody without close delimiter",
        "--abc\r\nContent-Type: a/b\r\n\r\nbody\r\n",
        "--abc\r\nContent-Type: a/b\r\n\r\nbody\r\n--ab",
        "--abc\r\nContent-Type: a/b\r\n\r\nbody\r\n--abc",
        "--abc\r\nContent-Type: a/b\r\n\r\nbody\r\n--abc-",
        "--abc\r\nContent-Type: a/b\r\n\r\nbody\r\n--abc  ",
        "--abc\r\nContent-Type: a/b\r\n\r\nbody\r\n--abc\r",
        "--abc\r\nContent-Type: a/b\r\n\r\nbody\r\n--abc\r\n",
        "--abc\r\nContent-Type: a/b\r\n\r\nbody\r\n--abc\r\nContent-Ty",
        "--abc\r\nContent-Type: a/b\r\n",
        "--abc\r\nContent-Type: a/b",
        "--abc\r\n",
        "--abc",
    })
    void aBodyCutShortIsTruncated(String text) {
        MultipartException e = failure(text);
        assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
        assertThat(e.offset()).isEqualTo(text.length());
        assertThat(e).hasMessageContaining("without the close delimiter --abc--");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "--abd\r\n\r\nx\r\n--abd--", "preamble --abc\r\n\r\nx\n--abc--",
        "preamble\n--abc\n\nx\n--abc--", "{\"json\": true}"})
    void aBodyWithoutADelimiterIsMalformed(String text) {
        MultipartException e = failure(text);
        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(e).hasMessageContaining("the body does not start with the delimiter --abc");
    }

    @Test
    void stopsLookingForTheFirstDelimiterAfterAPreambleOf64KiB() {
        MultipartException e = catchThrowableOfType(MultipartException.class,
                () -> new MultipartRelatedReader(new Endless('x'), B).next());
        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(e.offset()).isLessThan(2 * MultipartRelatedReader.BUFFER_SIZE);
    }

    @Test
    void refusesPartHeadersAbove16KiB() throws IOException {
        // The block: "X-Big: " (7 bytes), the value, CRLF and the empty line's CRLF.
        String fits = "--abc\r\nX-Big: " + "h".repeat(16 * 1024 - 11) + "\r\n\r\nbody\r\n--abc--";
        assertThat(readAll(fits, B)).extracting(Read::body).containsExactly("body");

        MultipartException tooLarge = failure("--abc\r\nX-Big: " + "h".repeat(16 * 1024 - 10) + "\r\n\r\nbody\r\n--abc--");
        assertThat(tooLarge.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(tooLarge).hasMessageStartingWith("part headers too large");

        MultipartException manyLines = failure("--abc\r\n" + "X-A: b\r\n".repeat(3000) + "\r\nbody\r\n--abc--");
        assertThat(manyLines.reason()).isEqualTo(Reason.TOO_LARGE);

        MultipartException endless = catchThrowableOfType(MultipartException.class, () -> new MultipartRelatedReader(
                new Endless('h', "--abc\r\nX: ".getBytes(ISO_8859_1)), B).next());
        assertThat(endless.reason()).isEqualTo(Reason.TOO_LARGE);

        MultipartException smaller = catchThrowableOfType(MultipartException.class, () -> new MultipartRelatedReader(
                new ByteArrayInputStream("--abc\r\nContent-Type: a/b\r\n\r\n".getBytes(ISO_8859_1)), B, 20).next());
        assertThat(smaller.reason()).isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void refusesEndlessTransportPadding() {
        MultipartException e = catchThrowableOfType(MultipartException.class, () -> new MultipartRelatedReader(
                new Endless(' ', "--abc".getBytes(ISO_8859_1)), B).next());
        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(e).hasMessageContaining("transport padding");
    }

    @ParameterizedTest
    @ValueSource(strings = {"no colon", ": no name", "Bad Name: x", " folded first line"})
    void refusesInvalidHeaderLines(String line) {
        MultipartException e = failure("--abc\r\n" + line + "\r\n\r\nbody\r\n--abc--");
        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(e.offset()).isEqualTo(7);
    }

    @Test
    void aFailureIsFinal() throws IOException {
        MultipartRelatedReader reader = reader("--abc\r\n\r\nfirst\r\n--abc\r\nno colon\r\n\r\n--abc--", B);
        Part first = reader.next().orElseThrow();
        MultipartException e = catchThrowableOfType(MultipartException.class, reader::next);
        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThatThrownBy(reader::next).isSameAs(e);
        assertThatThrownBy(() -> first.body().read()).isInstanceOf(IOException.class);
    }

    @Test
    void aTruncatedBodyFailsWhileReadingIt() throws IOException {
        MultipartRelatedReader reader = reader("--abc\r\n\r\n" + "y".repeat(100_000), B);
        InputStream body = reader.next().orElseThrow().body();
        MultipartException e = catchThrowableOfType(MultipartException.class, body::readAllBytes);
        assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
        assertThat(e).hasMessageContaining("in the body of part 0");
        assertThatThrownBy(body::read).isSameAs(e);
        assertThatThrownBy(reader::next).isSameAs(e);
    }

    @Test
    void rejectsInvalidBoundariesAndLimits() {
        InputStream empty = InputStream.nullInputStream();
        assertThatThrownBy(() -> new MultipartRelatedReader(empty, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MultipartRelatedReader(empty, "a\r\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MultipartRelatedReader(empty, B, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MultipartRelatedReader(empty, B, 40_000)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static MultipartRelatedReader reader(String text, String boundary) {
        return new MultipartRelatedReader(new ByteArrayInputStream(text.getBytes(ISO_8859_1)), boundary);
    }

    private static List<Read> readAll(String text, String boundary) throws IOException {
        return readAll(new ByteArrayInputStream(text.getBytes(ISO_8859_1)), boundary);
    }

    private static List<Read> readAll(InputStream in, String boundary) throws IOException {
        MultipartRelatedReader reader = new MultipartRelatedReader(in, boundary);
        List<Read> parts = new ArrayList<>();
        for (Optional<Part> part = reader.next(); part.isPresent(); part = reader.next()) {
            parts.add(new Read(part.get().headers(), new String(part.get().body().readAllBytes(), ISO_8859_1)));
        }
        return parts;
    }

    /** Reads the whole body, part by part, expecting it to fail. */
    private static MultipartException failure(String text) {
        return catchThrowableOfType(MultipartException.class, () -> readAll(text, B));
    }

    /** Writes the bodies, then reads them back through a stream handing out random small chunks. */
    private static void assertRoundTrip(String boundary, List<byte[]> bodies, Random random) throws IOException {
        MultipartRelatedWriter writer = new MultipartRelatedWriter(boundary, random.nextBoolean());
        List<PartSource> sources = bodies.stream().map(PartSource::of).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.writeTo(out, sources);
        assertThat((long) out.size()).isEqualTo(writer.contentLength(sources));

        MultipartRelatedReader reader = new MultipartRelatedReader(
                new RandomChunks(out.toByteArray(), random), ContentType.parse(writer.contentTypeHeader()).boundary());
        for (byte[] expected : bodies) {
            Part part = reader.next().orElseThrow();
            assertThat(part.contentType()).map(ContentType::mediaType).contains(ContentType.APPLICATION_DICOM);
            assertThat(part.body().readAllBytes()).as("body of part %d with boundary %s", part.index(), boundary)
                    .isEqualTo(expected);
        }
        assertThat(reader.next()).isEmpty();
    }

    /** Random bytes mixed with pieces of the delimiter: CR, LF, dashes, the boundary and its prefixes. */
    private static byte[] trickyBody(Random random, String boundary) {
        String[] pieces = {"\r", "\n", "\r\n", "-", "--", boundary, boundary.substring(0, boundary.length() / 2),
            "\r\n--", "\r\n--" + boundary + "x", "\r\n--" + boundary.substring(1), "--" + boundary + "--", " ", "\t"};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int count = random.nextInt(12);
        for (int i = 0; i < count; i++) {
            if (random.nextInt(4) == 0) {
                byte[] noise = new byte[random.nextInt(300)];
                random.nextBytes(noise);
                body.writeBytes(noise);
            } else {
                body.writeBytes(pieces[random.nextInt(pieces.length)].getBytes(ISO_8859_1));
            }
        }
        return body.toByteArray();
    }

    /**
     * Whether CRLF--boundary occurs in the body followed by what makes it a delimiter (or at its end, where the
     * writer's CRLF follows): such a body cannot be sent in a multipart message with this boundary.
     */
    private static boolean looksLikeADelimiter(byte[] body, String boundary) {
        String text = new String(body, ISO_8859_1) + "\r\n";
        String delimiter = "\r\n--" + boundary;
        for (int at = text.indexOf(delimiter); at >= 0; at = text.indexOf(delimiter, at + 1)) {
            int after = at + delimiter.length();
            if (after == text.length() || "- \t\r\n".indexOf(text.charAt(after)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** A stream that hands out at most one byte per read, the worst case for buffer boundaries. */
    private static final class OneByteAtATime extends ByteArrayInputStream {
        OneByteAtATime(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1));
        }
    }

    /** A stream handing out chunks of random sizes, as a network does. */
    private static final class RandomChunks extends ByteArrayInputStream {
        private final Random random;

        RandomChunks(byte[] bytes, Random random) {
            super(bytes);
            this.random = random;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            int max = random.nextBoolean() ? 1 + random.nextInt(8) : 1 + random.nextInt(100_000);
            return super.read(b, off, Math.min(len, max));
        }
    }

    /** An endless stream of one byte, after an optional prefix. */
    private static final class Endless extends InputStream {
        private final byte fill;
        private final byte[] prefix;
        private int sent;

        Endless(char fill, byte[] prefix) {
            this.fill = (byte) fill;
            this.prefix = prefix;
        }

        Endless(char fill) {
            this(fill, new byte[0]);
        }

        @Override
        public int read() {
            return sent < prefix.length ? prefix[sent++] : fill;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                b[off + i] = (byte) read();
            }
            return len;
        }
    }

    /**
     * A multipart body of {@code parts} parts of {@code length} bytes each, generated on the fly from one random MiB:
     * its size costs no memory. Records the largest read asked of it.
     */
    private static final class GeneratedBody extends InputStream {
        private static final byte[] BLOCK = new byte[1 << 20];

        static {
            new Random(3).nextBytes(BLOCK);
            // No CRLF-- in the block, so no delimiter even with the shortest boundary.
            for (int i = 0; i + 1 < BLOCK.length; i++) {
                if (BLOCK[i] == '\r' && BLOCK[i + 1] == '\n') {
                    BLOCK[i + 1] = 'n';
                }
            }
        }

        private final byte[] head;
        private final byte[] separator;
        private final byte[] tail;
        private final long length;
        private final int parts;
        private int part;
        /** Position in the current segment: the part's head, then its body, then the tail after the last part. */
        private long position;
        private boolean inBody;
        int largestRead;

        GeneratedBody(String boundary, long length, int parts) {
            this.head = ("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(ISO_8859_1);
            this.separator = ("\r\n--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(ISO_8859_1);
            this.tail = ("\r\n--" + boundary + "--\r\n").getBytes(ISO_8859_1);
            this.length = length;
            this.parts = parts;
        }

        long bodiesCrc() {
            CRC32 crc = new CRC32();
            for (int p = 0; p < parts; p++) {
                for (long done = 0; done < length; done += BLOCK.length) {
                    crc.update(BLOCK, 0, (int) Math.min(BLOCK.length, length - done));
                }
            }
            return crc.getValue();
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            largestRead = Math.max(largestRead, len);
            if (inBody) {
                int n = (int) Math.min(len, Math.min(length - position, BLOCK.length - position % BLOCK.length));
                System.arraycopy(BLOCK, (int) (position % BLOCK.length), b, off, n);
                position += n;
                if (position == length) {
                    inBody = false;
                    position = 0;
                    part++;
                }
                return n;
            }
            byte[] segment = part == 0 ? head : part < parts ? separator : tail;
            if (part == parts && position == segment.length) {
                return -1;
            }
            int n = (int) Math.min(len, segment.length - position);
            System.arraycopy(segment, (int) position, b, off, n);
            position += n;
            if (position == segment.length && part < parts) {
                inBody = true;
                position = 0;
            }
            return n;
        }
    }
}
