package org.orthancalbums.desktop.login;

import java.io.IOException;

/**
 * A logged-in user's tokens. Services ask it for a valid access token before each call; it refreshes
 * behind the scenes. Never logs or shows a token.
 */
public interface Session {

    /** A valid access token (refreshed first when close to expiry). */
    String accessToken() throws IOException;

    /** Keycloak's preferred_username of the logged-in user. */
    String username();

    /** The user's full name, or the user name when Keycloak has none. */
    String displayName();

    /** Ends the session at Keycloak and forgets the stored refresh token. */
    void logout();

    /** The refresh token was refused (expired, revoked): the user must log in again. */
    final class SessionExpiredException extends IOException {
        public SessionExpiredException(String message) {
            super(message);
        }
    }
}
