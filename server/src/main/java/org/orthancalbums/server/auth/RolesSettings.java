package org.orthancalbums.server.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.orthancalbums.server.db.Database;
import org.orthancalbums.server.http.ApiException;

/**
 * The plugin's roles settings ({@code GET/PUT /settings/roles}): extra permissions and labels that a
 * Keycloak realm role grants, on top of albums. Kept in the database, edited from OE2's settings page.
 */
public final class RolesSettings {
    private static final String KEY = "roles";
    private static final String DEFAULT = """
            {"roles": {"albums-admin": {"permissions": ["all"], "authorized-labels": ["*"]},
                       "album-creator": {"permissions": [], "authorized-labels": []}},
             "available-labels": []}""";

    /** The settings are read for every profile the plugin asks for: kept in memory, at most 1 s behind the database. */
    private static final long KEEP_MILLIS = 1_000;

    private final Database db;
    private final ObjectMapper mapper = new ObjectMapper();
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();
    private volatile Kept kept;

    private record Kept(JsonNode roles, long at, long version) {
    }

    public RolesSettings(Database db) {
        this.db = db;
    }

    /** Changes each time the settings are stored through this class. */
    public long version() {
        return version.get();
    }

    private JsonNode roles() {
        Kept k = kept;
        long now = System.currentTimeMillis();
        if (k == null || now - k.at() >= KEEP_MILLIS || k.version() != version.get()) {
            k = new Kept(get().path("roles"), now, version.get());
            kept = k;
        }
        return k.roles();
    }

    public ObjectNode get() {
        String json = db.queryOne("SELECT value FROM settings WHERE name = ?", row -> row.getString(1), KEY).orElse(DEFAULT);
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored roles settings are not JSON", e);
        }
    }

    /** Validates and stores new settings; "authorized_labels" is accepted as auth-service does. */
    public ObjectNode put(JsonNode body) {
        if (!(body instanceof ObjectNode input) || !(input.get("roles") instanceof ObjectNode roles)) {
            throw ApiException.badRequest("expected {\"roles\": {\"<role>\": {\"permissions\": [...], \"authorized-labels\": [...]}}, \"available-labels\": [...]}");
        }
        ObjectNode clean = mapper.createObjectNode();
        ObjectNode cleanRoles = clean.putObject("roles");
        for (Iterator<Map.Entry<String, JsonNode>> it = roles.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> role = it.next();
            JsonNode labels = role.getValue().has("authorized-labels") ? role.getValue().get("authorized-labels")
                    : role.getValue().path("authorized_labels");
            ObjectNode cleanRole = cleanRoles.putObject(role.getKey());
            cleanRole.set("permissions", strings(role.getValue().path("permissions"), "permissions of " + role.getKey()));
            cleanRole.set("authorized-labels", strings(labels, "authorized-labels of " + role.getKey()));
        }
        JsonNode available = input.has("available-labels") ? input.get("available-labels") : input.path("available_labels");
        clean.set("available-labels", strings(available, "available-labels"));
        String json = clean.toString();
        db.inTransaction(c -> {
            if (db.update("UPDATE settings SET value = ? WHERE name = ?", json, KEY) == 0) {
                db.update("INSERT INTO settings (name, value) VALUES (?, ?)", KEY, json);
            }
            return null;
        });
        version.incrementAndGet();
        return clean;
    }

    /** The union of permissions and labels that these realm roles grant. */
    public Grant grantFor(List<String> realmRoles) {
        Set<String> permissions = new LinkedHashSet<>();
        Set<String> labels = new LinkedHashSet<>();
        JsonNode roles = roles();
        for (String role : realmRoles) {
            JsonNode entry = roles.path(role);
            entry.path("permissions").forEach(p -> permissions.add(p.asText()));
            entry.path("authorized-labels").forEach(l -> labels.add(l.asText()));
        }
        return new Grant(permissions, labels);
    }

    public record Grant(Set<String> permissions, Set<String> labels) {
    }

    private ArrayNode strings(JsonNode node, String what) {
        ArrayNode result = mapper.createArrayNode();
        if (node == null || node.isMissingNode() || node.isNull()) {
            return result;
        }
        if (!node.isArray()) {
            throw ApiException.badRequest(what + " must be a list of strings");
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw ApiException.badRequest(what + " must be a list of strings");
            }
            result.add(item.asText());
        }
        return result;
    }
}
