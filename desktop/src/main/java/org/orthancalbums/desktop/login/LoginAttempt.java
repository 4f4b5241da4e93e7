package org.orthancalbums.desktop.login;

import java.util.concurrent.CompletableFuture;

/** One browser login in progress, from {@link PkceLogin#start}. */
public final class LoginAttempt {
    private final String authorizationUrl;
    private final CompletableFuture<OidcSession> result;
    private final boolean browserOpened;

    LoginAttempt(String authorizationUrl, CompletableFuture<OidcSession> result, boolean browserOpened) {
        this.authorizationUrl = authorizationUrl;
        this.result = result;
        this.browserOpened = browserOpened;
    }

    /** The login page's address, to show with a copy button: the login also works when pasted into any browser on this PC. */
    public String authorizationUrl() {
        return authorizationUrl;
    }

    /** False when the browser could not be opened: ask the user to open {@link #authorizationUrl()} themselves. */
    public boolean browserOpened() {
        return browserOpened;
    }

    /**
     * Completes with the session once the user has logged in; fails with a {@link LoginException}
     * (refused, foreign state, timed out) or another IOException (Keycloak unreachable), or ends with a
     * CancellationException after {@link #cancel()}.
     */
    public CompletableFuture<OidcSession> result() {
        return result;
    }

    /** Gives up waiting (the user closed the window, say) and frees the loopback port. */
    public void cancel() {
        result.cancel(false);
    }
}
