package org.orthancalbums.core.dicom;

import java.io.IOException;

/**
 * A file that {@link DicomHeaderReader} cannot read, with the {@link Reason} a caller can act on (skip a DICOMDIR,
 * report a truncated upload, ...). It is an {@link IOException}, so code that only cares whether a file could be
 * read can catch that.
 */
public final class DicomFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /**
         * No "DICM" marker at byte 128, nor a bare data set that names its instance and study: an empty, text or
         * random file.
         */
        NOT_DICOM,
        /** A DICOMDIR (Media Storage Directory): an index of other files, not an instance; callers skip it. */
        DICOMDIR,
        /** The file ends inside the file meta information or inside the data set before the pixel data. */
        TRUNCATED,
        /** A transfer syntax this reader cannot decode (unknown, or not a data set encoding). */
        UNSUPPORTED,
        /** Impossible structure: an invalid VR, a misplaced item or delimiter, corrupt deflated data, ... */
        MALFORMED
    }

    private final Reason reason;
    private final long offset;

    public DicomFormatException(Reason reason, String message, long offset) {
        super(message);
        this.reason = reason;
        this.offset = offset;
    }

    public Reason reason() {
        return reason;
    }

    /**
     * Where in the file the problem was found; for {@link Reason#TRUNCATED}, how many bytes the file had
     * (compressed bytes for a deflated file). -1 when unknown.
     */
    public long offset() {
        return offset;
    }
}
