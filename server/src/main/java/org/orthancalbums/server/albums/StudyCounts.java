package org.orthancalbums.server.albums;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.orthancalbums.server.orthanc.OrthancClient;

/**
 * How many studies carry each album's label. A whole album list costs one Orthanc question (a
 * {@code /tools/find} over every label still unknown, answering each study's labels), not one per
 * album; answers are kept {@link #TTL_MILLIS} and forgotten as soon as albums-server changes a label
 * (labels added in OE2 by an administrator show within that time).
 */
final class StudyCounts {
    static final long TTL_MILLIS = 30_000;

    private record Known(long count, long at) {
    }

    private final OrthancClient orthanc;
    private final Clock clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    StudyCounts(OrthancClient orthanc, Clock clock) {
        this.orthanc = orthanc;
        this.clock = clock;
    }

    Map<String, Long> of(Collection<String> labels) {
        long now = clock.millis();
        Map<String, Long> counts = new HashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (String label : labels) {
            Known k = known.get(label);
            if (k != null && now - k.at() < TTL_MILLIS) {
                counts.put(label, k.count());
            } else {
                missing.add(label);
            }
        }
        if (!missing.isEmpty()) {
            Map<String, Long> fetched = new HashMap<>();
            missing.forEach(label -> fetched.put(label, 0L));
            ObjectNode query = orthanc.mapper().createObjectNode();
            query.put("Level", "Study");
            List<String> asked = new ArrayList<>(missing);
            asked.forEach(query.putArray("Labels")::add);
            query.put("LabelsConstraint", "Any");
            query.putObject("Query");
            query.putArray("ResponseContent").add("Labels");
            orthanc.find(query).forEach(study -> study.path("Labels").forEach(l -> fetched.computeIfPresent(l.asText(), (k, n) -> n + 1)));
            if (known.size() > 100_000) {
                known.clear();
            }
            fetched.forEach((label, count) -> known.put(label, new Known(count, now)));
            counts.putAll(fetched);
        }
        return counts;
    }

    void changed(String label) {
        known.remove(label);
    }
}
