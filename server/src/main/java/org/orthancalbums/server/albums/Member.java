package org.orthancalbums.server.albums;

import java.time.Instant;
import org.orthancalbums.core.albums.AlbumRole;

/** A user's membership in an album, with the user's names as Keycloak gave them when added. */
public record Member(String albumId, String userId, String username, String name, String email, AlbumRole role,
                     Instant addedAt) {
}
