package org.orthancalbums.core.api;

import java.time.Instant;
import org.orthancalbums.core.albums.AlbumRole;

/** An album as the API shows it to one caller: {@code role} is the caller's role in it. */
public record AlbumView(String id, String name, String description, String label, AlbumRole role, long studyCount,
                        long memberCount, Instant createdAt, Instant updatedAt) {
}
