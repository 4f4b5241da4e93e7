package org.orthancalbums.desktop.login;

import java.io.IOException;

/** A browser login that did not succeed; the message is written for the user. */
public final class LoginException extends IOException {
    public LoginException(String message) {
        super(message);
    }
}
