package org.orthancalbums.core.api;

import java.time.Instant;
import org.orthancalbums.core.albums.AlbumRole;

public record MemberView(String userId, String username, String name, String email, AlbumRole role, Instant addedAt) {
}
