package org.orthancalbums.core.stow;

import java.io.IOException;

/**
 * A multipart body that {@link MultipartRelatedReader} cannot read, with the {@link Reason} a server maps to a status
 * (400 for {@link Reason#MALFORMED} and {@link Reason#TRUNCATED}, 413 or 400 for {@link Reason#TOO_LARGE}). It is an
 * {@link IOException}, like the failures of the underlying stream, so code that only cares whether the body could be
 * read can catch that.
 */
public final class MultipartException extends IOException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** No delimiter where one must be (wrong boundary, not multipart), or an invalid part header line. */
        MALFORMED,
        /** The stream ended before the close delimiter: inside a part's headers or body, or right after a delimiter. */
        TRUNCATED,
        /** A part's header block (or the preamble, or transport padding) is longer than the reader accepts. */
        TOO_LARGE
    }

    private final Reason reason;
    private final long offset;

    public MultipartException(Reason reason, String message, long offset) {
        super(message + " (at byte " + offset + ")");
        this.reason = reason;
        this.offset = offset;
    }

    public Reason reason() {
        return reason;
    }

    /** Where in the body the problem was found: for {@link Reason#TRUNCATED}, how many bytes the body had. */
    public long offset() {
        return offset;
    }
}
