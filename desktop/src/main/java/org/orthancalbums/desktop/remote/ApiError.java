package org.orthancalbums.desktop.remote;

import java.io.IOException;

/** The server refused a request; {@link #getMessage()} is its sentence for a person. */
public final class ApiError extends IOException {
    private final int status;
    private final String error;

    public ApiError(int status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
