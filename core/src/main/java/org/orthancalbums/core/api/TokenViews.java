package org.orthancalbums.core.api;

import java.time.Instant;

/** Album-bound tokens in the API. The secret appears once, in {@link Created}, never again. */
public final class TokenViews {
    private TokenViews() {
    }

    /** {@code POST /api/albums/{id}/tokens}; {@code studyInstanceUid} narrows a view token to one study. */
    public record CreateToken(String kind, Long expiresInSeconds, String studyInstanceUid) {
    }

    /** The answer to a creation: {@code dicomWebRoot} is where to use the token. */
    public record Created(String id, String kind, String token, Instant expiresAt, String dicomWebRoot) {
    }

    /** A token as listed: no secret. */
    public record Listed(String id, String kind, String creatorId, String creatorName, String studyInstanceUid,
                         Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {
    }
}
