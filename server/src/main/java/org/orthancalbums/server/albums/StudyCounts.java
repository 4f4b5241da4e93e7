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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.orthancalbums.server.orthanc.OrthancClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many studies carry each album's label. A whole album list costs one Orthanc question per
 * {@link #LABELS_PER_QUESTION} albums (a {@code /tools/find} over labels still unknown, answering each study's
 * labels), not one per album. Counts are fresh for {@link #TTL_MILLIS}; older ones are still answered at once while one
 * background question refreshes them: at 100,000 studies that question takes Orthanc seconds for a member
 * of 500 albums (./albums bench scale), which must not be on a person's path each time. A label albums-server
 * changes is forgotten at once and asked again (labels added in OE2 by an administrator show after a refresh).
 */
final class StudyCounts {
    static final long TTL_MILLIS = 30_000;
    /**
     * Labels per question: the question's time grows with the studies it returns, and one for 500 albums at
     * 100,000 studies took longer than Orthanc calls may (about 40 s on Debian's orthanc-postgresql 5.0).
     */
    static final int LABELS_PER_QUESTION = 100;
    private static final Logger LOG = LoggerFactory.getLogger(StudyCounts.class);

    private record Known(long count, long at) {
    }

    private final OrthancClient orthanc;
    private final Clock clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    /** When (in {@link #changes} steps) each label was last changed here: a refresh begun before must not bring back its old count. */
    private final Map<String, Long> changedAt = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "study-counts");
        thread.setDaemon(true);
        return thread;
    });

    StudyCounts(OrthancClient orthanc, Clock clock) {
        this.orthanc = orthanc;
        this.clock = clock;
    }

    Map<String, Long> of(Collection<String> labels) {
        long now = clock.millis();
        Map<String, Long> counts = new HashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        Set<String> stale = new LinkedHashSet<>();
        for (String label : labels) {
            Known k = known.get(label);
            if (k == null) {
                missing.add(label);
            } else {
                counts.put(label, k.count());
                if (now - k.at() >= TTL_MILLIS && refreshing.add(label)) {
                    stale.add(label);
                }
            }
        }
        if (!missing.isEmpty()) {
            counts.putAll(fetch(missing));
        }
        if (!stale.isEmpty()) {
            refresher.execute(() -> {
                try {
                    fetch(stale);
                } catch (RuntimeException e) {
                    LOG.warn("refreshing {} albums' study counts failed: {}", stale.size(), e.getMessage());
                } finally {
                    refreshing.removeAll(stale);
                }
            });
        }
        return counts;
    }

    private Map<String, Long> fetch(Set<String> labels) {
        long asked = changes.get();
        Map<String, Long> fetched = new HashMap<>();
        labels.forEach(label -> fetched.put(label, 0L));
        List<String> asking = new ArrayList<>(labels);
        for (int from = 0; from < asking.size(); from += LABELS_PER_QUESTION) {
            Set<String> chunk = Set.copyOf(asking.subList(from, Math.min(from + LABELS_PER_QUESTION, asking.size())));
            ObjectNode query = orthanc.mapper().createObjectNode();
            query.put("Level", "Study");
            chunk.forEach(query.putArray("Labels")::add);
            query.put("LabelsConstraint", "Any");
            query.putObject("Query");
            query.putArray("ResponseContent").add("Labels");
            // a study in albums of two questions is answered by both: each counts only its own labels
            orthanc.find(query).forEach(study -> study.path("Labels").forEach(l -> {
                if (chunk.contains(l.asText())) {
                    fetched.merge(l.asText(), 1L, Long::sum);
                }
            }));
        }
        if (known.size() > 100_000) {
            known.clear();
            changedAt.clear();
        }
        long at = clock.millis();
        fetched.forEach((label, count) -> {
            if (changedAt.getOrDefault(label, -1L) <= asked) {
                known.put(label, new Known(count, at));
            }
        });
        return fetched;
    }

    void changed(String label) {
        changedAt.put(label, changes.incrementAndGet());
        known.remove(label);
    }
}
