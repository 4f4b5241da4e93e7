package org.orthancalbums.desktop.login;

import static org.orthancalbums.desktop.settings.I18n.t;

import java.io.IOException;

/** The token endpoint said no (OAuth error such as invalid_grant): the grant we sent is no good. */
final class TokenRefusedException extends IOException {
    TokenRefusedException(String error, String description) {
        super(t("login.error.tokenRefused", description.isBlank() ? error : description, error));
    }
}
