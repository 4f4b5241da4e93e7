package org.orthancalbums.server.tokens;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.orthancalbums.server.ServerConfig.PluginSettings;
import org.orthancalbums.server.tokens.ShareTokens.Resource;

/** The links orthanc-auth-service gives for share tokens: OE2's landing page, or the viewer a publication opens. */
final class ViewerLinks {
    private final PluginSettings settings;

    ViewerLinks(PluginSettings settings) {
        this.settings = settings;
    }

    /** What the share button shows: the landing page when configured, else the viewer itself; none for instant links without a viewer. */
    String shareUrl(String type, List<Resource> resources, String token) {
        return settings.publicLandingRoot() != null && !type.endsWith("instant-link")
                ? settings.publicLandingRoot() + "?token=" + token
                : viewerUrl(type, resources, token).orElse(null);
    }

    /** The viewer link for each publication type; empty when ids are missing or the type opens no viewer. */
    Optional<String> viewerUrl(String type, List<Resource> resources, String token) {
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

    private static String join(List<Resource> resources, Function<Resource, String> field) {
        List<String> values = resources.stream().map(field).toList();
        return values.stream().anyMatch(Objects::isNull) ? null : String.join(",", values);
    }
}
