package org.orthancalbums.desktop.login;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Keycloak login: hands out valid access tokens, refreshing them on demand and in the background,
 * and keeps the latest refresh token in the {@link TokenStore}. Thread-safe. Never logs a token.
 */
public final class OidcSession implements Session {
    /** accessToken() refreshes when less than this remains, so no token expires on its way to the server. */
    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(30);
    /**
     * The background refresh comes this long before expiry: calls never wait for a refresh, and Keycloak's
     * SSO session (30 min idle) stays alive while the app is open.
     */
    private static final Duration PROACTIVE_LEAD = Duration.ofSeconds(60);
    private static final Duration MIN_DELAY = Duration.ofSeconds(1);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(30);
    private static final String LOGGED_OUT = "You have logged out: log in again.";

    private final OidcClient client;
    private final TokenStore store;
    private final TokenClaims claims;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "albums-token-refresh");
        thread.setDaemon(true);
        return thread;
    });
    private final Object lock = new Object();
    /** Null once the session has ended; then {@link #endedBecause} says why. */
    private TokenSet tokens;
    private String endedBecause;
    private ScheduledFuture<?> nextRefresh;

    private OidcSession(OidcClient client, TokenStore store, TokenSet tokens, TokenClaims claims) {
        this.client = client;
        this.store = store;
        this.tokens = tokens;
        this.claims = claims;
    }

    /** The session of fresh tokens: remembers the refresh token and starts refreshing in the background. */
    static OidcSession begin(OidcClient client, TokenStore store, TokenSet tokens) throws IOException {
        OidcSession session = new OidcSession(client, store, tokens, TokenClaims.of(tokens.accessToken()));
        if (tokens.refreshToken() != null) { // without one, the session simply ends with its access token
            store.save(tokens.refreshToken());
            synchronized (session.lock) {
                session.scheduleRefresh(delayBeforeRefresh(tokens));
            }
        }
        return session;
    }

    /**
     * At start-up: the session of the refresh token in the keychain, if it is still good (no browser
     * needed). Empty when none is stored, or when Keycloak refused it (it is then forgotten).
     *
     * @throws IOException when Keycloak cannot be reached: the stored token is kept for next time
     */
    public static Optional<OidcSession> restore(OidcClient client, TokenStore store) throws IOException {
        Optional<String> stored = store.load();
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(begin(client, store, client.refresh(stored.get())));
        } catch (SessionExpiredException ended) {
            store.delete();
            return Optional.empty();
        }
    }

    @Override
    public String accessToken() throws IOException {
        synchronized (lock) {
            TokenSet current = current();
            if (Instant.now().isBefore(current.expiresAt().minus(REFRESH_MARGIN))) {
                return current.accessToken();
            }
            return refreshLocked().accessToken();
        }
    }

    /** Refreshes now, whatever the expiry. */
    void refresh() throws IOException {
        synchronized (lock) {
            refreshLocked();
        }
    }

    @Override
    public String username() {
        return claims.username();
    }

    @Override
    public String displayName() {
        return claims.displayName();
    }

    /**
     * Forgets the tokens here and in the keychain, then ends the session at Keycloak. Does network I/O:
     * call it off the UI thread. An unreachable Keycloak is ignored: its session will idle out.
     */
    @Override
    public void logout() {
        String refreshToken;
        synchronized (lock) {
            refreshToken = tokens == null ? null : tokens.refreshToken();
            end(LOGGED_OUT);
        }
        if (refreshToken != null) {
            try {
                client.endSession(refreshToken);
            } catch (IOException unreachable) {
                // Already forgotten locally, which is what the user asked for.
            }
        }
    }

    private TokenSet current() throws SessionExpiredException {
        if (tokens == null) {
            throw new SessionExpiredException(endedBecause);
        }
        return tokens;
    }

    private TokenSet refreshLocked() throws IOException {
        TokenSet current = current();
        if (current.refreshToken() == null) {
            end(OidcClient.SESSION_ENDED);
            throw new SessionExpiredException(OidcClient.SESSION_ENDED);
        }
        TokenSet fresh;
        try {
            fresh = client.refresh(current.refreshToken());
        } catch (SessionExpiredException refused) {
            end(refused.getMessage());
            throw refused;
        }
        tokens = fresh;
        // Keycloak hands out a new refresh token with each refresh; the old one may stop working.
        if (fresh.refreshToken() != null && !Objects.equals(fresh.refreshToken(), current.refreshToken())) {
            store.save(fresh.refreshToken());
        }
        scheduleRefresh(delayBeforeRefresh(fresh));
        return fresh;
    }

    private void refreshInBackground() {
        try {
            refresh();
        } catch (SessionExpiredException ended) {
            // Nothing to retry: the next accessToken() tells the user to log in again.
        } catch (IOException unreachable) {
            synchronized (lock) {
                if (tokens != null) {
                    scheduleRefresh(RETRY_DELAY);
                }
            }
        }
    }

    /** Refresh at PROACTIVE_LEAD before expiry, but not before half the token's life (short-lived tokens). */
    static Duration delayBeforeRefresh(TokenSet tokens) {
        Duration lifetime = tokens.lifetime();
        return Collections.max(List.of(lifetime.minus(PROACTIVE_LEAD), lifetime.dividedBy(2), MIN_DELAY));
    }

    /** Holds the lock. */
    private void scheduleRefresh(Duration delay) {
        if (nextRefresh != null) {
            nextRefresh.cancel(false);
        }
        nextRefresh = scheduler.schedule(this::refreshInBackground, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Holds the lock. The refresh token is useless from now on, so the keychain forgets it too. */
    private void end(String reason) {
        if (tokens == null) {
            return;
        }
        tokens = null;
        endedBecause = reason;
        // Not shutdownNow(): this may run on the refresh thread, and an interrupt could break the keychain call.
        if (nextRefresh != null) {
            nextRefresh.cancel(false);
        }
        scheduler.shutdown();
        store.delete();
    }
}
