package org.orthancalbums.core.stow;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a {@code multipart/related} body (RFC 2046 §5.1.1, RFC 2387), the client side of a STOW-RS request: parts
 * are streamed from their sources with one buffer, and the exact length of the body is known before writing, so the
 * request can carry a Content-Length instead of being chunked.
 *
 * <p>Layout: {@code --boundary CRLF}, the part's headers ({@code Content-Type}, and {@code Content-Length} if asked
 * for), an empty line, its bytes; then {@code CRLF --boundary CRLF} before each next part and
 * {@code CRLF --boundary-- CRLF} at the end. No preamble or epilogue.
 *
 * <p>The boundary is not searched for in the parts: the default random one (128 bits) will not occur in them.
 * Thread-safe: a writer only holds its settings.
 */
public final class MultipartRelatedWriter {
    private static final int COPY_BUFFER_SIZE = 64 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String boundary;
    private final boolean partContentLength;

    /** A writer with a {@link #randomBoundary() random boundary} and no Content-Length in part headers. */
    public MultipartRelatedWriter() {
        this(randomBoundary(), false);
    }

    /**
     * @param partContentLength whether each part also gets a {@code Content-Length} header: not needed by the
     *                          multipart framing, but some servers use it to pre-allocate
     */
    public MultipartRelatedWriter(String boundary, boolean partContentLength) {
        this.boundary = ContentType.checkBoundary(boundary);
        this.partContentLength = partContentLength;
    }

    /** {@code albums-} and 32 random hex digits: a token, so it needs no quotes in the header. */
    public static String randomBoundary() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "albums-" + HexFormat.of().formatHex(bytes);
    }

    public String boundary() {
        return boundary;
    }

    /** {@code multipart/related; type="application/dicom"; boundary=...}, the request's Content-Type for STOW-RS. */
    public String contentTypeHeader() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("type", ContentType.APPLICATION_DICOM);
        parameters.put("boundary", boundary);
        return new ContentType("multipart", "related", parameters).toString();
    }

    /** The exact number of bytes {@link #writeTo} writes for these parts. */
    public long contentLength(List<PartSource> parts) {
        requireParts(parts);
        long length = 0;
        for (int i = 0; i < parts.size(); i++) {
            length += partHead(i, parts.get(i)).length + parts.get(i).length();
        }
        return length + closeDelimiter().length;
    }

    /**
     * Writes the body, reading each part's source once; does not flush or close {@code out}.
     *
     * @throws IOException when a source fails, or has not the length it declared (a file changed while being sent:
     *                     the body would no longer match the Content-Length announced)
     */
    public void writeTo(OutputStream out, List<PartSource> parts) throws IOException {
        requireParts(parts);
        byte[] buffer = new byte[COPY_BUFFER_SIZE];
        for (int i = 0; i < parts.size(); i++) {
            PartSource part = parts.get(i);
            out.write(partHead(i, part));
            try (InputStream in = part.opener().open()) {
                copyExactly(in, out, part.length(), buffer, i);
            }
        }
        out.write(closeDelimiter());
    }

    private static void copyExactly(InputStream in, OutputStream out, long length, byte[] buffer, int index)
            throws IOException {
        long remaining = length;
        while (remaining > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new IOException("part " + index + " has " + (length - remaining) + " bytes, not the " + length
                        + " announced");
            }
            out.write(buffer, 0, n);
            remaining -= n;
        }
        if (in.read() >= 0) {
            throw new IOException("part " + index + " has more than the " + length + " bytes announced");
        }
    }

    /** The delimiter line (with the CRLF ending the previous part) and the header block of part {@code index}. */
    private byte[] partHead(int index, PartSource part) {
        StringBuilder head = new StringBuilder(boundary.length() + 64);
        if (index > 0) {
            head.append("\r\n");
        }
        head.append("--").append(boundary).append("\r\n");
        head.append("Content-Type: ").append(part.contentType()).append("\r\n");
        if (partContentLength) {
            head.append("Content-Length: ").append(part.length()).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(ISO_8859_1);
    }

    private byte[] closeDelimiter() {
        return ("\r\n--" + boundary + "--\r\n").getBytes(ISO_8859_1);
    }

    private static void requireParts(List<PartSource> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a multipart body needs at least one part"); // RFC 2046 §5.1.1
        }
    }

    /**
     * What one part holds: its Content-Type, its length in bytes, known in advance, and how to open its bytes (once
     * per {@link #writeTo}).
     */
    public record PartSource(String contentType, long length, Opener opener) {
        @FunctionalInterface
        public interface Opener {
            InputStream open() throws IOException;
        }

        public PartSource {
            ContentType.parse(contentType); // a valid value, without CR or LF to inject header lines
            if (length < 0) {
                throw new IllegalArgumentException("negative length " + length);
            }
            Objects.requireNonNull(opener);
        }

        /** An {@code application/dicom} part with these bytes (not copied). */
        public static PartSource of(byte[] bytes) {
            return of(ContentType.APPLICATION_DICOM, bytes);
        }

        public static PartSource of(String contentType, byte[] bytes) {
            return new PartSource(contentType, bytes.length, () -> new ByteArrayInputStream(bytes));
        }

        /** An {@code application/dicom} part with the bytes of this file, whose size is read now. */
        public static PartSource of(Path file) throws IOException {
            return of(ContentType.APPLICATION_DICOM, file);
        }

        public static PartSource of(String contentType, Path file) throws IOException {
            return new PartSource(contentType, Files.size(file), () -> Files.newInputStream(file));
        }
    }
}
