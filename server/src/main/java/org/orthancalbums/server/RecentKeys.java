package org.orthancalbums.server;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys remembered for a short time, bounded in number: decisions worth reusing for a few seconds, or
 * facts a later question depends on. A key that is forgotten (expired, or dropped when full) only
 * costs asking again; it is never a reason to grant more.
 */
public final class RecentKeys {
    private static final int MAX = 50_000;

    private final Map<String, Long> until = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long ttlMillis;

    public RecentKeys(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
    }

    public boolean holds(String key) {
        Long expires = until.get(key);
        return expires != null && expires > clock.millis();
    }

    public void remember(String key) {
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
