package org.orthancalbums.desktop.remote;

import java.io.IOException;

/** The server refused a request: {@link #error()} is its code, which Problems turns into the user's language; {@link #getMessage()} is its English sentence, for logs and reports. */
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
