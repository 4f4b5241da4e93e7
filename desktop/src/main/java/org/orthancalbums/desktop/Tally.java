package org.orthancalbums.desktop;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** How many items ended each way, every way present (zero included): the counts of an upload or download report. */
public final class Tally {
    private Tally() {
    }

    public static <T, E extends Enum<E>> Map<E, Integer> of(Class<E> outcomes, List<T> items, Function<T, E> outcome) {
        Map<E, Integer> counts = new TreeMap<>();
        for (E each : outcomes.getEnumConstants()) {
            counts.put(each, 0);
        }
        items.forEach(item -> counts.merge(outcome.apply(item), 1, Integer::sum));
        return counts;
    }
}
