package org.orthancalbums.desktop.login;

import com.github.scribejava.core.model.OAuth2AccessToken;
import java.time.Duration;
import java.time.Instant;

/** What one token response gave us. Its toString names no token, so it is safe in logs. */
final class TokenSet {
    /** For a provider that omits expires_in: assume a short life rather than a long one. */
    private static final Duration UNKNOWN_LIFETIME = Duration.ofSeconds(60);

    private final String accessToken;
    private final String refreshToken;
    private final Duration lifetime;
    private final Instant expiresAt;

    TokenSet(String accessToken, String refreshToken, Duration lifetime, Instant receivedAt) {
        this.accessToken = accessToken;
        this.refreshToken = refreshToken;
        this.lifetime = lifetime;
        this.expiresAt = receivedAt.plus(lifetime);
    }

    /**
     * The expiry counts from our clock and expires_in, not from the token's exp claim, so a skewed PC
     * clock does not matter. A response without a refresh token keeps the previous one.
     */
    static TokenSet from(OAuth2AccessToken response, String previousRefreshToken, Instant receivedAt) {
        Integer expiresIn = response.getExpiresIn();
        String refreshToken = response.getRefreshToken() == null ? previousRefreshToken : response.getRefreshToken();
        return new TokenSet(response.getAccessToken(), refreshToken,
                expiresIn == null ? UNKNOWN_LIFETIME : Duration.ofSeconds(expiresIn), receivedAt);
    }

    String accessToken() {
        return accessToken;
    }

    /** Null when the provider gave none (then the session cannot outlive its access token). */
    String refreshToken() {
        return refreshToken;
    }

    Duration lifetime() {
        return lifetime;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    @Override
    public String toString() {
        return "TokenSet[expiresAt=" + expiresAt + ", refreshable=" + (refreshToken != null) + "]";
    }
}
