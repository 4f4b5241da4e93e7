package org.orthancalbums.server.tokens;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.orthancalbums.core.albums.AlbumAction;

/**
 * An album-bound token as stored (the secret itself is never stored, only its hash). {@code aeTitle}:
 * the called AE title an upload token also takes DICOM C-STORE on, if it does.
 */
public record AlbumToken(String id, String albumId, Kind kind, String creatorId, String creatorName,
                         String studyInstanceUid, String studyOrthancId, Instant createdAt, Instant expiresAt,
                         Instant lastUsedAt, Instant revokedAt, String aeTitle) {

    /** What a token is for, and what its creator must be allowed to do for it to live. */
    public enum Kind {
        UPLOAD(AlbumAction.CREATE_UPLOAD_TOKEN),
        VIEW(AlbumAction.CREATE_VIEW_TOKEN);

        private final AlbumAction needs;

        Kind(AlbumAction needs) {
            this.needs = needs;
        }

        public AlbumAction needs() {
            return needs;
        }

        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Kind> parse(String text) {
            for (Kind kind : values()) {
                if (kind.apiName().equals(text)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    public boolean usableAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }
}
