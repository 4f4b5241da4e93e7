package org.orthancalbums.server.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.orthancalbums.core.albums.AlbumAction;
import org.orthancalbums.server.ServerConfig.PluginSettings;
import org.orthancalbums.server.albums.AlbumService;
import org.orthancalbums.server.auth.ProfileService;
import org.orthancalbums.server.auth.TokenVerifier;
import org.orthancalbums.server.http.ApiException;
import org.orthancalbums.server.orthanc.OrthancClient;
import org.orthancalbums.server.orthanc.OrthancException;
import org.orthancalbums.server.tokens.ShareTokens.Resource;
import org.orthancalbums.server.tokens.ShareTokens.Share;

/**
 * The plugin's token routes: validate a resource token (a study view token or an OE2 share link)
 * against one study ({@code /tokens/validate}), decode one ({@code /tokens/decode}), and refuse the
 * plugin's own token creation, which does not say who asks (share links are made by
 * {@link ShareLinkService} for a logged-in user).
 */
public final class ShareService {
    public static final Set<String> TYPES = Set.of("osimis-viewer-publication", "stone-viewer-publication",
            "ohif-viewer-publication", "volview-viewer-publication", "meddream-viewer-publication",
            "meddream-instant-link", "viewer-instant-link", "download-instant-link");

    private final ShareTokens tokens;
    private final AlbumTokenService albumTokens;
    private final ProfileService profiles;
    private final AlbumService albums;
    private final OrthancClient orthanc;
    private final PluginSettings settings;
    private final ViewerLinks links;
    private final ResourceReads reads;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();

    public ShareService(ShareTokens tokens, AlbumTokenService albumTokens, ProfileService profiles, AlbumService albums,
                        OrthancClient orthanc, PluginSettings settings, Clock clock) {
        this.tokens = tokens;
        this.albumTokens = albumTokens;
        this.profiles = profiles;
        this.albums = albums;
        this.orthanc = orthanc;
        this.settings = settings;
        this.links = new ViewerLinks(settings);
        this.reads = new ResourceReads(clock, settings.profileValiditySeconds());
        this.clock = clock;
    }

    /** What creating a link of this type asks of its creator: publications reach anyone, instant links only their user. */
    static AlbumAction requiredAction(String type) {
        return type.endsWith("-publication") ? AlbumAction.PUBLISH_STUDY : AlbumAction.CREATE_VIEW_TOKEN;
    }

    /**
     * The plugin forwards OE2's share and instant-link requests here without the caller: minting on
     * its word would let any sharer publish any study in Orthanc.
     */
    public ObjectNode create(String type) {
        throw ApiException.forbidden("albums-server makes share links only for a logged-in user: route Orthanc's "
                + "PUT /auth/tokens/" + type + " to albums-server's /api/share-tokens/" + type + " (deploy/nginx.conf does)");
    }

    /** albums-server's own API key may do anything; resource tokens may read their studies (see {@link ResourceReads}). */
    public ObjectNode validate(JsonNode body, String headerToken) {
        String token = TokenVerifier.stripBearer(headerToken != null ? headerToken : body.path("token-value").asText(""));
        if (token.isEmpty()) {
            return answer(new ResourceReads.Verdict(false, 0));
        }
        if (profiles.isServiceApiKey(token)) {
            return answer(new ResourceReads.Verdict(true, settings.profileValiditySeconds()));
        }
        if (settings.serverId() != null && !settings.serverId().equals(body.path("server-id").asText(null))) {
            return answer(new ResourceReads.Verdict(false, settings.profileValiditySeconds()));
        }
        return answer(scopeOf(token)
                .map(scope -> reads.decide(body, AlbumTokenService.hash(token), scope))
                .orElse(new ResourceReads.Verdict(false, settings.profileValiditySeconds())));
    }

    private Optional<ResourceReads.Scope> scopeOf(String token) {
        if (token.startsWith(AlbumTokenService.PREFIX)) {
            return albumTokens.resolve(token, AlbumToken.Kind.VIEW).map(ShareService::viewTokenScope);
        }
        return tokens.verify(token).filter(this::live).map(this::shareScope);
    }

    /** A study view token covers its study, an album-wide one every study; either only while the study is in its album. */
    private static ResourceReads.Scope viewTokenScope(AlbumTokenService.Resolved view) {
        AlbumToken token = view.token();
        return new ResourceReads.Scope() {
            @Override
            public boolean covers(String dicomUid, String orthancId) {
                if (token.studyInstanceUid() == null) {
                    return true;
                }
                return orthancId != null ? orthancId.equals(token.studyOrthancId()) : token.studyInstanceUid().equals(dicomUid);
            }

            @Override
            public boolean admits(Set<String> labels) {
                return labels.contains(view.album().label());
            }
        };
    }

    /**
     * A share link covers its resources. One made by an album member reads a study only while the study is
     * in an album where the member may still make such links; admins' links and auth-service's cover their
     * resources as auth-service's do (read-only here).
     */
    private ResourceReads.Scope shareScope(Share share) {
        return new ResourceReads.Scope() {
            @Override
            public boolean covers(String dicomUid, String orthancId) {
                return ShareService.covers(share.resources(), dicomUid, orthancId);
            }

            @Override
            public boolean admits(Set<String> labels) {
                if (share.creatorId() == null) {
                    return true;
                }
                return albums.allowsAny(share.creatorId(), requiredAction(share.type()), labels);
            }
        };
    }

    private boolean live(Share share) {
        return !share.expiredAt(clock.instant());
    }

    private static boolean covers(List<Resource> resources, String dicomUid, String orthancId) {
        if (dicomUid == null && orthancId == null) {
            return false;
        }
        if (dicomUid != null && resources.stream().allMatch(r -> r.dicomUid() != null)
                && resources.stream().noneMatch(r -> dicomUid.equals(r.dicomUid()))) {
            return false;
        }
        return orthancId == null || resources.stream().anyMatch(r -> r.orthancId() == null)
                || resources.stream().anyMatch(r -> orthancId.equals(r.orthancId()));
    }

    private ObjectNode answer(ResourceReads.Verdict verdict) {
        ObjectNode answer = mapper.createObjectNode();
        answer.put("granted", verdict.granted());
        answer.put("validity", verdict.validity());
        return answer;
    }

    /**
     * OE2's landing page reads the type, redirect and error; the plugin restricts a QIDO made with the token
     * and no StudyInstanceUID to the listed resources without asking about them again, so only studies the
     * token may still read are listed.
     */
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
        if (!live(share.get())) {
            answer.put("error-code", "expired");
            return answer;
        }
        Optional<String> redirect = share.get().type().endsWith("-publication") && !share.get().type().startsWith("meddream")
                ? links.viewerUrl(share.get().type(), share.get().resources(), value)
                : Optional.empty();
        if (redirect.isEmpty()) {
            answer.put("error-code", "unknown");
        } else {
            answer.put("redirect-url", redirect.get());
        }
        ResourceReads.Scope scope = shareScope(share.get());
        share.get().resources().stream()
                .filter(r -> share.get().creatorId() == null || r.orthancId() != null && scope.admits(labelsInOrthanc(r.orthancId())))
                .forEach(r -> resourceList.add(resourceJson(r)));
        return answer;
    }

    private ObjectNode decodeViewToken(String value, ObjectNode answer, ArrayNode resourceList) {
        Optional<AlbumTokenService.Resolved> view = albumTokens.resolve(value, AlbumToken.Kind.VIEW);
        if (view.isEmpty()) {
            answer.put("error-code", "invalid");
            return answer;
        }
        answer.put("token-type", "viewer-instant-link");
        AlbumToken token = view.get().token();
        if (token.studyInstanceUid() != null && labelsInOrthanc(token.studyOrthancId()).contains(view.get().album().label())) {
            resourceList.add(resourceJson(new Resource(token.studyInstanceUid(), token.studyOrthancId(), null, "study")));
        }
        return answer;
    }

    /** A study's labels as Orthanc has them now; none when Orthanc does not answer (nothing is listed then). */
    private Set<String> labelsInOrthanc(String studyId) {
        try {
            return orthanc.studyLabels(studyId);
        } catch (OrthancException e) {
            return Set.of();
        }
    }

    private ObjectNode resourceJson(Resource r) {
        ObjectNode node = mapper.createObjectNode();
        node.put("dicom-uid", r.dicomUid());
        node.put("orthanc-id", r.orthancId());
        node.put("level", r.level());
        return node;
    }
}
