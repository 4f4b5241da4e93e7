package org.orthancalbums.server.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.orthancalbums.server.ServerConfig.PluginSettings;
import org.orthancalbums.server.auth.ProfileService;
import org.orthancalbums.server.auth.TokenVerifier;
import org.orthancalbums.server.http.ApiException;
import org.orthancalbums.server.tokens.ShareTokens.Resource;
import org.orthancalbums.server.tokens.ShareTokens.Share;

/**
 * The plugin's token routes, as orthanc-auth-service answers them: create share tokens
 * ({@code PUT /tokens/{type}}), validate a token against one resource ({@code /tokens/validate}),
 * and decode one for OE2's landing page ({@code /tokens/decode}).
 */
public final class ShareService {
    public static final Set<String> TYPES = Set.of("osimis-viewer-publication", "stone-viewer-publication",
            "ohif-viewer-publication", "volview-viewer-publication", "meddream-viewer-publication",
            "meddream-instant-link", "viewer-instant-link", "download-instant-link");
    private static final Set<String> LEVELS = Set.of("patient", "study", "series", "instance", "system");

    private final ShareTokens tokens;
    private final AlbumTokenService albumTokens;
    private final ProfileService profiles;
    private final PluginSettings settings;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();

    public ShareService(ShareTokens tokens, AlbumTokenService albumTokens, ProfileService profiles, PluginSettings settings,
                        Clock clock) {
        this.tokens = tokens;
        this.albumTokens = albumTokens;
        this.profiles = profiles;
        this.settings = settings;
        this.clock = clock;
    }

    public ObjectNode create(String type, JsonNode body) {
        if (!TYPES.contains(type)) {
            throw ApiException.badRequest("unknown token type '" + type + "'");
        }
        String bodyType = body.path("type").asText(type);
        if (!bodyType.equals(type)) {
            throw ApiException.badRequest("'type' field should match the url segment");
        }
        if (type.equals("meddream-instant-link")) {
            throw ApiException.badRequest("meddream-instant-link needs a MedDream token service, which albums-server does not provide");
        }
        if (!body.path("resources").isArray() || body.path("resources").isEmpty()) {
            throw ApiException.badRequest("'resources' must list at least one resource");
        }
        List<Resource> resources = new ArrayList<>();
        for (JsonNode r : body.path("resources")) {
            String level = r.path("level").asText("");
            if (!LEVELS.contains(level)) {
                throw ApiException.badRequest("each resource needs a level among " + LEVELS);
            }
            resources.add(new Resource(textOrNull(r, "dicom-uid"), textOrNull(r, "orthanc-id"), textOrNull(r, "url"), level));
        }
        String expirationText = textOrNull(body, "expiration-date");
        Long duration = body.path("validity-duration").canConvertToLong() && body.path("validity-duration").asLong() > 0
                ? body.path("validity-duration").asLong() : null;
        if (expirationText == null && duration != null) {
            expirationText = ShareTokens.isoformat(clock.instant().plusSeconds(duration));
        }
        Instant expiration;
        try {
            expiration = ShareTokens.parseExpiration(expirationText);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("'expiration-date' is not an ISO-8601 date and time");
        }
        Share share = new Share(textOrNull(body, "id"), type, resources, expiration, expirationText, duration);
        String token = tokens.sign(share);

        ObjectNode request = mapper.createObjectNode();
        request.put("id", share.id());
        ArrayNode resourceList = request.putArray("resources");
        resources.forEach(r -> resourceList.add(resourceJson(r, true)));
        request.put("type", type);
        request.put("expiration-date", expirationText);
        if (duration == null) {
            request.putNull("validity-duration");
        } else {
            request.put("validity-duration", duration);
        }
        ObjectNode answer = mapper.createObjectNode();
        answer.set("request", request);
        answer.put("token", token);
        answer.put("url", settings.publicLandingRoot() != null && !type.endsWith("instant-link")
                ? settings.publicLandingRoot() + "?token=" + token
                : viewerUrl(type, resources, token).orElse(null));
        return answer;
    }

    /** Grants when the token is albums-server's API key, or a share token for exactly this resource. */
    public ObjectNode validate(JsonNode body, String headerToken) {
        String token = TokenVerifier.stripBearer(headerToken != null ? headerToken : body.path("token-value").asText(""));
        if (token.startsWith(AlbumTokenService.PREFIX)) {
            return validation(albumTokens.resolve(token, AlbumToken.Kind.VIEW).map(v -> viewTokenGrants(v, body)).orElse(false));
        }
        return validation(!token.isEmpty() && (profiles.isServiceApiKey(token) || shareGrants(token, body)));
    }

    /** A study-scoped view token grants exactly its study; an album-wide one the studies labelled with its album. */
    private static boolean viewTokenGrants(AlbumTokenService.Resolved view, JsonNode request) {
        if (!"study".equals(request.path("level").asText()) || !"get".equals(request.path("method").asText())) {
            return false;
        }
        AlbumToken token = view.token();
        if (token.studyInstanceUid() != null) {
            return token.studyInstanceUid().equals(textOrNull(request, "dicom-uid"))
                    || token.studyOrthancId().equals(textOrNull(request, "orthanc-id"));
        }
        for (JsonNode label : request.path("labels")) {
            if (label.asText().equals(view.album().label())) {
                return true;
            }
        }
        return false;
    }

    public ObjectNode validation(boolean granted) {
        ObjectNode answer = mapper.createObjectNode();
        answer.put("granted", granted);
        answer.put("validity", settings.profileValiditySeconds());
        return answer;
    }

    private boolean shareGrants(String token, JsonNode request) {
        Optional<Share> share = tokens.verify(token);
        if (share.isEmpty()) {
            return false;
        }
        String dicomUid = textOrNull(request, "dicom-uid");
        String orthancId = textOrNull(request, "orthanc-id");
        if (dicomUid == null && orthancId == null) {
            return false;
        }
        List<Resource> resources = share.get().resources();
        if (dicomUid != null && resources.stream().allMatch(r -> r.dicomUid() != null)
                && resources.stream().noneMatch(r -> dicomUid.equals(r.dicomUid()))) {
            return false;
        }
        if (orthancId != null && resources.stream().allMatch(r -> r.orthancId() != null)
                && resources.stream().noneMatch(r -> orthancId.equals(r.orthancId()))) {
            return false;
        }
        if (settings.serverId() != null && !settings.serverId().equals(textOrNull(request, "server-id"))) {
            return false;
        }
        return !share.get().expiredAt(clock.instant());
    }

    public ObjectNode decode(JsonNode body) {
        ObjectNode answer = mapper.createObjectNode();
        answer.putNull("token-type");
        answer.putNull("error-code");
        answer.putNull("redirect-url");
        ArrayNode resourceList = answer.putArray("resources");
        String value = TokenVerifier.stripBearer(body.path("token-value").asText(""));
        if (value.startsWith(AlbumTokenService.PREFIX)) {
            return decodeViewToken(value, answer, resourceList);
        }
        Optional<Share> share = tokens.verify(value);
        if (share.isEmpty()) {
            answer.put("error-code", "invalid");
            return answer;
        }
        answer.put("token-type", share.get().type());
        if (share.get().expiredAt(clock.instant())) {
            answer.put("error-code", "expired");
            return answer;
        }
        Optional<String> redirect = share.get().type().endsWith("-publication") && !share.get().type().startsWith("meddream")
                ? viewerUrl(share.get().type(), share.get().resources(), value)
                : Optional.empty();
        if (redirect.isEmpty()) {
            answer.put("error-code", "unknown");
            return answer;
        }
        answer.put("redirect-url", redirect.get());
        share.get().resources().forEach(r -> resourceList.add(resourceJson(r, false)));
        return answer;
    }

    /** The plugin restricts a QIDO made with a study-scoped view token to the studies listed here. */
    private ObjectNode decodeViewToken(String value, ObjectNode answer, ArrayNode resourceList) {
        Optional<AlbumTokenService.Resolved> view = albumTokens.resolve(value, AlbumToken.Kind.VIEW);
        if (view.isEmpty()) {
            answer.put("error-code", "invalid");
            return answer;
        }
        answer.put("token-type", "viewer-instant-link");
        AlbumToken token = view.get().token();
        if (token.studyInstanceUid() != null) {
            resourceList.add(resourceJson(new Resource(token.studyInstanceUid(), token.studyOrthancId(), null, "study"), false));
        }
        return answer;
    }

    /** The viewer link auth-service gives for each publication type; empty when ids are missing. */
    private Optional<String> viewerUrl(String type, List<Resource> resources, String token) {
        String uids = join(resources, Resource::dicomUid);
        String ids = join(resources, Resource::orthancId);
        String root = settings.publicOrthancRoot();
        String t = URLEncoder.encode(token, StandardCharsets.UTF_8);
        return switch (type) {
            case "osimis-viewer-publication" -> ids == null ? Optional.empty()
                    : Optional.of(root + "osimis-viewer/app/index.html?pickableStudyIds=" + ids + "&selectedStudyIds=" + ids + "&token=" + t);
            case "stone-viewer-publication" -> uids == null ? Optional.empty()
                    : Optional.of(root + "stone-webviewer/index.html?study=" + uids + "&selectedStudies=" + uids + "&token=" + t);
            case "ohif-viewer-publication" -> ohifUrl(uids, ids, t);
            case "volview-viewer-publication" -> ids == null ? Optional.empty()
                    : Optional.of(root + "volview/index.html?names=[archive.zip]&urls=" + resources.stream()
                    .map(r -> "../studies/" + r.orthancId() + "/archive").collect(Collectors.joining(",")) + "&token=" + t);
            default -> Optional.empty();
        };
    }

    private Optional<String> ohifUrl(String uids, String ids, String token) {
        if (settings.publicOhifRoot() == null) {
            return Optional.empty();
        }
        if (settings.ohifDataSource().equals("dicom-web")) {
            return uids == null ? Optional.empty() : Optional.of(settings.publicOhifRoot() + "viewer?StudyInstanceUIDs=" + uids + "&token=" + token);
        }
        return ids == null ? Optional.empty()
                : Optional.of(settings.publicOhifRoot() + "viewer?url=../studies/" + ids + "/ohif-dicom-json&token=" + token);
    }

    private static String join(List<Resource> resources, java.util.function.Function<Resource, String> field) {
        List<String> values = resources.stream().map(field).toList();
        return values.stream().anyMatch(Objects::isNull) ? null : String.join(",", values);
    }

    private ObjectNode resourceJson(Resource r, boolean withUrlAndLevel) {
        ObjectNode node = mapper.createObjectNode();
        node.put("dicom-uid", r.dicomUid());
        node.put("orthanc-id", r.orthancId());
        if (withUrlAndLevel) {
            node.put("url", r.url());
        }
        node.put("level", r.level());
        return node;
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }
}
