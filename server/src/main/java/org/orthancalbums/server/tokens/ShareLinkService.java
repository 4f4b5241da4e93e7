package org.orthancalbums.server.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.orthancalbums.core.albums.AlbumAction;
import org.orthancalbums.server.ServerConfig.PluginSettings;
import org.orthancalbums.server.albums.AlbumService;
import org.orthancalbums.server.auth.Caller;
import org.orthancalbums.server.http.ApiException;
import org.orthancalbums.server.orthanc.OrthancClient;
import org.orthancalbums.server.orthanc.OrthancException;
import org.orthancalbums.server.tokens.ShareTokens.Resource;
import org.orthancalbums.server.tokens.ShareTokens.Share;

/**
 * OE2's share and instant-link buttons ({@code PUT /auth/tokens/{type}} on Orthanc, routed by the
 * reverse proxy to {@code PUT /api/share-tokens/{type}} here with the user's own bearer token): the
 * Orthanc-flavoured request and answer of the plugin, but made for a known user, only for studies of
 * albums where the user's role allows it. Publications need {@link AlbumAction#PUBLISH_STUDY}, instant
 * links {@link AlbumAction#CREATE_VIEW_TOKEN}; admins may link any study.
 */
public final class ShareLinkService {
    private static final int MAX_RESOURCES = 100;
    private static final Pattern ORTHANC_ID = Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{8}){4}");

    private final ShareTokens tokens;
    private final AlbumService albums;
    private final OrthancClient orthanc;
    private final ViewerLinks links;
    private final Clock clock;
    private final Duration maxInstantLink;
    private final ObjectMapper mapper = new ObjectMapper();

    public ShareLinkService(ShareTokens tokens, AlbumService albums, OrthancClient orthanc, PluginSettings settings, Clock clock,
                            Duration maxInstantLink) {
        this.tokens = tokens;
        this.albums = albums;
        this.orthanc = orthanc;
        this.links = new ViewerLinks(settings);
        this.clock = clock;
        this.maxInstantLink = maxInstantLink;
    }

    /** {@code {"Resources":[{"OrthancId","DicomUid","Level"}],"Type","ValidityDuration"?,"ExpirationDate"?,"Id"?}} → {@code {"Token","Url"}}. */
    public ObjectNode create(Caller caller, String type, JsonNode body) {
        if (!ShareService.TYPES.contains(type)) {
            throw ApiException.badRequest("unknown token type '" + type + "'");
        }
        if (type.startsWith("meddream")) {
            throw ApiException.badRequest(type + " needs a MedDream token service, which albums-server does not provide");
        }
        if (body.hasNonNull("Type") && !body.path("Type").asText().equals(type)) {
            throw ApiException.badRequest("'Type' should match the url segment");
        }
        JsonNode requested = body.path("Resources");
        if (!requested.isArray() || requested.isEmpty() || requested.size() > MAX_RESOURCES) {
            throw ApiException.badRequest("'Resources' must list 1 to " + MAX_RESOURCES + " studies");
        }
        AlbumAction action = ShareService.requiredAction(type);
        List<Resource> resources = new ArrayList<>();
        for (JsonNode r : requested) {
            resources.add(authorizedStudy(caller, action, r));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiration = expiration(body, type, now);
        String expirationText = expiration == null ? null : ShareTokens.isoformat(expiration);
        Long duration = expiration == null ? null : Duration.between(now, expiration).toSeconds();
        String id = body.hasNonNull("Id") ? body.path("Id").asText() : null;
        String token = tokens.sign(new Share(id, type, resources, expiration, expirationText, duration,
                caller.isAdmin() ? null : caller.userId()));
        ObjectNode answer = mapper.createObjectNode();
        answer.put("Token", token);
        answer.put("Url", links.shareUrl(type, resources, token));
        return answer;
    }

    /** The study a resource names, with both its ids, if the caller may link it. */
    private Resource authorizedStudy(Caller caller, AlbumAction action, JsonNode r) {
        if (!r.path("Level").asText("study").equalsIgnoreCase("study")) {
            throw ApiException.badRequest("share links are made for whole studies ('Level': 'study')");
        }
        String orthancId = r.hasNonNull("OrthancId") ? r.path("OrthancId").asText() : null;
        String dicomUid = r.hasNonNull("DicomUid") ? r.path("DicomUid").asText() : null;
        if (orthancId == null) {
            List<String> ids = dicomUid == null ? List.of() : orthanc.findStudyIds(dicomUid);
            if (ids.size() != 1) {
                throw notVisible();
            }
            orthancId = ids.get(0);
        }
        if (!ORTHANC_ID.matcher(orthancId).matches()) {
            throw notVisible();
        }
        JsonNode study;
        try {
            study = orthanc.study(orthancId);
        } catch (OrthancException e) {
            if (e.status() == 404 || e.status() == 400) {
                throw notVisible();
            }
            throw e;
        }
        String studyUid = study.path("MainDicomTags").path("StudyInstanceUID").asText();
        if (dicomUid != null && !dicomUid.equals(studyUid)) {
            throw notVisible();
        }
        if (!caller.isAdmin()) {
            Set<String> labels = new LinkedHashSet<>();
            study.path("Labels").forEach(l -> labels.add(l.asText()));
            if (!albums.allowsAny(caller.userId(), AlbumAction.VIEW_STUDIES, labels)) {
                throw notVisible();
            }
            if (!albums.allowsAny(caller.userId(), action, labels)) {
                throw ApiException.forbidden("your role in the albums holding this study may not " + action.description());
            }
        }
        return new Resource(studyUid, orthancId, null, "study");
    }

    /** Publications last as asked (OE2 sends no duration for "never"); instant links at most the view-token maximum. */
    private Instant expiration(JsonNode body, String type, Instant now) {
        Instant expiration = null;
        if (body.hasNonNull("ExpirationDate")) {
            try {
                expiration = ShareTokens.parseExpiration(body.path("ExpirationDate").asText()).truncatedTo(ChronoUnit.SECONDS);
            } catch (RuntimeException e) {
                throw ApiException.badRequest("'ExpirationDate' is not an ISO-8601 date and time");
            }
        } else if (body.path("ValidityDuration").canConvertToLong() && body.path("ValidityDuration").asLong() > 0) {
            expiration = now.plusSeconds(body.path("ValidityDuration").asLong());
        }
        if (expiration != null && !expiration.isAfter(now)) {
            throw ApiException.badRequest("the link would already be expired");
        }
        Instant latestInstant = now.plus(maxInstantLink);
        if (type.endsWith("instant-link") && (expiration == null || expiration.isAfter(latestInstant))) {
            return latestInstant;
        }
        return expiration;
    }

    private static ApiException notVisible() {
        return ApiException.notFound("there is no such study in your albums");
    }
}
