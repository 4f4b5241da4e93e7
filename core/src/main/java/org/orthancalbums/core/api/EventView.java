package org.orthancalbums.core.api;

import java.time.Instant;
import java.util.Map;

/** One line of an album's history. */
public record EventView(long id, Instant at, String actorId, String actorName, String kind, Map<String, Object> detail) {
}
