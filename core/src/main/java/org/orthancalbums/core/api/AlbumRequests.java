package org.orthancalbums.core.api;

/** Request bodies of the album API. Strictly parsed: unknown fields are refused. */
public final class AlbumRequests {
    private AlbumRequests() {
    }

    public record CreateAlbum(String name, String description) {
    }

    /** Absent fields stay as they are. */
    public record UpdateAlbum(String name, String description) {
    }

    public record SetRole(String role) {
    }
}
