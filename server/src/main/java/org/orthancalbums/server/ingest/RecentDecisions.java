package org.orthancalbums.server.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Positive decisions kept for a short time, bounded in number. A decision that expires is simply made
 * again; revoking a token or removing a study from an album therefore takes effect within {@code ttl}.
 */
final class RecentDecisions {
    private static final int MAX = 10_000;

    private final Map<String, Long> until = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long ttlMillis;

    RecentDecisions(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
    }

    boolean holds(String key) {
        Long expires = until.get(key);
        return expires != null && expires > clock.millis();
    }

    void remember(String key) {
        long now = clock.millis();
        if (until.size() >= MAX) {
            until.values().removeIf(expires -> expires <= now);
            if (until.size() >= MAX) {
                until.clear();
            }
        }
        until.put(key, now + ttlMillis);
    }
}
