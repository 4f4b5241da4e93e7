package org.orthancalbums.server.auth;

import java.util.List;

/** Who is calling, from a verified Keycloak access token. */
public record Caller(String userId, String username, String name, String email, List<String> roles) {
    public static final String ADMIN_ROLE = "albums-admin";
    public static final String CREATOR_ROLE = "album-creator";

    public boolean isAdmin() {
        return roles.contains(ADMIN_ROLE);
    }

    public boolean canCreateAlbums() {
        return isAdmin() || roles.contains(CREATOR_ROLE);
    }

    /** What to show other people: the full name, or the user name when Keycloak has none. */
    public String displayName() {
        return name == null || name.isBlank() ? username : name;
    }
}
