package org.orthancalbums.core.api;

import java.util.List;

/** {@code GET /api/me}. */
public record Me(String userId, String username, String name, String email, List<String> roles, boolean canCreateAlbums) {
}
