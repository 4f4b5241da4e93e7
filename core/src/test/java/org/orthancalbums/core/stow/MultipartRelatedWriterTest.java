package org.orthancalbums.core.stow;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orthancalbums.core.stow.MultipartRelatedReader.Part;
import org.orthancalbums.core.stow.MultipartRelatedWriter.PartSource;

class MultipartRelatedWriterTest {

    @Test
    void writesTheExactLayout() throws IOException {
        MultipartRelatedWriter writer = new MultipartRelatedWriter("abc", false);
        List<PartSource> parts = List.of(PartSource.of("one".getBytes(ISO_8859_1)),
                PartSource.of("text/plain", new byte[0]));
        assertThat(written(writer, parts)).isEqualTo("--abc\r\nContent-Type: application/dicom\r\n\r\none"
                + "\r\n--abc\r\nContent-Type: text/plain\r\n\r\n"
                + "\r\n--abc--\r\n");
        assertThat(writer.contentTypeHeader()).isEqualTo("multipart/related; type=\"application/dicom\"; boundary=abc");

        MultipartRelatedWriter withLengths = new MultipartRelatedWriter("a b:c", true);
        assertThat(written(withLengths, parts)).isEqualTo("--a b:c\r\nContent-Type: application/dicom\r\n"
                + "Content-Length: 3\r\n\r\none\r\n--a b:c\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n"
                + "\r\n--a b:c--\r\n");
        assertThat(withLengths.contentTypeHeader())
                .isEqualTo("multipart/related; type=\"application/dicom\"; boundary=\"a b:c\"");
    }

    @Test
    void contentLengthIsWhatWriteToWrites(@TempDir Path directory) throws IOException {
        Random random = new Random(5);
        byte[] fileBytes = new byte[100_003];
        random.nextBytes(fileBytes);
        Path file = Files.write(directory.resolve("a.dcm"), fileBytes);
        for (boolean partContentLength : new boolean[] {false, true}) {
            MultipartRelatedWriter writer = new MultipartRelatedWriter(MultipartRelatedWriter.randomBoundary(),
                    partContentLength);
            List<PartSource> parts = List.of(PartSource.of(file), PartSource.of(new byte[0]),
                    PartSource.of("application/dicom; transfer-syntax=1.2.840.10008.1.2.1", new byte[] {1, 2, 3}),
                    PartSource.of(file));
            CountingStream out = new CountingStream();
            writer.writeTo(out, parts);
            assertThat(writer.contentLength(parts)).isEqualTo(out.count).isEqualTo(
                    2 * 100_003 + 3 + overhead(writer.boundary(), parts, partContentLength));
        }
    }

    @Test
    void randomBoundariesAreTokensThatDoNotRepeat() {
        String one = MultipartRelatedWriter.randomBoundary();
        assertThat(one).matches("albums-[0-9a-f]{32}");
        assertThat(MultipartRelatedWriter.randomBoundary()).isNotEqualTo(one);
        assertThat(new MultipartRelatedWriter().boundary()).matches("albums-[0-9a-f]{32}");
        assertThat(ContentType.parse(new MultipartRelatedWriter().contentTypeHeader()).boundary()).startsWith("albums-");
    }

    @Test
    void streamsATwentyMegabyteFileToTheReaderThroughAPipe(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("big.dcm");
        CRC32 expected = new CRC32();
        try (OutputStream out = Files.newOutputStream(file)) {
            Random random = new Random(11);
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < 20; i++) {
                random.nextBytes(chunk);
                expected.update(chunk);
                out.write(chunk);
            }
        }
        MultipartRelatedWriter writer = new MultipartRelatedWriter();
        List<PartSource> parts = List.of(PartSource.of("x".getBytes(ISO_8859_1)), PartSource.of(file));
        // A pipe holds 64 KiB: neither side can have the file in memory.
        PipedInputStream in = new PipedInputStream(64 * 1024);
        PipedOutputStream pipe = new PipedOutputStream(in);
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            try (pipe) {
                writer.writeTo(pipe, parts);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        MultipartRelatedReader reader = new MultipartRelatedReader(in, writer.boundary());
        reader.next().orElseThrow(); // skipped unread
        Part big = reader.next().orElseThrow();
        CRC32 received = new CRC32();
        long length = 0;
        byte[] chunk = new byte[8192];
        InputStream body = big.body();
        for (int n = body.read(chunk); n >= 0; n = body.read(chunk)) {
            received.update(chunk, 0, n);
            length += n;
        }
        assertThat(reader.next()).isEmpty();
        sending.get();
        assertThat(length).isEqualTo(20 << 20);
        assertThat(received.getValue()).isEqualTo(expected.getValue());
    }

    @Test
    void aFileThatChangedSizeSinceItWasListedFailsTheUpload(@TempDir Path directory) throws IOException {
        Path file = Files.write(directory.resolve("a.dcm"), new byte[1000]);
        PartSource listed = PartSource.of(file);
        MultipartRelatedWriter writer = new MultipartRelatedWriter();

        Files.write(file, new byte[999]);
        assertThatThrownBy(() -> writer.writeTo(OutputStream.nullOutputStream(), List.of(listed)))
                .isInstanceOf(IOException.class).hasMessage("part 0 has 999 bytes, not the 1000 announced");
        Files.write(file, new byte[1001]);
        assertThatThrownBy(() -> writer.writeTo(OutputStream.nullOutputStream(), List.of(listed)))
                .isInstanceOf(IOException.class).hasMessage("part 0 has more than the 1000 bytes announced");
    }

    @Test
    void rejectsWhatWouldBreakTheMessage() {
        MultipartRelatedWriter writer = new MultipartRelatedWriter();
        assertThatThrownBy(() -> writer.contentLength(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.writeTo(OutputStream.nullOutputStream(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PartSource.of("application/dicom\r\nX-Injected: 1", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PartSource("application/dicom", -1, InputStream::nullInputStream))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MultipartRelatedWriter("bad\rboundary", false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String written(MultipartRelatedWriter writer, List<PartSource> parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.writeTo(out, parts);
        assertThat((long) out.size()).isEqualTo(writer.contentLength(parts));
        return out.toString(ISO_8859_1);
    }

    /** The bytes around the parts' bodies, counted by hand from the layout. */
    private static long overhead(String boundary, List<PartSource> parts, boolean partContentLength) {
        long total = 0;
        for (int i = 0; i < parts.size(); i++) {
            PartSource part = parts.get(i);
            total += (i > 0 ? 2 : 0) + 2 + boundary.length() + 2; // [CRLF] --boundary CRLF
            total += "Content-Type: ".length() + part.contentType().length() + 2;
            if (partContentLength) {
                total += "Content-Length: ".length() + Long.toString(part.length()).length() + 2;
            }
            total += 2; // the empty line
        }
        return total + 2 + 2 + boundary.length() + 2 + 2; // CRLF --boundary-- CRLF
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
