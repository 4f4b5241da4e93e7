package org.orthancalbums.desktop.login;

import java.io.IOException;

/** The token endpoint said no (OAuth error such as invalid_grant): the grant we sent is no good. */
final class TokenRefusedException extends IOException {
    TokenRefusedException(String error, String description) {
        super("The sign-in server refused: " + (description.isBlank() ? error : description) + " (" + error + ")");
    }
}
