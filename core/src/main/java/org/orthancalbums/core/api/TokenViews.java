package org.orthancalbums.core.api;

import java.time.Instant;

/** Album-bound tokens in the API. The secret appears once, in {@link Created}, never again. */
public final class TokenViews {
    private TokenViews() {
    }

    /**
     * {@code POST /api/albums/{id}/tokens}; {@code studyInstanceUid} narrows a view token to one study;
     * {@code dicom} gives an upload token a DICOM destination too (a called AE title of its own).
     */
    public record CreateToken(String kind, Long expiresInSeconds, String studyInstanceUid, Boolean dicom) {
        public CreateToken(String kind, Long expiresInSeconds, String studyInstanceUid) {
            this(kind, expiresInSeconds, studyInstanceUid, null);
        }
    }

    /** Where a scanner or a tool sends DICOM (C-STORE) for an upload token: Orthanc's DICOM port, the token's AE title. */
    public record DicomDestination(String host, int port, String calledAeTitle) {
    }

    /** The answer to a creation: {@code dicomWebRoot} is where to use the token; {@code dicom} when asked for. */
    public record Created(String id, String kind, String token, Instant expiresAt, String dicomWebRoot, DicomDestination dicom) {
    }

    /** A token as listed: no secret. */
    public record Listed(String id, String kind, String creatorId, String creatorName, String studyInstanceUid,
                         Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {
    }
}
