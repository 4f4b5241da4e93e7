package org.orthancalbums.server.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.orthancalbums.server.RecentKeys;

/**
 * What a resource token (a study view token, a share link) may do through the real authorization
 * plugin: read its studies, nothing else. The plugin (0.11.4, {@code CheckedLevel: studies}) asks
 * {@code /tokens/validate} about one study at a time:
 * <ul>
 * <li>a native read, and the first check of every DICOMweb read: {@code "get"} with the study's labels;</li>
 * <li>then, for DICOMweb, the {@code POST /tools/find} the DICOMweb plugin runs inside Orthanc: {@code "post"},
 *     never with labels;</li>
 * <li>writes: {@code /modify} and {@code /anonymize} as {@code "post"} with the labels, {@code DELETE} as
 *     {@code "delete"}, label changes as {@code "put"}.</li>
 * </ul>
 * The plugin omits {@code labels} when it believes a study has none (it caches study labels 60 s), so a
 * write can look like the internal find. A {@code "post"} is therefore granted only right after this
 * server granted the same token a labelled {@code "get"} of the same study, which the plugin sends first
 * for every DICOMweb read and cannot send while it believes the study unlabelled. Those answers have
 * validity 0: the plugin's cache key ignores labels, so a cached grant would let a later write through.
 */
final class ResourceReads {
    /** A token's reach, as the plugin describes a study: its DICOM and Orthanc ids and the labels it carries. */
    interface Scope {
        boolean covers(String dicomUid, String orthancId);

        /** Whether the token may read a study carrying these labels (empty when the plugin sent none). */
        boolean admits(Set<String> labels);
    }

    /** The plugin's answer: whether, and for how many seconds it may reuse the answer. */
    record Verdict(boolean granted, int validity) {
    }

    /** Labelled reads granted lately: forgetting one only refuses a DICOMweb read, never grants a write. */
    private final RecentKeys labelledReads;
    private final int getValidity;

    ResourceReads(Clock clock, int getValidity) {
        this.getValidity = getValidity;
        // the plugin may reuse a granted "get" for its validity, and the "post" follows each reuse
        this.labelledReads = new RecentKeys(clock, Duration.ofSeconds(getValidity + 2L));
    }

    /** {@code tokenKey} identifies the token (a hash, never the secret itself). */
    Verdict decide(JsonNode request, String tokenKey, Scope scope) {
        if (!"study".equals(request.path("level").asText())) {
            return new Verdict(false, 0);
        }
        String dicomUid = text(request, "dicom-uid");
        String orthancId = text(request, "orthanc-id");
        String readKey = tokenKey + '|' + orthancId;
        switch (request.path("method").asText()) {
            case "get" -> {
                Set<String> labels = labels(request);
                boolean granted = scope.covers(dicomUid, orthancId) && scope.admits(labels);
                if (granted && !labels.isEmpty() && orthancId != null) {
                    labelledReads.remember(readKey);
                }
                return new Verdict(granted, getValidity);
            }
            case "post" -> {
                boolean granted = !request.has("labels") && labelledReads.holds(readKey) && scope.covers(dicomUid, orthancId);
                return new Verdict(granted, 0);
            }
            default -> {
                return new Verdict(false, 0);
            }
        }
    }


    private static Set<String> labels(JsonNode request) {
        Set<String> labels = new LinkedHashSet<>();
        request.path("labels").forEach(l -> labels.add(l.asText()));
        return labels;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }
}
