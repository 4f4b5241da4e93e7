package org.orthancalbums.desktop.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;

/**
 * Who the access token is for. Read without checking the signature: the token came straight from the
 * token endpoint over our own connection, and the server verifies it on every call anyway.
 */
record TokenClaims(String username, String displayName) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static TokenClaims of(String jwt) throws IOException {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new IOException("The sign-in server's access token is not a JWT: cannot tell who logged in");
        }
        JsonNode payload;
        try {
            payload = MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IllegalArgumentException notBase64) {
            throw new IOException("The sign-in server's access token is unreadable: cannot tell who logged in");
        }
        String username = payload.path("preferred_username").asText("");
        if (username.isBlank()) {
            throw new IOException("The access token names no user (no preferred_username claim)");
        }
        String name = payload.path("name").asText("");
        return new TokenClaims(username, name.isBlank() ? username : name);
    }
}
