package org.orthancalbums.server.auth;

/** A bearer token that is not a valid, current access token of our realm. The message never holds the token. */
public class InvalidTokenException extends Exception {
    public InvalidTokenException(String message) {
        super(message);
    }
}
