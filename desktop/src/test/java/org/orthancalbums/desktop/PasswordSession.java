package org.orthancalbums.desktop;

import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.desktop.login.Session;

/**
 * A real Keycloak session of a demo user, obtained with the demo realm's password grant, for UI tests
 * that are about the main window rather than about logging in (the login flow has its own tests).
 */
public final class PasswordSession implements Session {
    private final String user;

    public PasswordSession(String user) {
        this.user = user;
    }

    @Override
    public String accessToken() {
        return Stack.accessToken(user);
    }

    @Override
    public String username() {
        return user;
    }

    @Override
    public String displayName() {
        return user;
    }

    @Override
    public void logout() {
        // nothing held beyond the shared test token cache
    }
}
