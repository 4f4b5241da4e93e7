package org.orthancalbums.core.stow;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.orthancalbums.core.stow.MultipartException.Reason;

/**
 * Streams the parts of a multipart body (RFC 2046 §5.1.1), such as a STOW-RS request, through one fixed
 * {@link #BUFFER_SIZE} buffer: a part's body is handed out as it arrives, never held whole, so parts of any size pass.
 *
 * <pre>{@code
 * MultipartRelatedReader reader = new MultipartRelatedReader(request.getInputStream(), contentType.boundary());
 * for (Optional<Part> part = reader.next(); part.isPresent(); part = reader.next()) {
 *     store(part.get().contentType(), part.get().body());
 * }
 * }</pre>
 *
 * <p>Grammar: an optional preamble (at most {@link #MAX_PREAMBLE_BYTES}), then parts each introduced by a delimiter
 * line {@code --boundary}, which after the first must follow a CRLF; the close delimiter {@code --boundary--} ends the
 * body and whatever follows it (the epilogue) is not read. Transport padding (spaces, tabs) may follow a delimiter.
 *
 * <p>Leniency: part header lines and delimiter lines may end with a bare LF, header lines may be folded, and a
 * {@code CRLF--boundary} inside a body that is followed by anything else than {@code --}, padding or a line end is body
 * data. Body bytes are never altered: a body ends exactly before the CRLF of the next delimiter, whatever a part's
 * Content-Length or Content-Transfer-Encoding header says (headers are only handed to the caller).
 *
 * <p>Not thread-safe. The reader does not close the stream it reads.
 */
public final class MultipartRelatedReader {
    /** The only buffer: the most the reader holds of a body at any time. */
    public static final int BUFFER_SIZE = 64 * 1024;
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
    /** Bytes accepted before the first delimiter: more means the boundary is wrong, and we stop reading early. */
    public static final int MAX_PREAMBLE_BYTES = BUFFER_SIZE;

    private static final int MORE = -1;
    private static final int NOT_A_DELIMITER = -2;

    private enum State { PREAMBLE, BODY, AFTER_DELIMITER, DONE }

    private final InputStream in;
    private final String boundary;
    /** CRLF "--" boundary: a '\r' only at index 0, which keeps the search linear (see find). */
    private final byte[] delimiter;
    private final int[] shift;
    private final int maxHeaderBytes;
    private final byte[] buf = new byte[BUFFER_SIZE];
    /** Unread bytes are buf[pos, lim). */
    private int pos;
    private int lim;
    /** While in a body (or the preamble): buf[pos, dataEnd) are known to be body bytes, before any delimiter. */
    private int dataEnd;
    /** Offset in the stream of buf[0]: -2 at first, for the virtual CRLF put before the stream. */
    private long bufStart = -2;
    private boolean eof;
    private boolean closeDelimiterSeen;
    private State state = State.PREAMBLE;
    private Part current;
    private int parts;
    /** Once the body is known to be bad, every later call fails the same way. */
    private MultipartException failure;

    public MultipartRelatedReader(InputStream body, String boundary) {
        this(body, boundary, DEFAULT_MAX_HEADER_BYTES);
    }

    /** @param maxHeaderBytes the longest header block of a part, line ends and the empty line included */
    public MultipartRelatedReader(InputStream body, String boundary, int maxHeaderBytes) {
        if (maxHeaderBytes < 1 || maxHeaderBytes > BUFFER_SIZE / 2) {
            throw new IllegalArgumentException("maxHeaderBytes must be in 1.." + BUFFER_SIZE / 2);
        }
        this.in = Objects.requireNonNull(body);
        this.boundary = ContentType.checkBoundary(boundary);
        this.delimiter = ("\r\n--" + boundary).getBytes(US_ASCII);
        this.shift = shiftTable(delimiter);
        this.maxHeaderBytes = maxHeaderBytes;
        // A virtual CRLF before the stream lets the one delimiter search find a first "--boundary" at offset 0.
        buf[0] = '\r';
        buf[1] = '\n';
        lim = 2;
    }

    public String boundary() {
        return boundary;
    }

    /**
     * The next part, after skipping what is left of the previous part's body; empty after the close delimiter.
     *
     * @throws MultipartException when the body is malformed, truncated or has too large headers; then for good
     * @throws IOException        when the underlying stream fails
     */
    public Optional<Part> next() throws IOException {
        try {
            checkNotFailed();
            if (state == State.DONE) {
                return Optional.empty();
            }
            if (state == State.PREAMBLE) {
                skipPreamble();
            } else if (state == State.BODY) {
                while (nextBodyBytes()) {
                    pos = dataEnd; // skip without copying
                }
            }
            if (closeDelimiterSeen) {
                state = State.DONE;
                current = null;
                return Optional.empty();
            }
            Map<String, String> headers = readHeaders();
            current = new Part(parts++, headers);
            state = State.BODY;
            dataEnd = pos;
            return Optional.of(current);
        } catch (MultipartException e) {
            failure = e;
            throw e;
        }
    }

    private void skipPreamble() throws IOException {
        long skipped = 0;
        while (nextBodyBytes()) {
            skipped += dataEnd - pos;
            pos = dataEnd;
            if (skipped - 2 > MAX_PREAMBLE_BYTES) {
                throw new MultipartException(Reason.MALFORMED, "the body does not start with the delimiter --"
                        + boundary + " (none in its first " + MAX_PREAMBLE_BYTES + " bytes)", offset(pos));
            }
        }
    }

    /**
     * Makes buf[pos, dataEnd) non-empty and returns true, or, when the current body (or preamble) ends at pos,
     * consumes the delimiter line there and returns false.
     */
    private boolean nextBodyBytes() throws IOException {
        int keep = delimiter.length - 1;
        while (true) {
            int at = find(pos);
            if (at == pos) {
                int lineEnd = delimiterLineEnd(at);
                if (lineEnd >= 0) {
                    pos = lineEnd;
                    state = State.AFTER_DELIMITER;
                    return false;
                }
                if (lineEnd == NOT_A_DELIMITER) {
                    at = find(pos + 1);
                    dataEnd = at >= 0 ? at : Math.max(pos + 1, lim - keep);
                    return true;
                }
            } else if (at > pos) {
                dataEnd = at;
                return true;
            } else if (lim - keep > pos) {
                // The last delimiter.length - 1 bytes may start a delimiter completed by the next read: keep them.
                dataEnd = lim - keep;
                return true;
            }
            if (eof) {
                if (at == pos) {
                    throw truncated("inside a delimiter line");
                }
                throw state == State.PREAMBLE ? noDelimiter() : truncated("in the body of part " + (parts - 1));
            }
            fill();
        }
    }

    /**
     * The first index in buf[from, lim) where the whole delimiter is, or -1. Boyer-Moore-Horspool: the window's last
     * byte says how far the delimiter can move, so body bytes are mostly skipped unread (a 70-byte delimiter reads
     * about one byte in 70 of image data). Linear even on hostile bodies: a window is compared only when it starts
     * with '\r', and as the delimiter holds no other '\r', the compared runs never overlap.
     */
    private int find(int from) {
        byte[] d = delimiter;
        int n = d.length;
        int lastIndex = n - 1;
        byte lastByte = d[lastIndex];
        for (int i = from, last = lim - n; i <= last; i += shift[buf[i + lastIndex] & 0xFF]) {
            if (buf[i + lastIndex] == lastByte && buf[i] == '\r' && matchesAt(i)) {
                return i;
            }
        }
        return -1;
    }

    private boolean matchesAt(int i) {
        for (int j = 1; j < delimiter.length - 1; j++) {
            if (buf[i + j] != delimiter[j]) {
                return false;
            }
        }
        return true;
    }

    /** Horspool's bad-character table: how far the window may move when its last byte is b. */
    private static int[] shiftTable(byte[] pattern) {
        int[] shift = new int[256];
        java.util.Arrays.fill(shift, pattern.length);
        for (int j = 0; j < pattern.length - 1; j++) {
            shift[pattern[j] & 0xFF] = pattern.length - 1 - j;
        }
        return shift;
    }

    /**
     * For a delimiter at {@code at}: the index after its line (after {@code --} for the close delimiter, which sets
     * {@link #closeDelimiterSeen}), {@link #NOT_A_DELIMITER} when other bytes follow it, or {@link #MORE} when the
     * buffer ends too soon to tell.
     */
    private int delimiterLineEnd(int at) {
        int i = at + delimiter.length;
        if (i >= lim) {
            return MORE;
        }
        if (buf[i] == '-') {
            if (i + 1 >= lim) {
                return MORE;
            }
            if (buf[i + 1] != '-') {
                return NOT_A_DELIMITER;
            }
            closeDelimiterSeen = true;
            return i + 2;
        }
        while (i < lim && (buf[i] == ' ' || buf[i] == '\t')) {
            i++;
        }
        if (i >= lim) {
            return MORE;
        }
        if (buf[i] == '\n') {
            return i + 1;
        }
        if (buf[i] != '\r') {
            return NOT_A_DELIMITER;
        }
        if (i + 1 >= lim) {
            return MORE;
        }
        return buf[i + 1] == '\n' ? i + 2 : NOT_A_DELIMITER;
    }

    /** Reads the header block at pos, up to and including its empty line. */
    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        String lastName = null;
        int blockBytes = 0;
        int scanned = 0; // bytes of the current line known to hold no LF: a line arriving byte by byte is scanned once
        while (true) {
            int newline = indexOf((byte) '\n', pos + scanned, lim);
            if (newline < 0) {
                scanned = lim - pos;
                if (blockBytes + lim - pos > maxHeaderBytes) {
                    throw headersTooLarge();
                }
                if (eof) {
                    throw truncated("in the headers of part " + parts);
                }
                fill();
                continue;
            }
            scanned = 0;
            blockBytes += newline + 1 - pos;
            if (blockBytes > maxHeaderBytes) {
                throw headersTooLarge();
            }
            int end = newline > pos && buf[newline - 1] == '\r' ? newline - 1 : newline;
            String line = new String(buf, pos, end - pos, ISO_8859_1); // bytes as they are: never a decoding error
            long lineOffset = offset(pos);
            pos = newline + 1;
            if (line.isEmpty()) {
                return Collections.unmodifiableMap(headers);
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                // Obsolete line folding (RFC 5322 §2.2.3): a continuation of the previous header.
                if (lastName == null) {
                    throw new MultipartException(Reason.MALFORMED, "part " + parts
                            + " starts with a continuation line", lineOffset);
                }
                headers.merge(lastName, line.strip(), (before, more) -> before + " " + more);
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon > 0 ? line.substring(0, colon).strip().toLowerCase(Locale.ROOT) : "";
            if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c >= 0x7F)) {
                throw new MultipartException(Reason.MALFORMED, "invalid header line in part " + parts + ": \""
                        + abbreviate(line) + "\"", lineOffset);
            }
            // A repeated header is joined as HTTP does (RFC 7230 §3.2.2): a repeated Content-Type then fails to parse.
            headers.merge(name, line.substring(colon + 1).strip(), (before, more) -> before + ", " + more);
            lastName = name;
        }
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Moves the unread bytes to the start of the buffer and reads at least one more byte, or sets eof. */
    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            bufStart += pos;
            lim -= pos;
            dataEnd = Math.max(0, dataEnd - pos);
            pos = 0;
        }
        if (lim == buf.length) {
            // Only a delimiter followed by a buffer's worth of transport padding gets here.
            throw new MultipartException(Reason.TOO_LARGE, "transport padding longer than " + BUFFER_SIZE
                    + " bytes after a delimiter", offset(lim));
        }
        int n;
        do {
            n = in.read(buf, lim, buf.length - lim);
        } while (n == 0);
        if (n < 0) {
            eof = true;
        } else {
            lim += n;
        }
    }

    private MultipartException truncated(String where) {
        return new MultipartException(Reason.TRUNCATED, "the body ends " + where + ", without the close delimiter --"
                + boundary + "--", offset(lim));
    }

    private MultipartException noDelimiter() {
        return new MultipartException(Reason.MALFORMED, "the body does not start with the delimiter --" + boundary,
                offset(lim));
    }

    private MultipartException headersTooLarge() {
        return new MultipartException(Reason.TOO_LARGE, "part headers too large: part " + parts + " has more than "
                + maxHeaderBytes + " bytes of headers", offset(pos));
    }

    private long offset(int index) {
        return Math.max(0, bufStart + index);
    }

    private void checkNotFailed() throws MultipartException {
        if (failure != null) {
            throw failure;
        }
    }

    private static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 80) + "...";
    }

    /** One part: its headers, read in full, and its body, streamed until the next delimiter. */
    public final class Part {
        private final int index;
        private final Map<String, String> headers;
        private final InputStream body = new Body();
        private boolean ended;

        private Part(int index, Map<String, String> headers) {
            this.index = index;
            this.headers = headers;
        }

        /** 0 for the first part. */
        public int index() {
            return index;
        }

        /** Header names in lower case, values stripped; unmodifiable. */
        public Map<String, String> headers() {
            return headers;
        }

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        /**
         * The part's Content-Type, if it has one (a STOW-RS server then falls back on the {@code type} parameter of
         * the request's Content-Type).
         *
         * @throws IllegalArgumentException when the header cannot be parsed
         */
        public Optional<ContentType> contentType() {
            return header("content-type").map(ContentType::parse);
        }

        /**
         * The body, readable until {@link MultipartRelatedReader#next()} is called; closing it does nothing (the
         * rest of the body is skipped by the next call to next()).
         */
        public InputStream body() {
            return body;
        }

        @Override
        public String toString() {
            return "Part " + index + " " + headers;
        }

        private final class Body extends InputStream {
            @Override
            public int read() throws IOException {
                return ready() > 0 ? buf[pos++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                Objects.checkFromIndexSize(off, len, b.length);
                if (len == 0) {
                    return 0;
                }
                int n = Math.min(len, ready());
                if (n == 0) {
                    return -1;
                }
                System.arraycopy(buf, pos, b, off, n);
                pos += n;
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                if (n <= 0) {
                    return 0;
                }
                long skipped = Math.min(n, ready());
                pos += (int) skipped; // at most ready(), an int
                return skipped;
            }

            @Override
            public int available() {
                return current == Part.this && !ended ? dataEnd - pos : 0;
            }

            /** Bytes ready at buf[pos], reading and scanning more if needed; 0 at the end of this body. */
            private int ready() throws IOException {
                if (ended) {
                    return 0;
                }
                if (current != Part.this) {
                    throw new IOException("part " + index + " was skipped: the reader has moved to the next part");
                }
                try {
                    checkNotFailed();
                    if (pos == dataEnd && !nextBodyBytes()) {
                        ended = true;
                        return 0;
                    }
                    return dataEnd - pos;
                } catch (MultipartException e) {
                    failure = e;
                    throw e;
                }
            }
        }
    }
}
