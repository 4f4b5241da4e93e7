package org.orthancalbums.server.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Answers the plugin asks for again and again (a user's profile, the labels of their albums, a token's album), kept
 * per key while their version stands (counters bumped by every change made through this server) and for at most
 * {@code maxAgeMillis} (for changes made beside it: another albums-server, an operator's SQL). Past that age one
 * caller makes the value again while the others still get the kept one: when every caller arriving past it made
 * it again, all the HTTP threads did so at once each second and the plugin's slowest answers tripled.
 */
public final class KeptValues<K, V> {
    private record Kept<V>(V value, Object version, long at, AtomicBoolean remaking) {
    }

    private final Map<K, Kept<V>> values = new ConcurrentHashMap<>();
    private final long maxAgeMillis;
    private final int maxKeys;

    public KeptValues(long maxAgeMillis, int maxKeys) {
        this.maxAgeMillis = maxAgeMillis;
        this.maxKeys = maxKeys;
    }

    /**
     * The value kept for {@code key} at {@code version} (compared with equals), or the one {@code make} answers now,
     * kept in turn; a null from {@code make} (nothing there any more) is answered and forgets the key.
     */
    public V get(K key, Object version, long nowMillis, Supplier<V> make) {
        Kept<V> kept = values.get(key);
        boolean current = kept != null && kept.version().equals(version);
        if (current && (nowMillis - kept.at() < maxAgeMillis || !kept.remaking().compareAndSet(false, true))) {
            return kept.value();
        }
        try {
            V value = make.get();
            if (value == null) {
                values.remove(key);
            } else {
                if (values.size() >= maxKeys) {
                    values.clear();
                }
                values.put(key, new Kept<>(value, version, nowMillis, new AtomicBoolean()));
            }
            return value;
        } finally {
            if (current) {
                kept.remaking().set(false); // made again, or failed: the next caller past the age may try
            }
        }
    }
}
