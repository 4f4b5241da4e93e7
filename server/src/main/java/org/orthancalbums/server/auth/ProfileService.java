package org.orthancalbums.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.orthancalbums.core.albums.AlbumAction;
import org.orthancalbums.core.albums.AlbumRole;
import org.orthancalbums.server.ServerConfig.PluginSettings;
import org.orthancalbums.server.albums.AlbumRepository;
import org.orthancalbums.server.cache.KeptValues;
import org.orthancalbums.server.tokens.AlbumToken;
import org.orthancalbums.server.tokens.AlbumTokenService;

/**
 * Answers the plugin's {@code POST /user/get-profile}: what a bearer of a token may do in Orthanc.
 * Album users may view and download the studies of their albums (their labels); albums-admin may do
 * everything; albums-server's own API key is an admin; anything else is anonymous.
 */
public final class ProfileService {
    private static final List<String> ALBUM_USER_PERMISSIONS = List.of("view", "download");
    private static final long KEEP_PROFILE_MILLIS = 1_000;
    private static final int MAX_KEPT_PROFILES = 10_000;
    private final KeptValues<String, byte[]> keptProfiles = new KeptValues<>(KEEP_PROFILE_MILLIS, MAX_KEPT_PROFILES);

    private final TokenVerifier verifier;
    private final AlbumTokenService albumTokens;
    private final AlbumRepository albums;
    private final RolesSettings roles;
    private final UserDirectory directory;
    private final PluginSettings settings;
    private final byte[] apiKey;
    private final ObjectMapper mapper = new ObjectMapper();

    public ProfileService(TokenVerifier verifier, AlbumTokenService albumTokens, AlbumRepository albums, RolesSettings roles,
                          UserDirectory directory, PluginSettings settings, String orthancApiKey) {
        this.verifier = verifier;
        this.albumTokens = albumTokens;
        this.albums = albums;
        this.roles = roles;
        this.directory = directory;
        this.settings = settings;
        this.apiKey = orthancApiKey == null ? null : orthancApiKey.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The answer to {@code /user/get-profile}, serialized. A Keycloak user's profile (hundreds of labels
     * for a member of hundreds of albums) is kept for its token while no membership or role setting
     * changes through this server, and made again after {@link #KEEP_PROFILE_MILLIS} (for changes made beside
     * it) by one request at a time ({@link KeptValues}).
     */
    public byte[] profileJson(JsonNode request) {
        String tokenValue = request.path("token-value").asText("");
        boolean userToken = !tokenValue.isBlank() && request.path("user-id").asText("").isBlank() && !isServiceApiKey(tokenValue)
                && !TokenVerifier.stripBearer(tokenValue).startsWith(AlbumTokenService.PREFIX);
        if (!userToken) {
            return json(profile(request));
        }
        return keptProfiles.get(tokenValue, List.of(albums.membershipVersion(), roles.version()), System.currentTimeMillis(),
                () -> json(profile(request)));
    }

    private byte[] json(JsonNode profile) {
        try {
            return mapper.writeValueAsBytes(profile);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e); // a tree of strings and numbers always serializes
        }
    }

    /** Whether answering {@code request} asks Keycloak's directory (a profile by user id, for audit logs). */
    public static boolean asksDirectory(JsonNode request) {
        return request.path("token-value").asText("").isBlank() && !request.path("user-id").asText("").isBlank();
    }

    /** The plugin's request body: by token (token-key/token-value), or by user id for audit logs. */
    public JsonNode profile(JsonNode request) {
        if (asksDirectory(request)) {
            return profileOfUserId(request.path("user-id").asText(""));
        }
        String tokenValue = request.path("token-value").asText("");
        if (tokenValue.isBlank()) {
            return anonymous();
        }
        if (isServiceApiKey(tokenValue)) {
            return profile("albums-server", List.of("all"), List.of("*"), "albums-server");
        }
        String bare = TokenVerifier.stripBearer(tokenValue);
        if (bare.startsWith(AlbumTokenService.PREFIX)) {
            return albumTokens.resolve(bare, AlbumToken.Kind.VIEW).map(this::profileOfViewToken).orElseGet(this::anonymous);
        }
        try {
            return profileOf(verifier.verify(tokenValue));
        } catch (InvalidTokenException e) {
            // the plugin caches an anonymous answer; an error would make it retry on every request
            return anonymous();
        }
    }

    public boolean isServiceApiKey(String tokenValue) {
        return apiKey != null && MessageDigest.isEqual(apiKey,
                TokenVerifier.stripBearer(tokenValue).getBytes(StandardCharsets.UTF_8));
    }

    public ObjectNode profileOf(Caller caller) {
        if (caller.isAdmin()) {
            return profile(caller.displayName(), List.of("all"), List.of("*"), caller.userId());
        }
        RolesSettings.Grant grant = roles.grantFor(caller.roles());
        Map<String, AlbumRole> albumRoles = albums.labelRoles(caller.userId());
        Set<String> permissions = new LinkedHashSet<>(ALBUM_USER_PERMISSIONS);
        // OE2 shows its share button to holders of "share"; which studies they may publish is checked per album on creation
        if (albumRoles.values().stream().anyMatch(AlbumAction.PUBLISH_STUDY::allowedFor)) {
            permissions.add("share");
        }
        permissions.addAll(grant.permissions());
        Set<String> labels = new LinkedHashSet<>(albumRoles.keySet());
        labels.addAll(grant.labels());
        return profile(caller.displayName(), permissions, labels, caller.userId());
    }

    /**
     * An album-wide view token reads the album's label. A study-scoped one gets no permission and
     * no label, so that the plugin falls back to asking {@code /tokens/validate} about each study.
     */
    private ObjectNode profileOfViewToken(AlbumTokenService.Resolved resolved) {
        String name = "View link of " + resolved.creator().name();
        return resolved.token().studyInstanceUid() == null
                ? profile(name, List.of("view", "download"), List.of(resolved.album().label()), null)
                : profile(name, List.of(), List.of(), null);
    }

    public ObjectNode anonymous() {
        return profile("Anonymous", settings.anonymousPermissions(), settings.anonymousLabels(), null);
    }

    private JsonNode profileOfUserId(String userId) {
        return directory.find(userId)
                .<JsonNode>map(user -> profile(user.name(), List.of(), List.of(), user.id()))
                .orElse(NullNode.getInstance());
    }

    /** Every reply carries name, permissions, authorized-labels and validity, or the plugin rejects it. */
    public ObjectNode profile(String name, Collection<String> permissions, Collection<String> labels, String userId) {
        ObjectNode profile = mapper.createObjectNode();
        profile.put("name", name);
        ArrayNode permissionList = profile.putArray("permissions");
        permissions.forEach(permissionList::add);
        ArrayNode labelList = profile.putArray("authorized-labels");
        labels.forEach(labelList::add);
        profile.put("validity", settings.profileValiditySeconds());
        if (userId != null) {
            profile.put("user-id", userId);
        }
        profile.putArray("groups");
        return profile;
    }
}
