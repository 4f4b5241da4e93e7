package org.orthancalbums.server.orthanc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.orthancalbums.core.api.Page;
import org.orthancalbums.core.api.StudySummary;

/**
 * Lists the studies carrying a label with Orthanc's {@code /tools/find} (1.12.5+: Labels, OrderBy,
 * Limit/Since) so that albums of thousands of studies are paged by Orthanc, not by us. An Orthanc whose index
 * cannot order (no "HasExtendedFind": Debian trixie's orthanc-postgresql 5.0 answers OrderBy with an error)
 * has its albums ordered here instead, up to {@link #MAX_SORTED_HERE} studies.
 */
public final class StudyFinder {
    /** Fields a search looks in; Orthanc ANDs constraints, so each field is one query and we merge. */
    private static final List<String> SEARCHED_TAGS = List.of("PatientName", "PatientID", "StudyDescription", "AccessionNumber");
    private static final int MAX_SEARCH_MATCHES = 5000;
    /** Past this many studies an album on an Orthanc that cannot order is paged in Orthanc's own order. */
    static final int MAX_SORTED_HERE = 20_000;

    private final OrthancClient orthanc;
    private volatile Boolean ordersItself;

    public StudyFinder(OrthancClient orthanc) {
        this.orthanc = orthanc;
    }

    public long count(String label) {
        ObjectNode query = baseQuery(label);
        return orthanc.countResources(query).path("Count").asLong();
    }

    /** How a list can be ordered: the API's name, Orthanc's tag, and the same order for in-memory lists. */
    public enum Sort {
        STUDY_DATE("studyDate", "StudyDate", Comparator.comparing(StudySummary::studyDate)),
        PATIENT_NAME("patientName", "PatientName", Comparator.comparing(StudySummary::patientName, String.CASE_INSENSITIVE_ORDER)),
        PATIENT_ID("patientId", "PatientID", Comparator.comparing(StudySummary::patientId)),
        DESCRIPTION("studyDescription", "StudyDescription",
                Comparator.comparing(StudySummary::studyDescription, String.CASE_INSENSITIVE_ORDER));

        final String apiName;
        final String tag;
        final Comparator<StudySummary> order;

        Sort(String apiName, String tag, Comparator<StudySummary> order) {
            this.apiName = apiName;
            this.tag = tag;
            this.order = order;
        }

        /** "studyDate" ascending, "-studyDate" descending; null means newest first. */
        public static Optional<Order> parse(String text) {
            if (text == null || text.isBlank()) {
                return Optional.of(new Order(STUDY_DATE, true));
            }
            boolean descending = text.startsWith("-");
            String name = descending ? text.substring(1) : text;
            for (Sort sort : values()) {
                if (sort.apiName.equals(name)) {
                    return Optional.of(new Order(sort, descending));
                }
            }
            return Optional.empty();
        }
    }

    public record Order(Sort sort, boolean descending) {
        Comparator<StudySummary> comparator() {
            Comparator<StudySummary> order = sort.order.thenComparing(StudySummary::studyInstanceUid);
            return descending ? order.reversed() : order;
        }
    }

    public Page<StudySummary> list(String label, String search, int offset, int limit) {
        return list(label, search, new Order(Sort.STUDY_DATE, true), offset, limit);
    }

    public Page<StudySummary> list(String label, String search, Order order, int offset, int limit) {
        String text = cleanSearch(search);
        if (text.isEmpty()) {
            long total = count(label);
            if (!ordersItself() && total <= MAX_SORTED_HERE) {
                return sortedHere(label, order, offset, limit);
            }
            ObjectNode query = expanded(baseQuery(label));
            if (ordersItself()) {
                query.putArray("OrderBy").addObject().put("Type", "DicomTag").put("Key", order.sort().tag)
                        .put("Direction", order.descending() ? "DESC" : "ASC");
            }
            query.put("Since", offset).put("Limit", limit);
            List<StudySummary> items = new ArrayList<>();
            orthanc.find(query).forEach(study -> items.add(summary(study)));
            return new Page<>(total, items);
        }
        Map<String, StudySummary> matches = new LinkedHashMap<>();
        for (String tag : SEARCHED_TAGS) {
            ObjectNode query = expanded(baseQuery(label));
            query.putObject("Query").put(tag, "*" + text + "*");
            query.put("CaseSensitive", false).put("Limit", MAX_SEARCH_MATCHES);
            orthanc.find(query).forEach(study -> matches.putIfAbsent(study.path("ID").asText(), summary(study)));
        }
        List<StudySummary> sorted = matches.values().stream().sorted(order.comparator()).toList();
        return new Page<>(sorted.size(), sorted.subList(Math.min(offset, sorted.size()), Math.min(offset + limit, sorted.size())));
    }

    /** Whether Orthanc's index can order a find (asked once: it does not change while Orthanc runs). */
    private boolean ordersItself() {
        Boolean known = ordersItself;
        if (known == null) {
            known = orthanc.system().path("Capabilities").path("HasExtendedFind").asBoolean(false);
            ordersItself = known;
        }
        return known;
    }

    /** The album's studies' main tags ordered here, then the page's details (counts, modalities) in one more question. */
    private Page<StudySummary> sortedHere(String label, Order order, int offset, int limit) {
        ObjectNode all = baseQuery(label);
        all.put("Expand", true);
        List<StudySummary> sorted = new ArrayList<>();
        orthanc.find(all).forEach(study -> sorted.add(summary(study)));
        sorted.sort(order.comparator());
        int from = Math.min(offset, sorted.size());
        List<StudySummary> page = sorted.subList(from, from + Math.min(limit, sorted.size() - from));
        Map<String, StudySummary> detailed = new HashMap<>();
        if (!page.isEmpty()) {
            ObjectNode details = expanded(baseQuery(label));
            ((ObjectNode) details.get("Query")).put("StudyInstanceUID",
                    String.join("\\", page.stream().map(StudySummary::studyInstanceUid).toList()));
            orthanc.find(details).forEach(study -> detailed.put(study.path("ID").asText(), summary(study)));
        }
        return new Page<>(sorted.size(), page.stream().map(s -> detailed.getOrDefault(s.orthancId(), s)).toList());
    }

    /** Wildcards and DICOM's value separator would change the query's meaning: they are not searched for. */
    static String cleanSearch(String search) {
        if (search == null) {
            return "";
        }
        String text = search.replaceAll("[*?\\\\]", " ").strip();
        return text.length() > 64 ? text.substring(0, 64) : text;
    }

    private ObjectNode baseQuery(String label) {
        ObjectNode query = orthanc.mapper().createObjectNode();
        query.put("Level", "Study");
        query.putObject("Query");
        query.putArray("Labels").add(label);
        query.put("LabelsConstraint", "All");
        return query;
    }

    private static ObjectNode expanded(ObjectNode query) {
        query.put("Expand", true);
        query.putArray("RequestedTags").add("ModalitiesInStudy").add("NumberOfStudyRelatedSeries").add("NumberOfStudyRelatedInstances");
        return query;
    }

    static StudySummary summary(JsonNode study) {
        JsonNode tags = study.path("MainDicomTags");
        JsonNode patient = study.path("PatientMainDicomTags");
        JsonNode requested = study.path("RequestedTags");
        String modalities = requested.path("ModalitiesInStudy").asText("");
        return new StudySummary(tags.path("StudyInstanceUID").asText(), study.path("ID").asText(),
                patient.path("PatientName").asText(""), patient.path("PatientID").asText(""),
                tags.path("StudyDate").asText(""), tags.path("StudyDescription").asText(""),
                modalities.isEmpty() ? List.of() : Arrays.asList(modalities.split("\\\\")),
                requested.path("NumberOfStudyRelatedSeries").asInt(), requested.path("NumberOfStudyRelatedInstances").asInt());
    }
}
