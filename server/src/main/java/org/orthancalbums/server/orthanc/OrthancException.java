package org.orthancalbums.server.orthanc;

/** Orthanc answered with an error status, or could not be reached ({@code status} 0). */
public class OrthancException extends RuntimeException {
    private final int status;

    public OrthancException(int status, String message) {
        super(message);
        this.status = status;
    }

    public OrthancException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    public int status() {
        return status;
    }
}
