package org.orthancalbums.desktop.login;

import java.io.IOException;

/**
 * The session the services use, which a new login can replace while the window stays as it is: after
 * "log in again" the user goes on where they were.
 */
public final class SessionHolder implements Session {
    private volatile Session current;

    public SessionHolder(Session initial) {
        this.current = initial;
    }

    public void replace(Session session) {
        current = session;
    }

    @Override
    public String accessToken() throws IOException {
        return current.accessToken();
    }

    @Override
    public String username() {
        return current.username();
    }

    @Override
    public String displayName() {
        return current.displayName();
    }

    @Override
    public void logout() {
        current.logout();
    }
}
